package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.locationtech.jts.geom.Coordinate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;
import org.springframework.test.context.support.DirtiesContextBeforeModesTestExecutionListener;
import org.springframework.test.context.support.DirtiesContextTestExecutionListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service while its PostGIS is away, over real HTTP, with the database behind a {@link
 * CuttableProxy}: cut (stopped or unreachable), frozen (SIGSTOP: connections open, no answers), or
 * dying during a commit. Every request then answers {@code 503} with {@code Retry-After}, whatever
 * its way of signing in (API token, HTTP Basic, the login form, a session, none), within the
 * configured bounds; readiness is DOWN while liveness stays UP; everything recovers by itself; and
 * a report retried with its Idempotency-Key is stored once. Last, the application stops well within
 * the graceful-shutdown timeout although a live-feed stream is open.
 *
 * <p>Bounds here (smaller than the defaults, to keep the test short): statement timeout 2 s, socket
 * timeout 3 s, pool wait 2 s.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "wangge.database.statement-timeout=2s",
      "wangge.database.socket-timeout=3s",
      "spring.datasource.hikari.connection-timeout=2000",
      "wangge.demo.grids=40",
      "wangge.demo.addresses=2000",
      "wangge.demo.incidents=40"
    })
@ContextConfiguration(initializers = OutagePostgisIT.BehindProxy.class)
// Without the listeners that reach for the context after each test: the last test closes it.
@TestExecutionListeners(
    listeners = {
      DirtiesContextBeforeModesTestExecutionListener.class,
      DependencyInjectionTestExecutionListener.class,
      DirtiesContextTestExecutionListener.class
    },
    mergeMode = TestExecutionListeners.MergeMode.REPLACE_DEFAULTS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutagePostgisIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  /** The longest an answer may take while the database is frozen: pool wait or socket timeout, plus slack. */
  static final Duration BOUND = Duration.ofSeconds(8);

  /** A fresh PostGIS database (as {@link PostgisDatabase}) that the app reaches through {@link #PROXY}. */
  static class BehindProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      new PostgisDatabase().initialize(context);
      String url = context.getEnvironment().getProperty("spring.datasource.url");
      directUrl = url;
      String port = System.getenv("WANGGE_TEST_PG_PORT");
      try {
        PROXY = new CuttableProxy(Integer.parseInt(port));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      TestPropertyValues.of("spring.datasource.url=" + url.replace(":" + port + "/", ":" + PROXY.port() + "/")).applyTo(context);
    }
  }

  static CuttableProxy PROXY;
  static String directUrl;

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;
  @Autowired ConfigurableApplicationContext context;

  String category;
  Coordinate inGrid;

  @BeforeAll
  void fixtures() {
    category =
        jdbc.queryForObject(
            "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    String grid = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'member-grid1'", String.class);
    byte[] wkb =
        jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, grid);
    try {
      inGrid = new org.locationtech.jts.io.WKBReader(org.wangge.spatial.Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void reconnect() throws IOException {
    PROXY.thaw();
    if (!context.isActive()) {
      return;
    }
    try {
      PROXY.restore();
    } catch (IOException e) {
      // already accepting
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness", Map.of()).statusCode() == 200);
  }

  @Test
  @Order(1)
  void everyWayOfSigningInAnswers503WithRetryAfterWhileTheDatabaseIsAwayAndReadinessFollowsIt() throws Exception {
    String token = Api.as(port, "operator-city").token();
    var browser = signedInBrowser("operator-street");
    var csrf = csrfBrowser();
    assertThat(get("/actuator/health/readiness", Map.of()).statusCode()).isEqualTo(200);

    PROXY.cut();
    await().atMost(Duration.ofSeconds(20)).until(() -> get("/actuator/health/readiness", Map.of()).statusCode() == 503);
    assertThat(get("/actuator/health/liveness", Map.of()).statusCode()).isEqualTo(200);
    assertUnavailable(get("/api/me", Map.of("Authorization", "Bearer " + token)));
    assertUnavailable(get("/api/me", Map.of("Authorization", Api.basic("operator-city", Api.DEMO_PASSWORD))));
    assertUnavailable(get("/api/incidents", Map.of("Authorization", Api.basic("operator-city", Api.DEMO_PASSWORD))));
    assertUnavailable(send(browser.client(), HttpRequest.newBuilder(URI.create(base() + "/api/incidents")).build()));
    assertUnavailable(
        send(
            csrf.client(),
            SecurityContract.form(
                base() + "/login", Map.of("username", "operator-street", "password", Api.DEMO_PASSWORD, "_csrf", csrf.token()))));
    var anonymous = report(UUID.randomUUID().toString(), Map.of());
    assertUnavailable(anonymous);
    assertThat(JSON.readTree(anonymous.body()).get("detail").asString()).contains("Nothing was changed");

    PROXY.restore();
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness", Map.of()).statusCode() == 200);
    assertThat(get("/api/me", Map.of("Authorization", "Bearer " + token)).statusCode()).isEqualTo(200);
    assertThat(get("/api/me", Map.of("Authorization", Api.basic("operator-city", Api.DEMO_PASSWORD))).statusCode()).isEqualTo(200);
    assertThat(send(browser.client(), HttpRequest.newBuilder(URI.create(base() + "/api/incidents")).build()).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void aFrozenDatabaseAnswers503WithinTheBoundAndAReportRetriedWithItsKeyIsStoredOnce() throws Exception {
    String token = Api.as(port, "operator-city").token();
    String key = "frozen-" + UUID.randomUUID();
    PROXY.freeze();
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      var read = get("/api/incidents", Map.of("Authorization", "Bearer " + token));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
      assertUnavailable(read);
      start = System.nanoTime();
      var filed = report(key, Map.of());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
      assertUnavailable(filed);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> get("/actuator/health/readiness", Map.of()).statusCode() == 503);
    PROXY.thaw();
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness", Map.of()).statusCode() == 200);
    var retried = report(key, Map.of());
    assertThat(retried.statusCode()).as(retried.body()).isIn(200, 201);
    assertThat(count("SELECT count(*) FROM idempotency_key WHERE idempotency_key LIKE ?", "%" + key)).isEqualTo(1);
  }

  @Test
  @Order(3)
  void aConnectionThatDiesDuringTheCommitAnswers503SayingTheOutcomeIsUnknown() throws Exception {
    // A deferred trigger ends the session at the commit of the first report described 'commit-dies'.
    direct(
        """
        CREATE SEQUENCE commit_dies_once;
        CREATE FUNCTION commit_dies() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF nextval('commit_dies_once') = 1 THEN
            PERFORM pg_terminate_backend(pg_backend_pid());
          END IF;
          RETURN NULL;
        END $$;
        CREATE CONSTRAINT TRIGGER incident_commit_dies AFTER INSERT ON incident DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW WHEN (NEW.description = 'commit-dies') EXECUTE FUNCTION commit_dies();
        """);
    try {
      String key = "commit-" + UUID.randomUUID();
      var died = report(key, Map.of(), "commit-dies");
      assertUnavailable(died);
      String detail = JSON.readTree(died.body()).get("detail").asString();
      assertThat(detail).contains("Idempotency-Key").doesNotContain("Nothing was changed");
      var retried = report(key, Map.of(), "commit-dies");
      assertThat(retried.statusCode()).as(retried.body()).isIn(200, 201);
      assertThat(count("SELECT count(*) FROM incident WHERE description = 'commit-dies'")).isEqualTo(1);
    } finally {
      direct("DROP TRIGGER incident_commit_dies ON incident; DROP FUNCTION commit_dies(); DROP SEQUENCE commit_dies_once");
    }
  }

  /** Last: closes the application (the class's context is not reused). */
  @Test
  @Order(99)
  @DirtiesContext
  void theApplicationStopsWellWithinTheGracefulTimeoutWithALiveStreamOpen() throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(base() + "/api/live"))
            .header("Authorization", Api.basic("operator-city", Api.DEMO_PASSWORD))
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    InputStream body = stream.body();
    byte[] ready = new byte[64];
    assertThat(body.read(ready)).isPositive(); // the 'ready' event: the stream is open
    CompletableFuture<Long> ended =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                body.transferTo(java.io.OutputStream.nullOutputStream());
                return System.nanoTime();
              } catch (IOException e) {
                return System.nanoTime();
              }
            });
    long start = System.nanoTime();
    context.close();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf("Shutdown with an open live stream: %d ms%n", took.toMillis());
    assertThat(took).isLessThan(Duration.ofSeconds(10)); // the graceful timeout is 30 s
    assertThat(ended.get(5, TimeUnit.SECONDS)).isPositive(); // the stream was ended, not left hanging
  }

  // --- helpers ---------------------------------------------------------------------------------

  private void assertUnavailable(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("10");
    JsonNode problem = JSON.readTree(r.body());
    assertThat(problem.get("title").asString()).isEqualTo("Database unavailable");
  }

  private HttpResponse<String> report(String key, Map<String, String> headers) {
    return report(key, headers, "停电测试");
  }

  private HttpResponse<String> report(String key, Map<String, String> headers, String description) {
    var builder =
        HttpRequest.newBuilder(URI.create(base() + "/api/incidents"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .timeout(Duration.ofSeconds(30))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"lon\":" + inGrid.x + ",\"lat\":" + inGrid.y + ",\"categoryCode\":\"" + category
                        + "\",\"description\":\"" + description + "\",\"source\":\"CITIZEN\"}"));
    headers.forEach(builder::header);
    return Api.send(builder.build());
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) {
    var builder = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
    headers.forEach(builder::header);
    return Api.send(builder.build());
  }

  private record Browser(HttpClient client, String token) {}

  /** A browser signed in with the login form (session cookie). */
  private Browser signedInBrowser(String user) {
    Browser b = csrfBrowser();
    var login =
        send(b.client(), SecurityContract.form(base() + "/login", Map.of("username", user, "password", Api.DEMO_PASSWORD, "_csrf", b.token())));
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
    return b;
  }

  /** A browser that has its CSRF token (needs no database). */
  private Browser csrfBrowser() {
    var cookies = new CookieManager();
    var client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    send(client, HttpRequest.newBuilder(URI.create(base() + "/api/csrf")).build());
    return new Browser(client, SecurityContract.cookie(cookies, "XSRF-TOKEN"));
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String base() {
    return "http://localhost:" + port;
  }

  private long count(String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }

  /** Runs SQL on the test database directly, not through the proxy. */
  private static void direct(String sql) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(directUrl, System.getenv("WANGGE_TEST_PG_USER"), System.getenv().getOrDefault("WANGGE_TEST_PG_PASSWORD", ""));
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
