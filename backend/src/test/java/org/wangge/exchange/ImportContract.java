package org.wangge.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import org.wangge.gisdata.crs.Crs;
import org.wangge.gisdata.io.Field;
import org.wangge.gisdata.io.FieldType;
import org.wangge.gisdata.io.FileFormat;
import org.wangge.gisdata.io.GisFiles;
import org.wangge.gisdata.io.OutputLayer;
import org.wangge.gisdata.io.WriteOptions;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/imports} over real HTTP as the demo users, with SQL oracles on the demo city. Each
 * test works on its own grids or codes (communities of street 360502001 by position), so the order
 * does not matter. The subclasses give each database its own application context and data (the
 * imports change grids other test classes rely on) and a work dir of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImportContract {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  int port;

  @Value("${wangge.exchange.work-dir}")
  Path workDir;

  @Autowired JdbcTemplate jdbc;

  @Autowired ImportService imports;

  List<String> communities;
  String category;

  @BeforeAll
  void readTheDemoCity() {
    communities =
        jdbc.queryForList(
            "SELECT DISTINCT parent_code FROM area WHERE level = 'GRID' AND valid_to IS NULL AND parent_code LIKE '360502%' ORDER BY parent_code",
            String.class);
    assertThat(communities).hasSizeGreaterThanOrEqualTo(8);
    category =
        jdbc.queryForObject("SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
  }

  // --- helpers -----------------------------------------------------------------------------------

  Api as(String user) {
    return Api.as(port, user);
  }

  HttpResponse<String> upload(String user, String fileName, byte[] content) {
    String boundary = "----wangge" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return Api.send(
        as(user).request("/api/imports")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  static JsonNode ok(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  String uploaded(String user, String fileName, String content) {
    return ok(upload(user, fileName, content.getBytes(StandardCharsets.UTF_8)), 201).get("id").asString();
  }

  /** Posts the dry run and waits for it to end; the final ImportView. */
  JsonNode dryRun(String user, String id, String request) {
    JsonNode started = ok(as(user).post("/api/imports/" + id + "/dry-run", request), 202);
    assertThat(started.get("status").asString()).isIn("CHECKING", "CHECKED");
    return waitFor(user, id);
  }

  JsonNode commit(String user, String id) {
    ok(as(user).post("/api/imports/" + id + "/commit", "{}"), 202);
    return waitFor(user, id);
  }

  JsonNode waitFor(String user, String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = ok(as(user).get("/api/imports/" + id), 200);
      String s = last[0].get("status").asString();
      return s.equals("CHECKED") || s.equals("COMMITTED") || s.equals("FAILED");
    });
    return last[0];
  }

  record Grid(long id, String code, String name, String parent, int version, MultiPolygon boundary) {}

  List<Grid> grids(String community) {
    return jdbc.query(
        "SELECT id, code, name, parent_code, version, ST_AsBinary(boundary) FROM area WHERE parent_code = ? AND valid_to IS NULL ORDER BY code",
        (rs, i) -> {
          try {
            return new Grid(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                (MultiPolygon) new WKBReader(Wgs84.FACTORY).read(rs.getBytes(6)));
          } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalStateException(e);
          }
        },
        community);
  }

  static String geoJson(Geometry g) {
    StringBuilder sb = new StringBuilder("{\"type\":\"MultiPolygon\",\"coordinates\":[");
    for (int p = 0; p < g.getNumGeometries(); p++) {
      Polygon poly = (Polygon) g.getGeometryN(p);
      sb.append(p == 0 ? "" : ",").append("[");
      for (int r = 0; r <= poly.getNumInteriorRing(); r++) {
        var ring = r == 0 ? poly.getExteriorRing() : poly.getInteriorRingN(r - 1);
        sb.append(r == 0 ? "" : ",").append("[");
        Coordinate[] cs = ring.getCoordinates();
        for (int i = 0; i < cs.length; i++) {
          sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.9f,%.9f]", cs[i].x, cs[i].y));
        }
        sb.append("]");
      }
      sb.append("]");
    }
    return sb.append("]}").toString();
  }

  static String feature(String code, String name, String parent, String geometry) {
    return "{\"type\":\"Feature\",\"properties\":{\"CODE\":\"" + code + "\",\"NAME\":\"" + name + "\",\"PCODE\":\"" + parent
        + "\"},\"geometry\":" + geometry + "}";
  }

  static String collection(List<String> features) {
    return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
  }

  static String gridRequest(String onExisting, boolean repair) {
    return "{\"layers\":[{\"layer\":\"grids\",\"kind\":\"AREA\",\"level\":\"GRID\","
        + "\"mapping\":{\"code\":\"CODE\",\"name\":\"NAME\",\"parentCode\":\"PCODE\"}}],\"repair\":" + repair
        + ",\"onExisting\":\"" + onExisting + "\"}";
  }

  static List<String> kinds(JsonNode view) {
    List<String> kinds = new ArrayList<>();
    view.get("dryRun").get("problems").forEach(p -> kinds.add(p.get("kind").asString()));
    return kinds;
  }

  int count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Integer.class, args);
  }

  long report(String user, double lon, double lat) {
    var filed =
        as(user).post(
            "/api/incidents",
            "{\"lon\":" + lon + ",\"lat\":" + lat + ",\"categoryCode\":\"" + category + "\",\"description\":\"导入测试\",\"source\":\"PATROL\"}");
    return ok(filed, 201).get("id").asLong();
  }

  // --- tests -------------------------------------------------------------------------------------

  /** Grids of a GeoJSON file replacing stored ones: REFUSE blocks, SKIP skips, NEW_VERSION versions. */
  @Test
  void aGeoJsonOfGridsClashesIsSkippedOrBecomesNewVersionsAndCasesRouteToThem() {
    List<Grid> grids = grids(communities.get(0)).subList(0, 2);
    List<String> features = new ArrayList<>();
    for (Grid g : grids) {
      features.add(feature(g.code(), g.name() + "（测绘）", g.parent(), geoJson(g.boundary())));
    }
    String id = uploaded("admin", "grids.geojson", collection(features));
    JsonNode view = ok(as("admin").get("/api/imports/" + id), 200);
    JsonNode layer = view.get("layers").get(0);
    assertThat(layer.get("featureCount").asLong()).isEqualTo(2);
    assertThat(layer.get("crs").asString()).isEqualTo("EPSG:4326");
    assertThat(layer.get("suggested").get("kind").asString()).isEqualTo("AREA");
    assertThat(layer.get("suggested").get("mapping").get("code").asString()).isEqualTo("CODE");

    JsonNode refused = dryRun("admin", id, gridRequest("REFUSE", false));
    assertThat(refused.get("dryRun").get("committable").asBoolean()).isFalse();
    assertThat(kinds(refused)).containsExactly("CODE_EXISTS", "CODE_EXISTS");
    assertThat(refused.get("dryRun").get("counts").get("existing").asLong()).isEqualTo(2);
    assertThat(as("admin").post("/api/imports/" + id + "/commit", "{}").statusCode()).isEqualTo(409);

    JsonNode skipped = dryRun("admin", id, gridRequest("SKIP", false));
    assertThat(skipped.get("dryRun").get("committable").asBoolean()).as(skipped.toString()).isTrue();
    JsonNode skipDone = commit("admin", id);
    assertThat(skipDone.get("status").asString()).as(skipDone.toString()).isEqualTo("COMMITTED");
    assertThat(skipDone.get("result").get("skipped").asLong()).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM area WHERE code IN (?, ?)", grids.get(0).code(), grids.get(1).code())).isEqualTo(2);

    String again = uploaded("admin", "grids.geojson", collection(features));
    JsonNode versioned = dryRun("admin", again, gridRequest("NEW_VERSION", false));
    assertThat(versioned.get("dryRun").get("committable").asBoolean()).as(versioned.toString()).isTrue();
    long stamp = jdbc.queryForObject("SELECT stamp FROM boundary_stamp WHERE id = 1", Long.class);
    JsonNode done = commit("admin", again);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMMITTED");
    assertThat(done.get("result").get("newVersions").asLong()).isEqualTo(2);
    for (Grid g : grids) {
      assertThat(jdbc.queryForObject("SELECT version FROM area WHERE code = ? AND valid_to IS NULL", Integer.class, g.code()))
          .isEqualTo(g.version() + 1);
      assertThat(jdbc.queryForObject("SELECT name FROM area WHERE code = ? AND valid_to IS NULL", String.class, g.code()))
          .isEqualTo(g.name() + "（测绘）");
      assertThat(count("SELECT count(*) FROM area WHERE id = ? AND valid_to IS NOT NULL", g.id())).isEqualTo(1);
    }
    assertThat(jdbc.queryForObject("SELECT stamp FROM boundary_stamp WHERE id = 1", Long.class)).isGreaterThan(stamp);
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'DATA_IMPORTED' AND entity_id = ?", again)).isEqualTo(1);

    // A case reported afterwards routes to the imported version.
    Grid first = grids.getFirst();
    Coordinate inside = first.boundary().getInteriorPoint().getCoordinate();
    long newRow = jdbc.queryForObject("SELECT id FROM area WHERE code = ? AND valid_to IS NULL", Long.class, first.code());
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      long incident = report("operator-city", inside.x, inside.y);
      return jdbc.queryForObject("SELECT grid_id FROM incident WHERE id = ?", Long.class, incident) == newRow;
    });
  }

  /**
   * A grid redrawn by NEW_VERSION takes the stored addresses of the part it gains from its
   * neighbour: the dry run counts them and moves nothing, the commit files them under the new grid
   * and recounts both grids' households.
   */
  @Test
  void aRedrawnGridTakesTheStoredAddressesOfThePartItGains() {
    List<Grid> grids = grids(communities.get(0));
    Grid taker = grids.get(2);
    Grid giver = grids.get(3);
    Envelope box = giver.boundary().getEnvelopeInternal();
    double middle = (box.getMinX() + box.getMaxX()) / 2;
    Geometry westHalf = Wgs84.FACTORY.toGeometry(new Envelope(box.getMinX() - 0.01, middle, box.getMinY() - 0.01, box.getMaxY() + 0.01));
    Geometry takerAfter = taker.boundary().union(giver.boundary().intersection(westHalf));
    Geometry giverAfter = giver.boundary().difference(westHalf);
    String moved = "SELECT count(*) FROM address WHERE grid_code = ? AND ST_X(location) < ?";
    int moving = count(moved, giver.code(), middle);
    assertThat(moving).isPositive();

    String id = uploaded("admin", "grids.geojson", collection(List.of(
        feature(taker.code(), taker.name(), taker.parent(), geoJson(takerAfter)),
        feature(giver.code(), giver.name(), giver.parent(), geoJson(giverAfter)))));
    JsonNode checked = dryRun("admin", id, gridRequest("NEW_VERSION", false));
    assertThat(checked.get("dryRun").get("committable").asBoolean()).as(checked.toString()).isTrue();
    assertThat(checked.get("dryRun").get("addressesMoving").asLong()).isEqualTo(moving);
    assertThat(count(moved, giver.code(), middle)).as("a dry run moves nothing").isEqualTo(moving);

    JsonNode done = commit("admin", id);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMMITTED");
    assertThat(done.get("result").get("addressesMoved").asLong()).isEqualTo(moving);
    assertThat(count(moved, giver.code(), middle)).isZero();
    assertThat(count(moved, taker.code(), middle)).isGreaterThanOrEqualTo(moving);
    for (Grid g : List.of(taker, giver)) {
      assertThat(count("SELECT households FROM area WHERE code = ? AND valid_to IS NULL", g.code()))
          .as("households of " + g.code())
          .isEqualTo(count("SELECT COALESCE(SUM(households), 0) FROM address WHERE grid_code = ?", g.code()));
    }
  }

  /** A CSV of addresses: located in their grids, inserted, households recounted. */
  @Test
  void aCsvOfAddressesIsLocatedAndInserted() {
    Grid grid = grids(communities.get(1)).getFirst();
    Coordinate c = grid.boundary().getInteriorPoint().getCoordinate();
    StringBuilder csv = new StringBuilder("编码,地址,户数,lon,lat\n");
    for (int i = 0; i < 5; i++) {
      csv.append(String.format(Locale.ROOT, "IMP%s%02d,测试路%d号,%d,%.9f,%.9f%n", grid.code().substring(9), i, i + 1, 2, c.x + i * 1e-7, c.y));
    }
    int householdsBefore = jdbc.queryForObject("SELECT households FROM area WHERE code = ? AND valid_to IS NULL", Integer.class, grid.code());
    String id = uploaded("admin", "addresses.csv", csv.toString());
    // CSV does not say its coordinate system: the dry run asks for it.
    var noCrs =
        as("admin").post("/api/imports/" + id + "/dry-run",
            "{\"layers\":[{\"layer\":\"addresses\",\"kind\":\"ADDRESS\",\"mapping\":{\"code\":\"编码\",\"fullText\":\"地址\"}}]}");
    JsonNode layers = ok(as("admin").get("/api/imports/" + id), 200).get("layers");
    String layerName = layers.get(0).get("name").asString();
    if (layers.get(0).get("crs").isNull()) {
      noCrs =
          as("admin").post("/api/imports/" + id + "/dry-run",
              "{\"layers\":[{\"layer\":\"" + layerName + "\",\"kind\":\"ADDRESS\",\"mapping\":{\"code\":\"编码\",\"fullText\":\"地址\"}}]}");
      assertThat(noCrs.statusCode()).as(noCrs.body()).isEqualTo(400);
      assertThat(JSON.readTree(noCrs.body()).get("field").asString()).isEqualTo("layers[0].crs");
    }
    var badField =
        as("admin").post("/api/imports/" + id + "/dry-run",
            "{\"layers\":[{\"layer\":\"" + layerName + "\",\"kind\":\"ADDRESS\",\"crs\":\"EPSG:4326\",\"mapping\":{\"code\":\"没有\",\"fullText\":\"地址\"}}]}");
    assertThat(badField.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badField.body()).get("field").asString()).isEqualTo("layers[0].mapping.code");

    JsonNode checked =
        dryRun("admin", id,
            "{\"layers\":[{\"layer\":\"" + layerName + "\",\"kind\":\"ADDRESS\",\"crs\":\"EPSG:4326\","
                + "\"mapping\":{\"code\":\"编码\",\"fullText\":\"地址\",\"households\":\"户数\"}}]}");
    assertThat(checked.get("dryRun").get("committable").asBoolean()).as(checked.toString()).isTrue();
    assertThat(checked.get("dryRun").get("counts").get("new").asLong()).isEqualTo(5);
    JsonNode done = commit("admin", id);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMMITTED");
    assertThat(count("SELECT count(*) FROM address WHERE code LIKE ? AND grid_code = ?", "IMP" + grid.code().substring(9) + "%", grid.code()))
        .isEqualTo(5);
    assertThat(jdbc.queryForObject("SELECT households FROM area WHERE code = ? AND valid_to IS NULL", Integer.class, grid.code()))
        .isEqualTo(jdbc.queryForObject("SELECT COALESCE(SUM(households), 0) FROM address WHERE grid_code = ?", Integer.class, grid.code()));
    assertThat(householdsBefore).isGreaterThanOrEqualTo(0);
  }

  /** A bow-tie blocks the dry run; repair makes it committable and the stored boundary valid. */
  @Test
  void brokenGeometriesBlockUntilRepaired() {
    Grid grid = grids(communities.get(2)).getFirst();
    // A small bow-tie well inside the grid (so only the self-intersection is wrong).
    Coordinate mid = grid.boundary().getInteriorPoint().getCoordinate();
    double d = 0.0004;
    while (!grid.boundary().contains(Wgs84.box(mid.x - d, mid.y - d, mid.x + d, mid.y + d))) {
      d /= 2;
    }
    var e = new org.locationtech.jts.geom.Envelope(mid.x - d, mid.x + d, mid.y - d, mid.y + d);
    String bowTie =
        String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f],[%.9f,%.9f]]]}",
            e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), e.getMaxX(), e.getMinY(), e.getMinX(), e.getMaxY(), e.getMinX(), e.getMinY());
    String id = uploaded("admin", "grids.geojson", collection(List.of(feature(grid.code(), "领结", grid.parent(), bowTie))));
    JsonNode blocked = dryRun("admin", id, gridRequest("NEW_VERSION", false));
    assertThat(kinds(blocked)).contains("INVALID_GEOMETRY");
    assertThat(blocked.get("dryRun").get("counts").get("invalid").asLong()).isEqualTo(1);
    assertThat(blocked.get("dryRun").get("blocking").get(0).asString()).contains("repair");
    assertThat(blocked.get("dryRun").get("committable").asBoolean()).isFalse();
    assertThat(as("admin").post("/api/imports/" + id + "/commit", "{}").statusCode()).isEqualTo(409);

    JsonNode repaired = dryRun("admin", id, gridRequest("NEW_VERSION", true));
    assertThat(kinds(repaired)).contains("REPAIRED").doesNotContain("INVALID_GEOMETRY");
    assertThat(repaired.get("dryRun").get("counts").get("repaired").asLong()).isEqualTo(1);
    assertThat(repaired.get("dryRun").get("committable").asBoolean()).as(repaired.toString()).isTrue();
    JsonNode done = commit("admin", id);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMMITTED");
    assertThat(jdbc.queryForObject("SELECT name FROM area WHERE code = ? AND valid_to IS NULL", String.class, grid.code())).isEqualTo("领结");
    assertThat(jdbc.queryForObject("SELECT ST_IsValid(boundary) FROM area WHERE code = ? AND valid_to IS NULL", Boolean.class, grid.code())).isTrue();
  }

  /** A parent nobody knows, and a grid far outside its community: both block. */
  @Test
  void unknownParentsAndGridsOutsideTheirParentBlock() {
    Grid grid = grids(communities.get(3)).getFirst();
    Geometry far = grid.boundary().copy();
    far.apply((org.locationtech.jts.geom.CoordinateFilter) c -> c.x += 0.5);
    far.geometryChanged();
    String newCode = grid.parent() + "901";
    String id =
        uploaded("admin", "grids.geojson",
            collection(List.of(
                feature("360502001999001", "无父", "360502001999", geoJson(grid.boundary())),
                feature(newCode, "远方", grid.parent(), geoJson(far)))));
    JsonNode view = dryRun("admin", id, gridRequest("REFUSE", false));
    assertThat(kinds(view)).contains("PARENT_UNKNOWN", "NOT_NESTED");
    assertThat(view.get("dryRun").get("counts").get("parentUnknown").asLong()).isEqualTo(1);
    assertThat(view.get("dryRun").get("counts").get("notNested").asLong()).isEqualTo(1);
    assertThat(view.get("dryRun").get("committable").asBoolean()).isFalse();
    assertThat(view.get("dryRun").get("coverage").get("problems").size()).isGreaterThan(0);
    assertThat(count("SELECT count(*) FROM area WHERE code = ?", newCode)).isZero();
  }

  /**
   * A new grid lying on a stored grid (a HIGH overlap) blocks the dry run, by the same rule that
   * refuses to publish a plan with that overlap (CoverageProblem.blocks).
   */
  @Test
  void aGridOverlappingAStoredGridIsNotCommittableAsAPlanWithItIsNotPublishable() {
    Grid grid = grids(communities.get(5)).getFirst();
    String newCode = grid.parent() + "902";
    String id =
        uploaded("admin", "grids.geojson",
            collection(List.of(feature(newCode, "重叠", grid.parent(), geoJson(grid.boundary())))));
    JsonNode view = dryRun("admin", id, gridRequest("REFUSE", false));
    assertThat(kinds(view)).as(view.toString()).contains("OVERLAP");
    assertThat(view.get("dryRun").get("committable").asBoolean()).as(view.toString()).isFalse();
    assertThat(view.get("dryRun").get("blocking").toString()).contains("overlap");
    assertThat(as("admin").post("/api/imports/" + id + "/commit", "{}").statusCode()).isEqualTo(409);
    assertThat(count("SELECT count(*) FROM area WHERE code = ?", newCode)).isZero();
  }

  /** A failure inside the commit's transaction leaves nothing written. */
  @Test
  void aCommitThatFailsMidwayWritesNothing() {
    Grid grid = grids(communities.get(4)).getFirst();
    Coordinate c = grid.boundary().getInteriorPoint().getCoordinate();
    String id =
        uploaded("admin", "grids.geojson",
            collection(List.of(feature(grid.code(), "中途失败", grid.parent(), geoJson(grid.boundary())))));
    JsonNode checked = dryRun("admin", id, gridRequest("NEW_VERSION", false));
    assertThat(checked.get("dryRun").get("committable").asBoolean()).as(checked.toString()).isTrue();
    int rows = count("SELECT count(*) FROM area WHERE code = ?", grid.code());
    long stamp = jdbc.queryForObject("SELECT stamp FROM boundary_stamp WHERE id = 1", Long.class);
    imports.afterWrites = () -> {
      throw new IllegalStateException("injected failure after the writes");
    };
    try {
      JsonNode failed = commit("admin", id);
      assertThat(failed.get("status").asString()).isEqualTo("FAILED");
      assertThat(failed.get("error").get("detail").asString()).contains("nothing was written");
    } finally {
      imports.afterWrites = () -> {};
    }
    assertThat(count("SELECT count(*) FROM area WHERE code = ?", grid.code())).isEqualTo(rows);
    assertThat(count("SELECT count(*) FROM area WHERE code = ? AND valid_to IS NULL AND name = '中途失败'", grid.code())).isZero();
    assertThat(jdbc.queryForObject("SELECT stamp FROM boundary_stamp WHERE id = 1", Long.class)).isEqualTo(stamp);
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'DATA_IMPORTED' AND entity_id = ?", id)).isZero();
    assertThat(c).isNotNull();
  }

  /** Zips that leave the work dir or expand too far (10MB in these tests) are refused and nothing stays behind. */
  @Test
  void pathTraversalAndZipBombsAreRefused() throws IOException {
    var traversal = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(traversal)) {
      zip.putNextEntry(new ZipEntry("../../evil.geojson"));
      zip.write(collection(List.of()).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    var bomb = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bomb)) {
      zip.putNextEntry(new ZipEntry("big.csv"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 40; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    List<Path> before = listWorkDir();
    for (byte[] zip : List.of(traversal.toByteArray(), bomb.toByteArray())) {
      var response = upload("admin", "data.zip", zip);
      String shown = response.body().length() > 400 ? response.body().substring(0, 400) : response.body();
      assertThat(response.statusCode()).as(shown).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("field").asString()).isEqualTo("file");
    }
    assertThat(listWorkDir()).isEqualTo(before);
    assertThat(Files.exists(workDir.getParent().resolve("evil.geojson"))).isFalse();
  }

  List<Path> listWorkDir() throws IOException {
    if (!Files.exists(workDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(workDir)) {
      return s.sorted().toList();
    }
  }

  /** Operators may not import; a planner imports inside the jurisdiction only, and areas/addresses only. */
  @Test
  void rolesAndJurisdiction() {
    Grid inside = grids(communities.get(5)).getFirst();
    String geo = collection(List.of(feature(inside.code(), "规划员", inside.parent(), geoJson(inside.boundary()))));
    assertThat(upload("operator-city", "grids.geojson", geo.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);

    String outsideParent =
        jdbc.queryForObject(
            "SELECT min(parent_code) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code NOT LIKE '360502%'", String.class);
    Grid outside = grids(outsideParent).getFirst();
    String id =
        uploaded("planner-district", "grids.geojson",
            collection(List.of(feature(outside.code(), "越界", outside.parent(), geoJson(outside.boundary())))));
    JsonNode view = dryRun("planner-district", id, gridRequest("NEW_VERSION", false));
    assertThat(kinds(view)).contains("OUTSIDE_JURISDICTION");
    assertThat(view.get("dryRun").get("committable").asBoolean()).isFalse();

    var members =
        as("planner-district").post("/api/imports/" + id + "/dry-run",
            "{\"layers\":[{\"layer\":\"grids\",\"kind\":\"MEMBER\",\"mapping\":{\"code\":\"CODE\",\"name\":\"NAME\",\"role\":\"NAME\",\"gridCodes\":\"CODE\"}}]}");
    assertThat(members.statusCode()).isEqualTo(403);
    // Another planner's import is invisible (404); the admin sees it.
    assertThat(as("operator-city").get("/api/imports/" + id).statusCode()).isEqualTo(403);
    assertThat(as("admin").get("/api/imports/" + id).statusCode()).isEqualTo(200);
    assertThat(ok(as("admin").get("/api/imports"), 200).size()).isGreaterThanOrEqualTo(1);
    assertThat(as("planner-district").delete("/api/imports/" + id).statusCode()).isEqualTo(204);
    assertThat(as("planner-district").get("/api/imports/" + id).statusCode()).isEqualTo(404);
  }

  /** An upload above wangge.exchange.max-upload-size (5MB in these tests) is 413, naming file. */
  @Test
  void aTooLargeUploadIs413NamingTheFile() {
    byte[] big = new byte[6 << 20];
    var response = upload("admin", "huge.geojson", big);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("field").asString()).isEqualTo("file");
    assertThat(problem.get("detail").asString()).contains("5 MB").contains("wangge.exchange.max-upload-size");
  }

  /** A zipped shapefile in EPSG:4547 with GBK names: read, re-projected, committed with its names. */
  @Test
  void aGbkShapefileInGaussKrugerImportsWithItsChineseNames() throws IOException {
    List<Grid> grids = grids(communities.get(6)).subList(0, 2);
    var out = new ByteArrayOutputStream();
    var fields = List.of(new Field("CODE", FieldType.TEXT), new Field("NAME", FieldType.TEXT), new Field("PCODE", FieldType.TEXT));
    GisFiles.write(
        FileFormat.SHAPEFILE, Crs.epsg(4547),
        List.of(new OutputLayer("grids", "MultiPolygon", fields, sink -> {
          for (Grid g : grids) {
            sink.accept(g.boundary(), List.of(g.code(), "测绘网格" + g.code().substring(12), g.parent()));
          }
        })),
        out, new WriteOptions(java.nio.charset.Charset.forName("GBK"), null));
    String id = ok(upload("admin", "grids.zip", out.toByteArray()), 201).get("id").asString();
    JsonNode layer = ok(as("admin").get("/api/imports/" + id), 200).get("layers").get(0);
    assertThat(layer.get("crs").asString()).isEqualTo("EPSG:4547");
    assertThat(layer.get("charset").asString()).isIn("GBK", "x-mswin-936", "GB18030");
    assertThat(layer.get("fields").get(1).get("samples").get(0).asString()).startsWith("测绘网格");
    JsonNode checked = dryRun("admin", id, gridRequest("NEW_VERSION", false));
    assertThat(checked.get("dryRun").get("committable").asBoolean()).as(checked.get("dryRun").toString()).isTrue();
    JsonNode done = commit("admin", id);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMMITTED");
    for (Grid g : grids) {
      assertThat(jdbc.queryForObject("SELECT name FROM area WHERE code = ? AND valid_to IS NULL", String.class, g.code()))
          .isEqualTo("测绘网格" + g.code().substring(12));
      byte[] wkb = jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, g.code());
      Geometry stored;
      try {
        stored = new WKBReader(Wgs84.FACTORY).read(wkb);
      } catch (org.locationtech.jts.io.ParseException e) {
        throw new IllegalStateException(e);
      }
      // Sub-metre after EPSG:4326 → 4547 → 4326 (1e-6 degrees is about 0.1 m).
      assertThat(org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance.distance(stored, g.boundary())).isLessThan(1e-6);
    }
  }

  /** Members and historical incidents from GeoJSON points: grids checked, cases located. */
  @Test
  void membersAndIncidentsImport() {
    Grid grid = grids(communities.get(7)).getFirst();
    Coordinate c = grid.boundary().getInteriorPoint().getCoordinate();
    String point = String.format(Locale.ROOT, "{\"type\":\"Point\",\"coordinates\":[%.9f,%.9f]}", c.x, c.y);
    String members =
        collection(List.of(
            "{\"type\":\"Feature\",\"properties\":{\"code\":\"IMPM001\",\"name\":\"王导入\",\"role\":\"专职网格员\",\"grids\":\"" + grid.code()
                + "\",\"phone\":\"13800000001\"},\"geometry\":" + point + "}",
            "{\"type\":\"Feature\",\"properties\":{\"code\":\"IMPM002\",\"name\":\"李无网格\",\"role\":\"PART_TIME\",\"grids\":\"360502999999999\"},\"geometry\":" + point + "}"));
    String memberRequest =
        "{\"layers\":[{\"layer\":\"members\",\"kind\":\"MEMBER\",\"mapping\":{\"code\":\"code\",\"name\":\"name\",\"role\":\"role\",\"gridCodes\":\"grids\",\"phone\":\"phone\"}}]}";
    String bad = uploaded("admin", "members.geojson", members);
    JsonNode refused = dryRun("admin", bad, memberRequest);
    assertThat(kinds(refused)).containsExactly("UNKNOWN_REFERENCE");
    String good = uploaded("admin", "members.geojson", collection(List.of(members.substring(members.indexOf("{\"type\":\"Feature\""), members.indexOf(",{\"type\":\"Feature\"")))));
    JsonNode checked = dryRun("admin", good, memberRequest);
    assertThat(checked.get("dryRun").get("committable").asBoolean()).as(checked.toString()).isTrue();
    assertThat(commit("admin", good).get("status").asString()).isEqualTo("COMMITTED");
    assertThat(count("SELECT count(*) FROM member m JOIN member_grid g ON g.member_id = m.id WHERE m.code = 'IMPM001' AND g.grid_code = ?", grid.code()))
        .isEqualTo(1);

    String incidents =
        collection(List.of(
            "{\"type\":\"Feature\",\"properties\":{\"number\":\"IMP2025010100001\",\"category\":\"" + category
                + "\",\"reported\":\"2025-01-01T09:30:00+08:00\",\"status\":\"CLOSED\"},\"geometry\":" + point + "}"));
    String incidentRequest =
        "{\"layers\":[{\"layer\":\"incidents\",\"kind\":\"INCIDENT\",\"mapping\":{\"number\":\"number\",\"categoryCode\":\"category\",\"reportedAt\":\"reported\",\"status\":\"status\"}}],\"onExisting\":\"SKIP\"}";
    String cases = uploaded("admin", "incidents.geojson", incidents);
    JsonNode caseCheck = dryRun("admin", cases, incidentRequest);
    assertThat(caseCheck.get("dryRun").get("committable").asBoolean()).as(caseCheck.toString()).isTrue();
    assertThat(commit("admin", cases).get("status").asString()).isEqualTo("COMMITTED");
    assertThat(jdbc.queryForObject("SELECT grid_code FROM incident WHERE number = 'IMP2025010100001'", String.class)).isEqualTo(grid.code());
    // Again with SKIP: skipped, not doubled; NEW_VERSION is refused for incidents.
    String again = uploaded("admin", "incidents.geojson", incidents);
    assertThat(dryRun("admin", again, incidentRequest).get("dryRun").get("counts").get("existing").asLong()).isEqualTo(1);
    assertThat(commit("admin", again).get("result").get("skipped").asLong()).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM incident WHERE number = 'IMP2025010100001'")).isEqualTo(1);
    var versioned = as("admin").post("/api/imports/" + again + "/dry-run", incidentRequest.replace("SKIP", "NEW_VERSION"));
    assertThat(versioned.statusCode()).isIn(400, 409);
  }
}
