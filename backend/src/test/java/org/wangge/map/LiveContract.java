package org.wangge.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/live} over real HTTP: each subscriber gets the changes of its jurisdiction, each
 * once, in order; after a dropped connection it resumes with {@code Last-Event-ID} and gets exactly
 * what it missed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LiveContract {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;
  @Autowired org.springframework.transaction.support.TransactionTemplate transactions;

  /** One SSE connection read on its own thread: events as (id, name, data). */
  final class Stream implements AutoCloseable {
    record Event(String id, String name, JsonNode data) {}

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final Thread reader;
    volatile HttpResponse<java.io.InputStream> response;

    Stream(String user, String lastEventId) {
      var request = Api.as(port, user).request("/api/live").header("Accept", "text/event-stream");
      if (lastEventId != null) {
        request.header("Last-Event-ID", lastEventId);
      }
      HttpRequest built = request.GET().build();
      reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    response = Api.send(built, HttpResponse.BodyHandlers.ofInputStream());
                    try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                      String id = null;
                      String name = null;
                      StringBuilder data = new StringBuilder();
                      String line;
                      while ((line = in.readLine()) != null) {
                        if (line.isEmpty()) {
                          if (name != null) {
                            events.add(new Event(id, name, JSON.readTree(data.toString())));
                          }
                          id = null;
                          name = null;
                          data.setLength(0);
                        } else if (line.startsWith("id:")) {
                          id = line.substring(3).strip();
                        } else if (line.startsWith("event:")) {
                          name = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                          data.append(line.substring(5));
                        }
                      }
                    } catch (Exception e) {
                      // closed by the test
                    }
                  });
    }

    Event next(Duration timeout) throws InterruptedException {
      return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next case events until {@code count} arrived (fails after the timeout). */
    List<Event> cases(int count) throws InterruptedException {
      List<Event> got = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (got.size() < count && System.nanoTime() < deadline) {
        Event e = next(Duration.ofMillis(200));
        if (e != null && e.name().equals("case")) {
          got.add(e);
        }
      }
      return got;
    }

    /** Case events arriving within the window. */
    List<Event> drain(Duration window) throws InterruptedException {
      List<Event> got = new ArrayList<>();
      long deadline = System.nanoTime() + window.toNanos();
      while (System.nanoTime() < deadline) {
        Event e = next(Duration.ofMillis(100));
        if (e != null && e.name().equals("case")) {
          got.add(e);
        }
      }
      return got;
    }

    @Override
    public void close() throws Exception {
      if (response != null) {
        response.body().close();
      }
      reader.interrupt();
    }
  }

  String area(String user) {
    return jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = ?", String.class, user);
  }

  long report(String gridCode) throws Exception {
    byte[] wkb = jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, gridCode);
    Coordinate c = new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    String category = jdbc.queryForObject("SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    var filed =
        Api.as(port, "operator-city").post(
            "/api/incidents",
            "{\"lon\":" + c.x + ",\"lat\":" + c.y + ",\"categoryCode\":\"" + category + "\",\"description\":\"实时测试\",\"source\":\"PATROL\"}");
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    return JSON.readTree(filed.body()).get("id").asLong();
  }

  void cancel(long id) {
    var r = Api.as(port, "operator-city").post("/api/incidents/" + id + "/actions", "{\"action\":\"CANCEL\",\"reason\":\"实时测试\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void eachSubscriberGetsTheChangesOfItsJurisdictionOnceAndInOrder() throws Exception {
    try (Stream member = new Stream("member-grid1", null);
        Stream city = new Stream("operator-city", null)) {
      assertThat(member.next(Duration.ofSeconds(10)).name()).isEqualTo("ready");
      assertThat(city.next(Duration.ofSeconds(10)).name()).isEqualTo("ready");
      long own = report(area("member-grid1"));
      long next = report(area("member-grid2"));
      cancel(own);
      List<Stream.Event> forCity = city.cases(3);
      assertThat(forCity).extracting(e -> e.data().get("incidentId").asLong()).containsExactly(own, next, own);
      assertThat(forCity).extracting(e -> e.data().get("action").asString()).containsExactly("REPORT", "REPORT", "CANCEL");
      assertThat(Long.parseLong(forCity.get(0).id())).isLessThan(Long.parseLong(forCity.get(1).id()));
      List<Stream.Event> forMember = member.cases(2);
      assertThat(forMember).extracting(e -> e.data().get("incidentId").asLong()).containsExactly(own, own);
      assertThat(member.drain(Duration.ofSeconds(1))).isEmpty();
      assertThat(city.drain(Duration.ofMillis(500))).isEmpty();
    }
  }

  @Test
  void aDroppedConnectionResumesWithLastEventIdMissingNothingAndRepeatingNothing() throws Exception {
    String last;
    long first;
    try (Stream city = new Stream("operator-city", null)) {
      city.next(Duration.ofSeconds(10));
      first = report(area("member-grid1"));
      List<Stream.Event> got = city.cases(1);
      assertThat(got).hasSize(1);
      last = got.getFirst().id();
    }
    // While disconnected: five changes.
    List<Long> missed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      missed.add(report(area("member-grid2")));
    }
    try (Stream resumed = new Stream("operator-city", last)) {
      long after = report(area("member-grid1"));
      List<Stream.Event> got = resumed.cases(6);
      List<Long> expected = new ArrayList<>(missed);
      expected.add(after);
      assertThat(got).extracting(e -> e.data().get("incidentId").asLong()).containsExactlyElementsOf(expected);
      assertThat(got).extracting(e -> e.data().get("incidentId").asLong()).doesNotContain(first);
      assertThat(resumed.drain(Duration.ofSeconds(1))).isEmpty();
    }
  }

  /** How long a report takes from its 201 to a subscriber (printed for BENCHMARKS.md, not asserted). */
  @Test
  void measuresTheDelayFromAReportToItsLiveEvent() throws Exception {
    List<Long> millis = new ArrayList<>();
    try (Stream city = new Stream("operator-city", null)) {
      city.next(Duration.ofSeconds(10));
      for (int i = 0; i < 20; i++) {
        long id = report(area("member-grid1"));
        long answered = System.nanoTime();
        List<Stream.Event> got = city.cases(1);
        assertThat(got).hasSize(1);
        assertThat(got.getFirst().data().get("incidentId").asLong()).isEqualTo(id);
        millis.add((System.nanoTime() - answered) / 1_000_000);
      }
    }
    List<Long> sorted = millis.stream().sorted().toList();
    System.out.printf(
        "Live feed: report 201 → event at the subscriber, 20 reports: median %d ms, max %d ms%n",
        sorted.get(sorted.size() / 2), sorted.getLast());
  }

  /**
   * A timeline entry whose transaction commits 30 s after its id was taken (a plan publish
   * re-routing many cases, a paused JVM) is delivered in its place, and the entries committed
   * meanwhile after it; each once, in id order, also to a client that resumes with Last-Event-ID.
   * An entry that is rolled back holds nothing up once its transaction has ended.
   */
  @Test
  void anEntryCommittedThirtySecondsLateIsDeliveredInItsPlace() throws Exception {
    long held = report(area("member-grid1"));
    try (Stream city = new Stream("operator-city", null)) {
      assertThat(city.next(Duration.ofSeconds(10)).name()).isEqualTo("ready");
      var inserted = new java.util.concurrent.CountDownLatch(1);
      var neverReleased = new java.util.concurrent.CountDownLatch(1);
      var lateId = new java.util.concurrent.atomic.AtomicLong();
      Thread late =
          Thread.ofPlatform()
              .start(
                  () ->
                      transactions.executeWithoutResult(
                          tx -> {
                            lateId.set(insertTimelineEntry(held, "held 30 s"));
                            inserted.countDown();
                            try {
                              // Holds the entry, uncommitted, for 30 s.
                              assertThat(neverReleased.await(30, TimeUnit.SECONDS)).isFalse();
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                          }));
      assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
      long before = lateId.get() - 1;
      List<Long> after = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        after.add(report(area("member-grid2")));
      }
      late.join(Duration.ofSeconds(60));
      List<Stream.Event> got = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (got.size() < 4 && System.nanoTime() < deadline) {
        Stream.Event e = city.next(Duration.ofMillis(200));
        // (The held case's own report may come first: it was filed just before the stream opened.)
        if (e != null && e.name().equals("case") && Long.parseLong(e.id()) >= lateId.get()) {
          got.add(e);
        }
      }
      List<Long> expected = new ArrayList<>(List.of(held));
      expected.addAll(after);
      assertThat(got).extracting(e -> e.data().get("incidentId").asLong()).containsExactlyElementsOf(expected);
      assertThat(Long.parseLong(got.getFirst().id())).isEqualTo(lateId.get());
      assertThat(got).extracting(e -> Long.parseLong(e.id())).isSorted().doesNotHaveDuplicates();
      assertThat(city.drain(Duration.ofMillis(500))).isEmpty();
      // A client resuming from just before the late entry gets it and what followed, once each.
      try (Stream resumed = new Stream("operator-city", Long.toString(before))) {
        List<Stream.Event> caughtUp = resumed.cases(4);
        assertThat(caughtUp).extracting(Stream.Event::id).containsExactlyElementsOf(got.stream().map(Stream.Event::id).toList());
        assertThat(resumed.drain(Duration.ofMillis(500))).isEmpty();
      }
      // A rolled-back entry leaves a gap that holds nothing up once its transaction has ended.
      transactions.executeWithoutResult(
          tx -> {
            insertTimelineEntry(held, "rolled back");
            tx.setRollbackOnly();
          });
      long next = report(area("member-grid1"));
      assertThat(city.cases(1)).extracting(e -> e.data().get("incidentId").asLong()).containsExactly(next);
    }
  }

  private long insertTimelineEntry(long incidentId, String reason) {
    String status = jdbc.queryForObject("SELECT status FROM incident WHERE id = ?", String.class, incidentId);
    var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.update(
        c -> {
          var ps =
              c.prepareStatement(
                  "INSERT INTO incident_event (incident_id, occurred_at, actor, actor_role, action, from_status, to_status, reason)"
                      + " VALUES (?, ?, 'live-test', 'ADMIN', 'NOTE', ?, ?, ?)",
                  new String[] {"id"});
          ps.setLong(1, incidentId);
          ps.setTimestamp(2, java.sql.Timestamp.from(java.time.Instant.now()));
          ps.setString(3, status);
          ps.setString(4, status);
          ps.setString(5, reason);
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  @Test
  void theFeedNeedsASignedInUser() {
    assertThat(Api.anonymous(port).get("/api/live").statusCode()).isEqualTo(401);
  }
}
