package org.wangge.map;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.wangge.incident.CaseChange;
import org.wangge.incident.CaseFeed;
import org.wangge.security.Jurisdiction;

/**
 * Fans the case timeline out to live subscribers. One poller per instance reads new timeline
 * entries from the database (so every instance sees every change, whichever instance made it) and
 * hands them on strictly in id order, losslessly.
 *
 * <p><b>The gap rule.</b> Timeline ids are taken from a sequence when a transaction inserts its
 * entry, but become visible only when it commits, so a reader can see id N+2 before N+1. A missing
 * id (a gap) holds back every id after it until it appears, or until it is <em>proven</em> that it
 * never will: when the poller first sees a gap below the highest visible id H, it notes the
 * transactions open at that moment ({@link CaseFeed#openWriters()}: every id up to H was taken by
 * one of them or is already visible). Once all of them have ended, the poller reads again; what is
 * still missing up to H was rolled back and is skipped. There is no time limit: an entry whose
 * transaction commits 30 s or 30 min later (a plan publish that re-routes many cases, a paused JVM)
 * is still delivered, in its place, and the entries after it wait for it. So a client that resumes
 * after entry N (Last-Event-ID) misses nothing and gets nothing twice; the price is that one long
 * transaction writing to the timeline delays the feed until it ends (a warning is logged every
 * {@link #SLOW_GAP_WARNING}).
 *
 * <p>Each subscriber has its own queue and sending thread, so a slow client never holds up the
 * others; one that falls too far behind is closed and resumes by itself. When the application
 * stops, every stream is completed first (a {@link SmartLifecycle} in the latest-stopping-first
 * phase), so that graceful shutdown does not wait for open streams; clients resume with
 * Last-Event-ID on another instance.
 */
@Component
class LiveFeed implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
  static final Duration SLOW_GAP_WARNING = Duration.ofSeconds(30);
  private static final int BATCH = 1_000;
  private static final int QUEUE = 10_000;
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final CaseFeed feed;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private long cursor = -1;
  /** The gap being waited for, if any: ids after the cursor up to {@code horizon} may still commit. */
  private Gap gap;
  private Instant lastWarning;
  private volatile boolean running;

  /** A gap after the cursor: the ids up to {@code horizon} were taken by the {@code writers} noted {@code since}. */
  private record Gap(long horizon, CaseFeed.OpenWriters writers, Instant since) {}

  LiveFeed(CaseFeed feed) {
    this.feed = feed;
  }

  /** A client: what it may see, and the entries waiting to be sent to it. */
  final class Subscriber {
    final SseEmitter emitter;
    final Jurisdiction jurisdiction;
    final Long departmentId;
    final BlockingQueue<CaseChange> queue = new ArrayBlockingQueue<>(QUEUE);
    volatile boolean open = true;

    Subscriber(SseEmitter emitter, Jurisdiction jurisdiction, Long departmentId) {
      this.emitter = emitter;
      this.jurisdiction = jurisdiction;
      this.departmentId = departmentId;
    }

    /** The area test, on the poller's thread; the department test happens on the sending thread. */
    boolean inArea(CaseChange c) {
      return jurisdiction.covers(c.placeCode());
    }

    /** A department officer follows the department's cases and those it was called in to. */
    boolean inDepartment(CaseChange c) {
      if (!jurisdiction.departmentCasesOnly()) {
        return true;
      }
      return departmentId != null && (departmentId.equals(c.departmentId()) || feed.calledIn(c.incidentId(), departmentId));
    }

    void offer(CaseChange c) {
      if (open && inArea(c) && !queue.offer(c)) {
        // Too far behind: close; the client reconnects with Last-Event-ID and catches up.
        close();
      }
    }

    void close() {
      open = false;
      subscribers.remove(this);
      emitter.complete();
    }
  }

  /**
   * Subscribes from entry {@code lastEventId} on (or from now with {@code null}): sends the entries
   * after it that the caller may see, then every new one, on a virtual thread of its own.
   */
  SseEmitter subscribe(Jurisdiction jurisdiction, Long departmentId, Long lastEventId) {
    var emitter = new SseEmitter(Duration.ofMinutes(30).toMillis());
    var subscriber = new Subscriber(emitter, jurisdiction, departmentId);
    long from;
    synchronized (this) {
      if (!running) {
        // Shutting down: the client reconnects (to another instance) with its Last-Event-ID.
        emitter.complete();
        return emitter;
      }
      startCursor();
      from = cursor;
      subscribers.add(subscriber);
    }
    emitter.onCompletion(() -> subscriber.open = false);
    emitter.onTimeout(subscriber::close);
    emitter.onError(e -> subscriber.open = false);
    Thread.ofVirtual().name("live-" + jurisdiction.username()).start(() -> send(subscriber, lastEventId, from));
    return emitter;
  }

  private void send(Subscriber s, Long lastEventId, long registeredAt) {
    try {
      s.emitter.send(SseEmitter.event().reconnectTime(2_000).name("ready").id(Long.toString(lastEventId == null ? registeredAt : Math.max(lastEventId, 0))).data("{}", MediaType.APPLICATION_JSON));
      if (lastEventId != null && lastEventId < registeredAt) {
        List<CaseChange> missed = feed.after(lastEventId, registeredAt, s.jurisdiction, s.departmentId, QUEUE + 1);
        if (missed.size() > QUEUE) {
          s.emitter.send(SseEmitter.event().name("reset").data("{\"reason\":\"too far behind: reload the cases\"}", MediaType.APPLICATION_JSON));
        } else {
          for (CaseChange c : missed) {
            emit(s, c);
          }
        }
      }
      // Entries up to here came from the catch-up (or the client had them from another instance).
      long floor = lastEventId == null ? registeredAt : Math.max(lastEventId, registeredAt);
      while (s.open) {
        CaseChange c = s.queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        if (c == null) {
          s.emitter.send(SseEmitter.event().comment("keep-alive"));
        } else if (c.eventId() > floor && s.inDepartment(c)) {
          emit(s, c);
        }
      }
    } catch (IOException | IllegalStateException e) {
      s.open = false;
      subscribers.remove(s);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("Live feed to {} stopped: {}", s.jurisdiction.username(), e.getMessage());
      s.close();
    }
  }

  private static void emit(Subscriber s, CaseChange c) throws IOException {
    s.emitter.send(SseEmitter.event().id(Long.toString(c.eventId())).name("case").data(c, MediaType.APPLICATION_JSON));
  }

  private void startCursor() {
    if (cursor < 0) {
      cursor = feed.lastId();
    }
  }

  /** Reads new timeline entries and hands them on in id order (see the class comment's gap rule). */
  @Scheduled(fixedDelayString = "${wangge.live.poll-interval:PT0.1S}")
  synchronized void poll() {
    try {
      startCursor();
      List<CaseChange> rows = feed.after(cursor, BATCH);
      int next = deliverInOrder(rows);
      if (next == rows.size()) {
        gap = null;
        return;
      }
      // A gap after the cursor, below visible ids.
      if (gap == null || gap.horizon() <= cursor) {
        // Noted after the read: every id up to the highest one read was taken by a transaction open now, or is visible.
        gap = new Gap(rows.getLast().eventId(), feed.openWriters(), Instant.now());
        return;
      }
      if (gap.writers().stillOpen()) {
        warnIfSlow();
        return;
      }
      // Every transaction that could hold an id up to the horizon has ended: what is visible now is all there will be.
      Gap closed = gap;
      gap = null;
      List<CaseChange> settled = feed.after(cursor, BATCH);
      for (CaseChange row : settled) {
        if (row.eventId() - 1 > closed.horizon() && row.eventId() != cursor + 1) {
          break; // a newer gap, beyond what the noted transactions could hold: wait for it in turn
        }
        hand(row);
      }
    } catch (RuntimeException e) {
      // The database may be away for a while: say so once every half minute, not every poll.
      Instant now = Instant.now();
      if (lastWarning == null || lastWarning.plusSeconds(30).isBefore(now)) {
        lastWarning = now;
        log.warn("Live feed cannot read new changes, retrying every poll: {}", e.getMessage());
      }
    }
  }

  /** Hands on the rows that follow the cursor without a gap; returns how many. */
  private int deliverInOrder(List<CaseChange> rows) {
    int i = 0;
    while (i < rows.size() && rows.get(i).eventId() == cursor + 1) {
      hand(rows.get(i++));
    }
    return i;
  }

  private void hand(CaseChange row) {
    for (Subscriber s : subscribers) {
      s.offer(row);
    }
    cursor = row.eventId();
  }

  private void warnIfSlow() {
    Instant now = Instant.now();
    if (gap.since().plus(SLOW_GAP_WARNING).isBefore(now) && (lastWarning == null || lastWarning.plus(SLOW_GAP_WARNING).isBefore(now))) {
      lastWarning = now;
      log.warn(
          "Live feed waits for timeline id {} (since {}): a transaction that may hold it is still open; later changes wait",
          cursor + 1,
          gap.since());
    }
  }

  // --- lifecycle: streams close first when the application stops --------------------------------

  @Override
  public void start() {
    running = true;
  }

  /** Completes every stream, so that graceful shutdown need not wait for them. */
  @Override
  public void stop() {
    running = false;
    List<Subscriber> open = List.copyOf(subscribers);
    for (Subscriber s : open) {
      try {
        s.close();
      } catch (RuntimeException e) {
        log.debug("Closing a live stream: {}", e.toString());
      }
    }
    if (!open.isEmpty()) {
      log.info("Live feed: closed {} stream(s) for shutdown; clients resume with Last-Event-ID", open.size());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops first (before the web server's graceful shutdown waits for requests in flight). */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }

  /** How many clients are connected here. */
  int subscribers() {
    return subscribers.size();
  }
}
