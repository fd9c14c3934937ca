package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A newcomer's first run, past the connection pool's lifetime: a fresh embedded database, migrated
 * by the pool's first connection, and that connection retired (Hikari's max-lifetime, here its
 * minimum of 30 s instead of 30 min). Reports, case actions, imports and user changes still work —
 * they used to fail with "Check constraint invalid … The database has been closed" (H2 2.4.240 kept
 * the migration's session in CHECK constraints with IN lists; see {@code H2MigrationsTest}).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.hikari.max-lifetime=30000",
      "wangge.demo.grids=20",
      "wangge.demo.addresses=2000",
      "wangge.demo.incidents=50"
    })
@ContextConfiguration(initializers = PoolLifetimeEmbeddedIT.FreshDataDirectory.class)
class PoolLifetimeEmbeddedIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The H2 session that ran the migrations, recorded by a Flyway callback. */
  static final AtomicReference<Integer> MIGRATION_SESSION = new AtomicReference<>();

  /** A data directory of this class's own: its migrations run in this context's pool. */
  static class FreshDataDirectory implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      try {
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target"), "it-h2-pool-").toAbsolutePath();
        TestPropertyValues.of("wangge.data-dir=" + dir).applyTo(context);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @TestConfiguration
  static class RecordMigrationSession {
    @Bean
    Callback recordMigrationSession() {
      return new Callback() {
                @Override
                public boolean supports(Event event, Context context) {
                  return event == Event.AFTER_MIGRATE;
                }

                @Override
                public boolean canHandleInTransaction(Event event, Context context) {
                  return true;
                }

                @Override
                public void handle(Event event, Context context) {
                  try (Statement s = context.getConnection().createStatement();
                      var rs = s.executeQuery("SELECT SESSION_ID()")) {
                    rs.next();
                    MIGRATION_SESSION.set(rs.getInt(1));
                  } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                  }
                }

                @Override
                public String getCallbackName() {
                  return "recordMigrationSession";
                }
              };
    }
  }

  @LocalServerPort int port;

  @Autowired JdbcTemplate jdbc;

  @Test
  void reportsActionsImportsAndUserChangesWorkAfterThePoolRetiredTheMigrationsConnection() {
    Integer session = MIGRATION_SESSION.get();
    assertThat(session).as("the migrations ran in this context").isNotNull();
    await("the pool retires the connection that ran the migrations")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = ?", Integer.class, session)
            == 0);

    Api admin = Api.as(port, "admin");
    Api operator = Api.as(port, "operator-city");
    Map<String, Object> grid =
        jdbc.queryForMap(
            "SELECT code, ST_X(ST_PointOnSurface(boundary)) AS lon, ST_Y(ST_PointOnSurface(boundary)) AS lat"
                + " FROM area WHERE level = 'GRID' AND valid_to IS NULL"
                + " AND code IN (SELECT grid_code FROM member_grid) ORDER BY code LIMIT 1");
    String category =
        jdbc.queryForObject("SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);

    // A report (incident_source_ck, incident_risk_ck, incident_status_ck).
    HttpResponse<String> report =
        operator.post(
            "/api/incidents",
            String.format(
                Locale.ROOT,
                "{\"lon\":%.9f,\"lat\":%.9f,\"categoryCode\":\"%s\",\"description\":\"井盖破损\",\"source\":\"HOTLINE\"}",
                grid.get("lon"), grid.get("lat"), category));
    assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
    long id = JSON.readTree(report.body()).get("id").asLong();

    // A case action (the status constraint on update).
    String member =
        jdbc.queryForObject(
            "SELECT min(m.code) FROM member m JOIN member_grid g ON g.member_id = m.id WHERE g.grid_code = ?",
            String.class, grid.get("code"));
    String status = jdbc.queryForObject("SELECT status FROM incident WHERE id = ?", String.class, id);
    if (!status.equals("DISPATCHED")) {
      HttpResponse<String> dispatched =
          operator.post("/api/incidents/" + id + "/actions", "{\"action\":\"DISPATCH\",\"assigneeCode\":\"" + member + "\"}");
      assertThat(dispatched.statusCode()).as(dispatched.body()).isEqualTo(200);
    }
    HttpResponse<String> cancelled =
        operator.post("/api/incidents/" + id + "/actions", "{\"action\":\"CANCEL\",\"reason\":\"测试撤销\"}");
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    assertThat(jdbc.queryForObject("SELECT status FROM incident WHERE id = ?", String.class, id)).isEqualTo("CANCELLED");

    // A user (app_user_role_ck).
    HttpResponse<String> user =
        admin.post(
            "/api/admin/users",
            "{\"username\":\"pool-operator\",\"displayName\":\"池测试\",\"password\":\"pool-lifetime-2026\","
                + "\"role\":\"OPERATOR\",\"areaCode\":\"" + grid.get("code").toString().substring(0, 6) + "\"}");
    assertThat(user.statusCode()).as(user.body()).isEqualTo(201);

    // An import: a CSV of addresses, dry run and commit.
    StringBuilder csv = new StringBuilder("编码,地址,户数,lon,lat\n");
    for (int i = 0; i < 3; i++) {
      csv.append(String.format(Locale.ROOT, "POOL%02d,池路%d号,2,%.9f,%.9f%n", i, i + 1, grid.get("lon"), grid.get("lat")));
    }
    String importId = upload(admin, "addresses.csv", csv.toString());
    String layer = read(admin.get("/api/imports/" + importId)).get("layers").get(0).get("name").asString();
    assertThat(admin.post("/api/imports/" + importId + "/dry-run",
                "{\"layers\":[{\"layer\":\"" + layer + "\",\"kind\":\"ADDRESS\",\"crs\":\"EPSG:4326\","
                    + "\"mapping\":{\"code\":\"编码\",\"fullText\":\"地址\",\"households\":\"户数\"}}]}")
            .statusCode())
        .isEqualTo(202);
    assertThat(waitForImport(admin, importId).get("status").asString()).isEqualTo("CHECKED");
    assertThat(admin.post("/api/imports/" + importId + "/commit", "{}").statusCode()).isEqualTo(202);
    JsonNode committed = waitForImport(admin, importId);
    assertThat(committed.get("status").asString()).as(committed.toString()).isEqualTo("COMMITTED");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM address WHERE code LIKE 'POOL%'", Integer.class)).isEqualTo(3);
  }

  private static JsonNode read(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  private static JsonNode waitForImport(Api api, String id) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last.set(read(api.get("/api/imports/" + id)));
      return !last.get().get("status").asString().matches("UPLOADED|CHECKING|COMMITTING");
    });
    return last.get();
  }

  private static String upload(Api api, String fileName, String content) {
    String boundary = "----wangge" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        Api.send(api.request("/api/imports")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return read(response).get("id").asString();
  }
}
