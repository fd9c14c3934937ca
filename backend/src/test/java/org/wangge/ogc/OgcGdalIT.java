package org.wangge.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Geometry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.Api;
import org.wangge.EmbeddedDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GDAL (Debian {@code gdal-bin}: {@code ogrinfo}, {@code ogr2ogr}) reads every OGC API collection
 * through its {@code OAPIF:} driver as operator-district (jurisdiction 360502): the layers it
 * lists, the feature counts it reports (from {@code numberMatched}), and every feature it copies
 * out, following the {@code next} links across many pages (GDAL 3.6 asks for 10 features a page
 * unless told otherwise). Codes, Chinese names and a sample of geometries are compared with SQL.
 * Skipped only when {@code /usr/bin/ogrinfo} is missing ({@code scripts/test} installs it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OgcGdalIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String USER = "operator-district";
  static final String DISTRICT = "360502";
  static final Path OGRINFO = Path.of("/usr/bin/ogrinfo");
  static final Path OGR2OGR = Path.of("/usr/bin/ogr2ogr");

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  Path dir;

  @BeforeAll
  void gdalIsInstalled() throws IOException {
    assumeTrue(Files.isExecutable(OGRINFO) && Files.isExecutable(OGR2OGR), "gdal-bin is not installed (scripts/test installs it)");
    dir = Files.createTempDirectory(Path.of("target"), "ogc-gdal-");
  }

  String source() {
    return "OAPIF:http://localhost:" + port + "/ogc";
  }

  @Test
  void ogrinfoListsEveryCollectionWithTheJurisdictionsCounts() {
    String list = run(OGRINFO.toString(), "-ro", "-q", source(), "-oo", "USERPWD=" + USER + ":" + Api.DEMO_PASSWORD);
    assertThat(list)
        .containsPattern("1: districts \\(title: .*\\) \\(Multi Polygon\\)")
        .containsPattern("2: streets \\(title: .*\\) \\(Multi Polygon\\)")
        .containsPattern("3: communities \\(title: .*\\) \\(Multi Polygon\\)")
        .containsPattern("4: grids \\(title: Grids \\(网格\\)\\) \\(Multi Polygon\\)")
        .containsPattern("5: addresses \\(title: .*\\) \\(Point\\)")
        .containsPattern("6: incidents \\(title: .*\\) \\(Point\\)");
    Map<String, Long> expected = expectedCounts();
    for (var e : expected.entrySet()) {
      String summary = run(OGRINFO.toString(), "-ro", "-so", source(), e.getKey(), "-oo", "USERPWD=" + USER + ":" + Api.DEMO_PASSWORD);
      Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(summary);
      assertThat(m.find()).as(summary).isTrue();
      assertThat(Long.parseLong(m.group(1))).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(summary).contains("Extent: (");
    }
  }

  @Test
  void ogr2ogrCopiesEveryFeatureOfEveryCollection() throws IOException {
    Map<String, Long> expected = expectedCounts();
    for (String collection : List.of("districts", "streets", "communities", "grids", "addresses", "incidents")) {
      Path out = dir.resolve(collection + ".geojson");
      List<String> command = new ArrayList<>(List.of(OGR2OGR.toString(), "-f", "GeoJSON", out.toString(), source(), collection,
          "-oo", "USERPWD=" + USER + ":" + Api.DEMO_PASSWORD));
      if (collection.equals("addresses")) {
        // 10 a page (GDAL's default) would take thousands of requests; 1,000 still crosses many pages.
        command.addAll(List.of("-oo", "PAGE_SIZE=1000"));
      }
      run(command.toArray(String[]::new));
      JsonNode features = JSON.readTree(Files.readString(out)).get("features");
      assertThat((long) features.size()).as(collection).isEqualTo(expected.get(collection));
      List<String> ids = new ArrayList<>();
      features.forEach(f -> ids.add(f.get("properties").get(collection.equals("incidents") ? "number" : "code").asString()));
      assertThat(ids).as(collection).isEqualTo(expectedIds(collection));
      checkSample(collection, features);
    }
  }

  private void checkSample(String collection, JsonNode features) {
    int step = Math.max(1, features.size() / 25);
    for (int i = 0; i < features.size(); i += step) {
      JsonNode f = features.get(i);
      Geometry gdal = GeoJsonGeometries.read(f.get("geometry"));
      Map<String, Object> row;
      if (collection.equals("addresses")) {
        row = jdbc.queryForMap("SELECT full_text AS name, ST_AsBinary(location) AS wkb FROM address WHERE code = ?", f.get("properties").get("code").asString());
        assertThat(f.get("properties").get("address").asString()).isEqualTo(row.get("name"));
      } else if (collection.equals("incidents")) {
        row = jdbc.queryForMap("SELECT status AS name, ST_AsBinary(location) AS wkb FROM incident WHERE number = ?", f.get("properties").get("number").asString());
        assertThat(f.get("properties").get("status").asString()).isEqualTo(row.get("name"));
      } else {
        row = jdbc.queryForMap("SELECT name, ST_AsBinary(boundary) AS wkb FROM area WHERE code = ? AND valid_to IS NULL", f.get("properties").get("code").asString());
        // Chinese names arrive intact.
        assertThat(f.get("properties").get("name").asString()).isEqualTo(row.get("name")).matches(".*\\p{IsHan}.*");
      }
      Geometry stored = GeoJsonGeometries.wkb((byte[]) row.get("wkb"));
      assertThat(GeoJsonGeometries.distanceMetres(gdal, stored)).as(collection + " " + f.get("properties")).isLessThan(0.5);
    }
  }

  Map<String, Long> expectedCounts() {
    Map<String, Long> counts = new HashMap<>();
    counts.put("districts", area("DISTRICT"));
    counts.put("streets", area("STREET"));
    counts.put("communities", area("COMMUNITY"));
    counts.put("grids", area("GRID"));
    counts.put("addresses", jdbc.queryForObject("SELECT count(*) FROM address WHERE grid_code LIKE ?", Long.class, DISTRICT + "%"));
    counts.put(
        "incidents",
        jdbc.queryForObject(
            "SELECT count(*) FROM incident WHERE grid_code LIKE ? OR (grid_code IS NULL AND area_code LIKE ?)", Long.class, DISTRICT + "%", DISTRICT + "%"));
    assertThat(counts.get("grids")).isPositive().isLessThan(jdbc.queryForObject("SELECT count(*) FROM area WHERE level = 'GRID' AND valid_to IS NULL", Long.class));
    assertThat(counts.get("addresses")).isGreaterThan(10_000);
    return counts;
  }

  List<String> expectedIds(String collection) {
    return switch (collection) {
      case "addresses" -> jdbc.queryForList("SELECT code FROM address WHERE grid_code LIKE ? ORDER BY code", String.class, DISTRICT + "%");
      case "incidents" ->
          jdbc.queryForList(
              "SELECT number FROM incident WHERE grid_code LIKE ? OR (grid_code IS NULL AND area_code LIKE ?) ORDER BY number",
              String.class, DISTRICT + "%", DISTRICT + "%");
      default ->
          jdbc.queryForList(
              "SELECT code FROM area WHERE level = ? AND valid_to IS NULL AND code LIKE ? ORDER BY code",
              String.class, OgcCollection.byId(collection).orElseThrow().level.name(), DISTRICT + "%");
    };
  }

  private long area(String level) {
    return jdbc.queryForObject("SELECT count(*) FROM area WHERE level = ? AND valid_to IS NULL AND code LIKE ?", Long.class, level, DISTRICT + "%");
  }

  /** Runs a GDAL command; fails with its output unless it exits 0 within 10 minutes. */
  static String run(String... command) {
    try {
      Path log = Files.createTempFile("gdal-", ".log");
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean done = p.waitFor(10, TimeUnit.MINUTES);
      String output = Files.readString(log);
      Files.deleteIfExists(log);
      assertThat(done).as(String.join(" ", command) + " timed out").isTrue();
      assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
      assertThat(output).as(String.join(" ", command)).doesNotContain("ERROR");
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
