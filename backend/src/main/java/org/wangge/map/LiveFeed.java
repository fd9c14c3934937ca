package org.wangge.map;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * hands them on strictly in id order: an id that is allocated but not yet visible (its
 * transaction has not committed) holds back the ids after it until it appears, or for at most
 * {@link #GAP_EXPIRY} (then its transaction rolled back and it never existed). So a client that
 * resumes after entry N misses nothing and gets nothing twice. Each subscriber has its own queue
 * and sending thread, so a slow client never holds up the others; one that falls too far behind is
 * closed and resumes by itself.
 */
@Component
class LiveFeed {

  private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
  static final Duration GAP_EXPIRY = Duration.ofSeconds(10);
  private static final int MAX_GAP = 1_000;
  private static final int QUEUE = 10_000;
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final CaseFeed feed;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final Map<Long, Instant> gapSince = new HashMap<>();
  private long cursor = -1;
  private Instant lastWarning;

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

  /** Reads new timeline entries and hands them on in id order (see the class comment). */
  @Scheduled(fixedDelayString = "${wangge.live.poll-interval:PT0.1S}")
  synchronized void poll() {
    try {
      startCursor();
      List<CaseChange> rows = feed.after(cursor, 1_000);
      Instant now = Instant.now();
      long expected = cursor + 1;
      for (CaseChange row : rows) {
        long id = row.eventId();
        if (id > expected) {
          if (id - expected <= MAX_GAP && !expired(expected, id, now)) {
            break; // wait for the missing ids to commit
          }
          for (long missing = expected; missing < id; missing++) {
            gapSince.remove(missing);
          }
        }
        for (Subscriber s : subscribers) {
          s.offer(row);
        }
        gapSince.remove(id);
        cursor = id;
        expected = id + 1;
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

  private boolean expired(long fromId, long toId, Instant now) {
    boolean all = true;
    for (long id = fromId; id < toId; id++) {
      Instant since = gapSince.computeIfAbsent(id, k -> now);
      if (since.plus(GAP_EXPIRY).isAfter(now)) {
        all = false;
      }
    }
    return all;
  }

  /** How many clients are connected here. */
  int subscribers() {
    return subscribers.size();
  }
}
