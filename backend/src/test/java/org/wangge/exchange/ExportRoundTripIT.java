package org.wangge.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.Api;
import org.wangge.EmbeddedDatabase;
import org.wangge.WanggeApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo city exported as a zipped shapefile in EPSG:4547 (every area level) and imported through
 * {@code /api/imports} into a second, EMPTY instance (its own H2GIS database, no demo city): the dry
 * run is committable, the commit reproduces every area (same codes, names, parents; each boundary
 * within a metre of the original and a tiny symmetric difference), and points inside grids are
 * located to the same grid codes by both instances.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportRoundTripIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String[] LEVELS = {"CITY", "DISTRICT", "STREET", "COMMUNITY", "GRID"};
  static final String[] LAYERS = {"city", "districts", "streets", "communities", "grids"};
  /** The empty instance's first administrator (the demo password is refused there). */
  static final String ADMIN_PASSWORD = "round-trip-admin-2026";

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  ConfigurableApplicationContext empty;

  @AfterAll
  void stopTheEmptyInstance() {
    if (empty != null) {
      empty.close();
    }
  }

  @Test
  void theDemoCityExportedAsAShapefileInEpsg4547ImportsIntoAnEmptyDatabaseAsTheSameGrids() throws Exception {
    var export =
        Api.send(
            Api.as(port, "admin").request("/api/exports?layers=city,districts,streets,communities,grids&format=shapefile&crs=EPSG:4547").GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(export.statusCode()).isEqualTo(200);
    byte[] zip = export.body();

    Path dataDir = Files.createTempDirectory(Path.of("target"), "it-roundtrip-").toAbsolutePath();
    empty =
        new SpringApplicationBuilder(WanggeApplication.class)
            .run(
                "--wangge.data-dir=" + dataDir,
                "--wangge.exchange.work-dir=" + dataDir.resolve("exchange"),
                "--server.port=0",
                "--logging.level.root=WARN",
                "--wangge.demo.load=false",
                "--wangge.security.bootstrap-admin-password=" + ADMIN_PASSWORD);
    int emptyPort = Integer.parseInt(empty.getEnvironment().getProperty("local.server.port"));
    JdbcTemplate target = empty.getBean(JdbcTemplate.class);
    assertThat(target.queryForObject("SELECT count(*) FROM area", Long.class)).isZero();
    Target admin = new Target(emptyPort);

    JsonNode uploaded = ok(upload(admin, "wangge-3605-EPSG4547.zip", zip), 201);
    String id = uploaded.get("id").asString();
    assertThat(uploaded.get("layers")).hasSize(5);
    uploaded.get("layers").forEach(l -> assertThat(l.get("crs").asString()).as(l.toString()).isEqualTo("EPSG:4547"));
    StringBuilder request = new StringBuilder("{\"layers\":[");
    for (int i = 0; i < LAYERS.length; i++) {
      request
          .append(i == 0 ? "" : ",")
          .append("{\"layer\":\"")
          .append(LAYERS[i])
          .append("\",\"kind\":\"AREA\",\"level\":\"")
          .append(LEVELS[i])
          .append("\",\"mapping\":{\"code\":\"code\",\"name\":\"name\"")
          .append(i == 0 ? "" : ",\"parentCode\":\"parent\"")
          .append(",\"households\":\"households\",\"residents\":\"residents\"}}");
    }
    request.append("],\"repair\":false,\"onExisting\":\"REFUSE\"}");
    ok(admin.post("/api/imports/" + id + "/dry-run", request.toString()), 202);
    JsonNode checked = waitFor(admin, id);
    assertThat(checked.get("status").asString()).as(checked.toString()).isEqualTo("CHECKED");
    assertThat(checked.get("dryRun").get("committable").asBoolean()).as(checked.get("dryRun").toString()).isTrue();
    long areas = jdbc.queryForObject("SELECT count(*) FROM area WHERE valid_to IS NULL", Long.class);
    assertThat(checked.get("dryRun").get("counts").get("new").asLong()).isEqualTo(areas);

    ok(admin.post("/api/imports/" + id + "/commit", "{}"), 202);
    JsonNode committed = waitFor(admin, id);
    assertThat(committed.get("status").asString()).as(committed.toString()).isEqualTo("COMMITTED");
    assertThat(committed.get("result").get("inserted").asLong()).isEqualTo(areas);

    Map<String, Object[]> original = areas(jdbc);
    Map<String, Object[]> imported = areas(target);
    assertThat(imported.keySet()).isEqualTo(original.keySet());
    double worstMetres = 0;
    for (var e : original.entrySet()) {
      Object[] o = e.getValue();
      Object[] n = imported.get(e.getKey());
      assertThat(n[0]).as(e.getKey() + " name").isEqualTo(o[0]);
      assertThat(n[1]).as(e.getKey() + " parent").isEqualTo(o[1]);
      assertThat(n[2]).as(e.getKey() + " level").isEqualTo(o[2]);
      Geometry a = (Geometry) o[3];
      Geometry b = (Geometry) n[3];
      worstMetres = Math.max(worstMetres, ExportContract.metres(a, b));
      double lat = a.getCentroid().getY();
      double degreeSquare = Math.pow(org.wangge.spatial.Wgs84.EARTH_RADIUS_METRES * Math.PI / 180, 2) * Math.cos(Math.toRadians(lat));
      double symDiff = a.symDifference(b).getArea() * degreeSquare;
      double perimeterMetres = a.getLength() * Math.sqrt(degreeSquare);
      // No more than a centimetre's strip along the boundary (plus a square metre).
      assertThat(symDiff).as(e.getKey() + " symmetric difference, m²").isLessThan(1.0 + perimeterMetres * 0.01);
    }
    assertThat(worstMetres).as("largest vertex distance, metres").isLessThan(0.05);

    // The imported grids route: a point inside each of a sample of grids locates to the same code.
    await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/locate?lon=114.9&lat=27.85").statusCode() == 200);
    int step = 37;
    int checkedGrids = 0;
    for (var e : original.entrySet()) {
      if (!"GRID".equals(e.getValue()[2]) || checkedGrids++ % step != 0) {
        continue;
      }
      Coordinate inside = ((Geometry) e.getValue()[3]).getInteriorPoint().getCoordinate();
      String path = "/api/locate?lon=" + inside.x + "&lat=" + inside.y;
      String demo = JSON.readTree(Api.as(port, "admin").get(path).body()).get("grid").get("code").asString();
      String roundTrip = JSON.readTree(admin.get(path).body()).get("grid").get("code").asString();
      assertThat(demo).isEqualTo(e.getKey());
      assertThat(roundTrip).as(path).isEqualTo(demo);
    }
  }

  /** code → {name, parent, level, boundary} of the current areas. */
  static Map<String, Object[]> areas(JdbcTemplate jdbc) {
    Map<String, Object[]> byCode = new TreeMap<>();
    jdbc.query(
        "SELECT code, name, parent_code, level, ST_AsBinary(boundary) FROM area WHERE valid_to IS NULL",
        rs -> {
          byCode.put(rs.getString(1), new Object[] {rs.getString(2), rs.getString(3), rs.getString(4), ExportContract.wkb(rs.getBytes(5))});
        });
    return byCode;
  }

  /** The empty instance's admin over HTTP Basic. */
  record Target(int port) {
    HttpRequest.Builder request(String path) {
      return Api.anonymous(port).request(path).header("Authorization", Api.basic("admin", ADMIN_PASSWORD));
    }

    HttpResponse<String> get(String path) {
      return Api.send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String json) {
      return Api.send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }
  }

  static HttpResponse<String> upload(Target api, String fileName, byte[] content) {
    String boundary = "----wangge" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return Api.send(
        api.request("/api/imports")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  static JsonNode ok(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  static JsonNode waitFor(Target api, String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
      last[0] = ok(api.get("/api/imports/" + id), 200);
      String s = last[0].get("status").asString();
      return s.equals("CHECKED") || s.equals("COMMITTED") || s.equals("FAILED");
    });
    return last[0];
  }
}
