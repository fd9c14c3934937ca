package org.wangge.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import org.wangge.gisdata.crs.Crs;
import org.wangge.gisdata.io.FeatureSource;
import org.wangge.gisdata.io.GisFiles;
import org.wangge.gisdata.io.LayerInfo;
import org.wangge.gisdata.io.ReadOptions;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/exports} over real HTTP: a community's subtree (the community, its grids and
 * addresses) in every format and in EPSG:4326, EPSG:4547 and GCJ-02, read back with gis-data's
 * {@link GisFiles#open} (codes and counts equal SQL, coordinates converted back within a metre) and
 * with GDAL's {@code ogrinfo} (Chinese names intact, the EPSG code declared); then jurisdiction,
 * bad parameters, members' phones (ADMIN only) and a GBK shapefile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExportContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String COMMUNITY = "360502001001";
  static final Path OGRINFO = Path.of("/usr/bin/ogrinfo");

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  Path dir;

  /** code → WGS84 geometry of the current rows, per layer. */
  Map<String, Map<String, Geometry>> expected = new HashMap<>();

  /** code → name (areas) or full text (addresses). */
  Map<String, String> names = new HashMap<>();

  @BeforeAll
  void readTheSubtree() throws IOException {
    dir = Files.createTempDirectory(Path.of("target"), "exports-");
    expected.put("communities", areas("COMMUNITY"));
    expected.put("grids", areas("GRID"));
    Map<String, Geometry> addresses = new TreeMap<>();
    jdbc.query(
        "SELECT code, full_text, ST_AsBinary(location) FROM address WHERE grid_code LIKE ?",
        rs -> {
          addresses.put(rs.getString(1), wkb(rs.getBytes(3)));
          names.put(rs.getString(1), rs.getString(2));
        },
        COMMUNITY + "%");
    expected.put("addresses", addresses);
    assertThat(expected.get("grids")).hasSizeGreaterThan(1);
    assertThat(addresses).hasSizeGreaterThan(100);
  }

  private Map<String, Geometry> areas(String level) {
    Map<String, Geometry> byCode = new TreeMap<>();
    jdbc.query(
        "SELECT code, name, ST_AsBinary(boundary) FROM area WHERE level = ? AND valid_to IS NULL AND code LIKE ?",
        rs -> {
          byCode.put(rs.getString(1), wkb(rs.getBytes(3)));
          names.put(rs.getString(1), rs.getString(2));
        },
        level,
        COMMUNITY + "%");
    return byCode;
  }

  static List<Arguments> formatsAndSystems() {
    List<Arguments> all = new ArrayList<>();
    for (String format : List.of("shapefile", "geopackage", "geojson", "flatgeobuf", "csv")) {
      for (String crs : List.of("EPSG:4326", "EPSG:4547", "GCJ-02")) {
        all.add(Arguments.of(format, crs));
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("formatsAndSystems")
  void aCommunityReadsBackWithGisDataAndGdal(String format, String crs) throws Exception {
    var response =
        download("leader-community", "/api/exports?area=" + COMMUNITY + "&layers=communities,grids,addresses&format=" + format + "&crs=" + crs);
    assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    String system = crs.replace(":", "").replace("-", "");
    String fileName = "wangge-" + COMMUNITY + "-" + system + (format.equals("geopackage") ? ".gpkg" : ".zip");
    assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("attachment; filename=\"" + fileName + "\"")
        .contains("filename*=UTF-8''" + fileName);
    Path file = dir.resolve(format + "-" + system + "-" + fileName);
    Files.write(file, response.body());
    Crs system84 = Crs.parse(crs);
    try (FeatureSource source = GisFiles.open(file, dir.resolve(file.getFileName() + ".unpacked"), ReadOptions.defaults())) {
      for (String layer : List.of("communities", "grids", "addresses")) {
        LayerInfo info =
            source.layers().stream().filter(l -> l.name().equalsIgnoreCase(layer)).findFirst().orElseThrow(() -> new AssertionError(layer + " missing in " + source.layers()));
        Map<String, Geometry> want = expected.get(layer);
        assertThat(info.featureCount()).as(layer).isEqualTo(want.size());
        Map<String, Geometry> got = new TreeMap<>();
        Map<String, String> gotNames = new HashMap<>();
        // gis-data's CSV reader types a column of 20-digit address codes as DECIMAL (reported to
        // gisdata-io): for CSV the codes are taken from the file's text, row by row.
        List<String> csvCodes = format.equals("csv") ? csvColumn(file, layer + ".csv", "code") : null;
        source.read(
            info.name(),
            null,
            f -> {
              String code =
                  csvCodes != null ? csvCodes.get((int) f.row() - 1) : String.valueOf(attribute(f.attributes(), "code"));
              got.put(code, system84.toWgs84(f.geometry()));
              gotNames.put(code, (String) attribute(f.attributes(), layer.equals("addresses") ? "address" : "name"));
            });
        assertThat(got.keySet()).as(layer).isEqualTo(want.keySet());
        for (var e : want.entrySet()) {
          assertThat(metres(got.get(e.getKey()), e.getValue())).as(layer + " " + e.getKey() + " in " + crs).isLessThan(1.0);
          assertThat(gotNames.get(e.getKey())).isEqualTo(names.get(e.getKey()));
        }
      }
    }
    if (Files.isExecutable(OGRINFO)) {
      checkWithGdal(file, format, crs);
    }
  }

  /** GDAL sees the layers, the Chinese names and (but for CSV, which cannot say) the EPSG code. */
  private void checkWithGdal(Path file, String format, String crs) {
    String grid = expected.get("grids").keySet().iterator().next();
    String path = file.toString().endsWith(".zip") ? "/vsizip/" + file.toAbsolutePath() : file.toAbsolutePath().toString();
    String layer = "grids";
    if (!format.equals("geopackage") && !format.equals("shapefile")) {
      path = path + "/grids." + (format.equals("flatgeobuf") ? "fgb" : format);
    }
    String summary = run(OGRINFO.toString(), "-ro", "-so", path, layer);
    assertThat(summary).contains("Feature Count: " + expected.get("grids").size());
    if (!format.equals("csv")) {
      String epsg = crs.equals("EPSG:4547") ? "4547" : "4326";
      assertThat(summary.replace(" ", "")).as(summary).containsAnyOf("ID[\"EPSG\"," + epsg + "]", "AUTHORITY[\"EPSG\",\"" + epsg + "\"]");
    }
    String feature = run(OGRINFO.toString(), "-ro", "-q", path, layer, "-where", "code = '" + grid + "'");
    assertThat(feature).contains("name (String) = " + names.get(grid));
  }

  @Test
  void aGbkShapefileKeepsItsChineseNames() throws Exception {
    var response = download("leader-community", "/api/exports?area=" + COMMUNITY + "&layers=grids&format=shapefile&crs=EPSG:4547&encoding=GBK");
    assertThat(response.statusCode()).isEqualTo(200);
    Path file = dir.resolve("gbk.zip");
    Files.write(file, response.body());
    try (FeatureSource source = GisFiles.open(file, dir.resolve("gbk"), ReadOptions.defaults())) {
      LayerInfo info = source.layers().get(0);
      assertThat(info.charset().name()).isIn("GBK", "x-mswin-936", "GB18030");
      List<String> read = new ArrayList<>();
      source.read(info.name(), null, f -> read.add((String) attribute(f.attributes(), "name")));
      assertThat(read).containsExactlyInAnyOrderElementsOf(expected.get("grids").keySet().stream().map(names::get).toList());
    }
    if (Files.isExecutable(OGRINFO)) {
      String grid = expected.get("grids").keySet().iterator().next();
      String feature = run(OGRINFO.toString(), "-ro", "-q", "/vsizip/" + file.toAbsolutePath(), "grids", "-where", "code = '" + grid + "'");
      assertThat(feature).contains("name (String) = " + names.get(grid));
    }
  }

  @Test
  void defaultsAreTheCallersAreaAndItsLevelsInGeoJson() throws Exception {
    var response = download("operator-street", "/api/exports?format=geojson");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).contains("wangge-360502001-EPSG4326.zip");
    Path file = dir.resolve("default.zip");
    Files.write(file, response.body());
    try (FeatureSource source = GisFiles.open(file, dir.resolve("default"), ReadOptions.defaults())) {
      Map<String, Long> counts = new TreeMap<>();
      source.layers().forEach(l -> counts.put(l.name(), l.featureCount()));
      assertThat(counts)
          .containsOnlyKeys("streets", "communities", "grids")
          .containsEntry("streets", 1L)
          .containsEntry("grids", count("SELECT count(*) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE '360502001%'"));
    }
  }

  @Test
  void incidentsCarryNoReporterAndFollowTheJurisdiction() throws Exception {
    var response = download("operator-street", "/api/exports?area=360502001&layers=incidents&format=csv");
    assertThat(response.statusCode()).isEqualTo(200);
    String csv = new String(response.body(), StandardCharsets.UTF_8);
    String header = csv.lines().findFirst().orElseThrow().replace("\uFEFF", "");
    assertThat(header).startsWith("number,category,cat_name,source,risk,status,reported,due,closed,grid,address,wkt,lon,lat");
    assertThat(header).doesNotContain("reporter").doesNotContain("description");
    long rows = csv.lines().count() - 1;
    assertThat(rows).isEqualTo(count("SELECT count(*) FROM incident WHERE grid_code LIKE '360502001%' OR (grid_code IS NULL AND area_code LIKE '360502001%')"));
  }

  @Test
  void membersPhonesOnlyForAdmin() throws Exception {
    var asAdmin = download("admin", "/api/exports?area=" + COMMUNITY + "&layers=members&format=csv");
    assertThat(asAdmin.statusCode()).isEqualTo(200);
    String adminCsv = new String(asAdmin.body(), StandardCharsets.UTF_8).replace("\uFEFF", "");
    assertThat(adminCsv.lines().findFirst().orElseThrow()).startsWith("code,name,role,grids,on_duty,phone,wkt");
    long members = count("SELECT count(DISTINCT member_id) FROM member_grid WHERE grid_code LIKE ?", COMMUNITY + "%");
    assertThat(adminCsv.lines().count() - 1).isEqualTo(members).isPositive();
    assertThat(adminCsv).containsPattern(",1\\d{10},");
    var asLeader = download("leader-community", "/api/exports?area=" + COMMUNITY + "&layers=members&format=csv");
    assertThat(asLeader.statusCode()).isEqualTo(200);
    String leaderCsv = new String(asLeader.body(), StandardCharsets.UTF_8).replace("\uFEFF", "");
    assertThat(leaderCsv.lines().findFirst().orElseThrow()).startsWith("code,name,role,grids,on_duty,wkt").doesNotContain("phone");
    assertThat(leaderCsv).doesNotContainPattern("1\\d{10}");
    var asMember = download("member-grid1", "/api/exports?layers=members&format=csv");
    assertThat(asMember.statusCode()).isEqualTo(403);
  }

  @Test
  void outsideTheJurisdictionIsNotFoundAndBadParametersAreNamed() {
    assertThat(download("operator-street", "/api/exports?area=360502002&format=geojson").statusCode()).isEqualTo(404);
    assertThat(download("operator-street", "/api/exports?area=999999999&format=geojson").statusCode()).isEqualTo(404);
    assertBad("/api/exports?format=xls", "format");
    assertBad("/api/exports?format=geojson&crs=EPSG:9999", "crs");
    assertBad("/api/exports?format=geojson&layers=roads", "layers");
    assertBad("/api/exports?format=geojson&layers=districts", "layers");
    assertBad("/api/exports?format=shapefile&encoding=latin1", "encoding");
    assertBad("/api/exports?format=geojson&layers=incidents&from=yesterday", "from");
    assertBad("/api/exports?format=geojson&layers=incidents&from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to");
    assertThat(Api.anonymous(port).get("/api/exports?format=geojson").statusCode()).isEqualTo(401);
  }

  @Test
  void exportsAreAudited() {
    long before = count("SELECT count(*) FROM audit_event WHERE action = 'EXPORTED' AND actor = 'operator-street'");
    assertThat(download("operator-street", "/api/exports?layers=grids&format=geojson&crs=EPSG:4547").statusCode()).isEqualTo(200);
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'EXPORTED' AND actor = 'operator-street'")).isEqualTo(before + 1);
  }

  private void assertBad(String path, String field) {
    var response = download("operator-street", path);
    assertThat(response.statusCode()).as(path).isEqualTo(400);
    var problem = JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
    assertThat(problem.get("field").asString()).as(path).isEqualTo(field);
  }

  /** One column of a CSV file inside a zip, as text, in file order. */
  static List<String> csvColumn(Path zip, String entry, String column) throws IOException {
    try (var zf = new java.util.zip.ZipFile(zip.toFile());
        var reader = new java.io.InputStreamReader(zf.getInputStream(zf.getEntry(entry)), StandardCharsets.UTF_8);
        var parser =
            org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
      String name =
          parser.getHeaderNames().stream().filter(h -> h.replace("\uFEFF", "").equals(column)).findFirst().orElseThrow();
      List<String> values = new ArrayList<>();
      parser.forEach(r -> values.add(r.get(name)));
      return values;
    }
  }

  HttpResponse<byte[]> download(String user, String path) {
    return Api.send(Api.as(port, user).request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static Object attribute(Map<String, Object> attributes, String name) {
    for (var e : attributes.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name)) {
        return e.getValue();
      }
    }
    throw new AssertionError("no attribute " + name + " in " + attributes.keySet());
  }

  long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  static Geometry wkb(byte[] bytes) {
    try {
      return new WKBReader(Wgs84.FACTORY).read(bytes);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A discrete Hausdorff distance in metres (degrees × the length of a degree of latitude). */
  static double metres(Geometry a, Geometry b) {
    return DiscreteHausdorffDistance.distance(a, b) * Wgs84.EARTH_RADIUS_METRES * Math.PI / 180;
  }

  static String run(String... command) {
    try {
      Path log = Files.createTempFile("gdal-", ".log");
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean done = p.waitFor(5, TimeUnit.MINUTES);
      String output = Files.readString(log);
      Files.deleteIfExists(log);
      assertThat(done).as(String.join(" ", command) + " timed out").isTrue();
      assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
