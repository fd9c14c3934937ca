package org.wangge.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wangge.Api;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service killed with SIGKILL (kill -9) while deliveries are in flight: the packaged jar runs as
 * a separate process on its own PostGIS database (as {@code scripts/chaos} runs it), the receiver
 * answers slowly, the process is killed while the receiver holds requests, and started again. Every
 * outbox row is then delivered, the ones in flight at the kill a second time with the same delivery
 * id, and the receiver saw no id that was not written: at least once, stable ids, none lost. Needs
 * the jar that {@code package} builds (failsafe runs after it) and {@code scripts/test}'s PostgreSQL.
 */
class WebhookKillPostgisIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String SECRET = "kill-test-webhook-secret";
  static final int CASES = 4;

  @Test
  void deliveriesInFlightAtAKill9AreSentAgainWithTheirIdsAndNoneIsLost() throws Exception {
    String host = System.getenv("WANGGE_TEST_PG_HOST");
    String pgPort = System.getenv("WANGGE_TEST_PG_PORT");
    String user = System.getenv("WANGGE_TEST_PG_USER");
    String password = System.getenv().getOrDefault("WANGGE_TEST_PG_PASSWORD", "");
    assertThat(host).as("run with scripts/test, which starts PostgreSQL with PostGIS").isNotNull();
    Path jar = serviceJar();
    String database = "wangge_kill_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
    String server = "jdbc:postgresql://" + host + ":" + pgPort + "/";
    try (Connection admin = DriverManager.getConnection(server + "postgres", user, password);
        Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    try (Connection db = DriverManager.getConnection(server + database, user, password);
        Statement s = db.createStatement()) {
      s.execute("CREATE EXTENSION postgis");
    }

    WebhookReceiver receiver = new WebhookReceiver();
    // Slow answers: every delivery stays in flight for 3 s, long enough to be killed under.
    receiver.delay(Duration.ofSeconds(3));
    int port = freePort();
    List<String> command =
        List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "-Xmx640m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            jar.toString(),
            "--server.address=127.0.0.1",
            "--server.port=" + port,
            "--spring.datasource.url=" + server + database,
            "--spring.datasource.username=" + user,
            "--spring.datasource.password=" + password,
            "--wangge.demo.grids=40",
            "--wangge.demo.addresses=2000",
            "--wangge.demo.incidents=40",
            "--wangge.closed-loop.clock-interval=PT1H",
            "--wangge.notify.webhooks[0].name=members",
            "--wangge.notify.webhooks[0].url=" + receiver.url("/members"),
            "--wangge.notify.webhooks[0].secret=" + SECRET,
            "--wangge.notify.webhooks[0].roles=GRID_MEMBER,OPERATOR",
            "--wangge.notify.webhooks[0].events=ASSIGNED",
            "--wangge.notify.webhooks[0].connect-timeout=PT1S",
            "--wangge.notify.webhooks[0].request-timeout=PT5S",
            "--wangge.notify.lease=PT8S",
            "--wangge.notify.poll-interval=PT0.3S",
            "--wangge.notify.backoff-initial=PT0.5S",
            "--wangge.notify.backoff-max=PT2S",
            "--logging.level.root=WARN",
            "--logging.level.org.wangge=INFO");
    Process app = null;
    try (Connection db = DriverManager.getConnection(server + database, user, password)) {
      app = start(command, 1);
      awaitReady(port, app, Duration.ofSeconds(150));
      String member = one(db, "SELECT member_code FROM app_user WHERE username = 'member-grid1'");
      String grid = one(db, "SELECT area_code FROM app_user WHERE username = 'member-grid1'");
      String category =
          one(db, "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL AND grid_admitted");
      String point = one(db, "SELECT ST_X(ST_PointOnSurface(boundary)) || ',' || ST_Y(ST_PointOnSurface(boundary)) FROM area WHERE code = '" + grid + "' AND valid_to IS NULL");
      Api operator = Api.as(port, "operator-street");
      for (int i = 0; i < CASES; i++) {
        String[] xy = point.split(",");
        var filed =
            operator.post(
                "/api/incidents",
                "{\"lon\":" + xy[0] + ",\"lat\":" + xy[1] + ",\"categoryCode\":\"" + category + "\",\"description\":\"kill -9 " + i
                    + "\",\"source\":\"PATROL\"}");
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        long id = JSON.readTree(filed.body()).get("id").asLong();
        var dispatched = operator.post("/api/incidents/" + id + "/actions", "{\"action\":\"DISPATCH\",\"assigneeCode\":\"" + member + "\"}");
        assertThat(dispatched.statusCode()).as(dispatched.body()).isEqualTo(200);
      }
      Set<String> written = ids(db, "delivery_id IS NOT NULL");
      assertThat(written).as("each dispatch writes a delivery for the member and one for the centre").hasSizeGreaterThanOrEqualTo(2 * CASES);

      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> receiver.inFlight() > 0);
      app.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to record anything
      assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Set<String> sentBeforeKill = receiver.countsById().keySet();
      Set<String> unrecorded = ids(db, "delivered_at IS NULL");
      Set<String> inFlightAtKill = new HashSet<>(sentBeforeKill);
      inFlightAtKill.retainAll(unrecorded);
      assertThat(inFlightAtKill).as("deliveries the receiver got but the killed service never recorded").isNotEmpty();

      receiver.delay(Duration.ofMillis(200));
      app = start(command, 2);
      awaitReady(port, app, Duration.ofSeconds(120));
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> ids(db, "delivered_at IS NULL").isEmpty());

      Map<String, Long> counts = receiver.countsById();
      assertThat(ids(db, "delivery_id IS NOT NULL")).as("nothing written after the kill but before the restart").isEqualTo(written);
      assertThat(counts.keySet()).as("every delivery arrived; the receiver saw no id that was not written").isEqualTo(written);
      for (String id : inFlightAtKill) {
        assertThat(counts.get(id)).as("in flight at the kill: sent again with the same id " + id).isGreaterThanOrEqualTo(2);
      }
      for (var r : receiver.received()) {
        assertThat(WebhookSignature.verify(SECRET, r.body(), r.header("X-Wangge-Signature"))).isTrue();
        assertThat(r.json().path("deliveryId").asString()).isEqualTo(r.deliveryId());
      }
    } finally {
      if (app != null) {
        app.destroyForcibly();
        app.waitFor(30, TimeUnit.SECONDS);
      }
      receiver.stop();
    }
  }

  static Path serviceJar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("backend-.*\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No backend/target/backend-*.jar: run through Maven's verify (package builds it)"));
    }
  }

  static Process start(List<String> command, int run) throws IOException {
    File log = Path.of("target", "webhook-kill-app-" + run + ".log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }

  static void awaitReady(int port, Process app, Duration atMost) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build();
    await().atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              assertThat(app.isAlive()).as("the service process is running (see target/webhook-kill-app-*.log)").isTrue();
              try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
              } catch (IOException e) {
                return false;
              }
            });
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String one(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }

  static Set<String> ids(Connection db, String where) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT delivery_id::text FROM notification_outbox WHERE " + where)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

}
