package org.wangge.gisdata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.wangge.gisdata.crs.Crs;
import org.wangge.gisdata.io.FeatureSource;
import org.wangge.gisdata.io.Field;
import org.wangge.gisdata.io.FieldType;
import org.wangge.gisdata.io.FileFormat;
import org.wangge.gisdata.io.GisFiles;
import org.wangge.gisdata.io.LayerInfo;
import org.wangge.gisdata.io.OutputLayer;
import org.wangge.gisdata.io.ReadOptions;
import org.wangge.gisdata.io.SourceFeature;
import org.wangge.gisdata.io.WriteOptions;

class ConvertAndServerCommandTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private PrintStream o() {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  private PrintStream e() {
    return new PrintStream(err, true, StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void progressLine() {
    assertThat(ProgressLine.render("CHECKING", 63_000, 150_000))
        .isEqualTo("[####......] 42% CHECKING 63,000/150,000");
    assertThat(ProgressLine.render("WRITING", 150_000, 150_000))
        .isEqualTo("[##########] 100% WRITING 150,000/150,000");
    assertThat(ProgressLine.render("READING", 0, 0)).isEqualTo("[..........] READING");
    assertThat(ProgressLine.render("READING", 1234, 0)).isEqualTo("[..........] READING 1,234");
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ProgressLine line = new ProgressLine(new PrintStream(b, true, StandardCharsets.UTF_8));
    line.show("CHECKING", 10_000, 20_000, true);
    line.show("DONE", 1, 1, true);
    line.done();
    assertThat(b.toString(StandardCharsets.UTF_8))
        .isEqualTo("\r[#####.....] 50% CHECKING 10,000/20,000\r[##########] 100% DONE 1/1" + " ".repeat(13) + "\n");
  }

  @Test
  void importArguments() throws Exception {
    ServerCommands.ImportRequest r = ServerCommands.importRequest(new String[] {"import", "grids.zip",
        "--server", "http://localhost:8080", "--user", "admin", "--kind", "area", "--level", "grid",
        "--crs", "4547", "--map", "code=CODE,name=NAME,parentCode=PCODE", "--repair",
        "--on-existing", "new_version"}, Map.of("WANGGE_PASSWORD", "secret"));
    assertThat(r.kind()).isEqualTo("AREA");
    assertThat(r.level()).isEqualTo("GRID");
    assertThat(r.crs()).isEqualTo("EPSG:4547");
    assertThat(r.mapping()).containsExactly(Map.entry("code", "CODE"), Map.entry("name", "NAME"),
        Map.entry("parentCode", "PCODE"));
    assertThat(r.repair()).isTrue();
    assertThat(r.dryRunOnly()).isFalse();
    assertThat(r.onExisting()).isEqualTo("NEW_VERSION");
    assertThat(r.server().password()).isEqualTo("secret");
    assertThat(r.server().authorization()).isEqualTo("Basic YWRtaW46c2VjcmV0");

    record Bad(String message, String... args) {}
    for (Bad bad : List.of(
        new Bad("--server", "import", "f.zip", "--user", "a", "--password", "p"),
        new Bad("--server: an http", "import", "f.zip", "--server", "ftp://x", "--user", "a", "--password", "p"),
        new Bad("--password", "import", "f.zip", "--server", "http://x", "--user", "a"),
        new Bad("--kind: one of", "import", "f.zip", "--server", "http://x", "--user", "a", "--password", "p", "--kind", "ROAD"),
        new Bad("--level: only for --kind AREA", "import", "f.zip", "--server", "http://x", "--user", "a", "--password", "p", "--kind", "ADDRESS", "--level", "GRID"),
        new Bad("--crs: ", "import", "f.zip", "--server", "http://x", "--user", "a", "--password", "p", "--crs", "EPSG:2383"),
        new Bad("--map: expected key=FIELD", "import", "f.zip", "--server", "http://x", "--user", "a", "--password", "p", "--map", "code"),
        new Bad("--on-existing", "import", "f.zip", "--server", "http://x", "--user", "a", "--password", "p", "--on-existing", "MERGE"),
        new Bad("unknown option --colour", "import", "f.zip", "--colour", "red"),
        new Bad("import needs one FILE", "import", "--server", "http://x"))) {
      assertThatThrownBy(() -> ServerCommands.importRequest(bad.args(), Map.of()))
          .as(String.join(" ", bad.args()))
          .isInstanceOf(GisDataCommand.UsageException.class)
          .hasMessageContaining(bad.message());
    }
    assertThat(GisDataCommand.run(new String[] {"import", "x.zip", "--server", "http://x"}, o(), e())).isEqualTo(2);
    assertThat(err()).contains("--user").contains("usage: import FILE");
  }

  @Test
  void convertArguments() throws Exception {
    ConvertCommand.Request r = ConvertCommand.request(
        new String[] {"convert", "in.csv", "out.zip", "--from-crs", "GCJ-02", "--crs", "EPSG:4547",
            "--encoding", "gbk", "--x", "经度", "--y", "纬度"});
    assertThat(r.format()).isEqualTo(FileFormat.SHAPEFILE);
    assertThat(r.fromCrs()).isEqualTo(Crs.GCJ02);
    assertThat(r.crs()).isEqualTo(Crs.epsg(4547));
    assertThat(r.encoding()).isEqualTo(Charset.forName("GBK"));
    assertThat(r.columns().x()).isEqualTo("经度");
    assertThatThrownBy(() -> ConvertCommand.request(new String[] {"convert", "a.shp", "b.kml"}))
        .hasMessageContaining("--format");
    assertThatThrownBy(() -> ConvertCommand.request(new String[] {"convert", "a.shp"}))
        .hasMessageContaining("IN and OUT");
    assertThatThrownBy(() -> ConvertCommand.request(new String[] {"convert", "a.csv", "b.gpkg", "--x", "lon"}))
        .hasMessageContaining("--x/--y/--wkt");
    assertThatThrownBy(() -> ConvertCommand.request(new String[] {"convert", "a.csv", "b.gpkg", "--encoding", "latin1"}))
        .hasMessageContaining("--encoding: UTF-8 or GBK");
  }

  @Test
  void convertsAGbkShapefileInGaussKrugerToGeoJsonAndBackToAGeoPackage() throws Exception {
    GeometryFactory f = new GeometryFactory();
    Path shp = dir.resolve("grids.zip");
    try (OutputStream os = Files.newOutputStream(shp)) {
      GisFiles.write(FileFormat.SHAPEFILE, Crs.epsg(4547), List.of(new OutputLayer("grids", "Point",
          List.of(new Field("CODE", FieldType.TEXT), new Field("NAME", FieldType.TEXT)),
          sink -> sink.accept(f.createPoint(new Coordinate(114.3, 27.8)), Arrays.asList("A1", "第一网格")))),
          os, new WriteOptions(Charset.forName("GBK"), null));
    }
    Path json = dir.resolve("grids.geojson");
    assertThat(GisDataCommand.run(new String[] {"convert", shp.toString(), json.toString(), "--crs", "WGS84"}, o(), e()))
        .as(err()).isZero();
    assertThat(err()).contains("grids: 1 features, Point, EPSG:4547, GBK").contains("100% CONVERTING grids 1/1");
    assertThat(out()).contains("wrote " + json).contains("GEOJSON, EPSG:4326");
    String text = Files.readString(json);
    assertThat(text).contains("第一网格").contains("[114.3,27.8]");

    // GeoJSON (WGS84) → GeoPackage in the 3° zone-prefixed system.
    Path gpkg = dir.resolve("out/grids.gpkg");
    assertThat(GisDataCommand.run(new String[] {"convert", json.toString(), gpkg.toString(), "--crs", "EPSG:4526"}, o(), e()))
        .as(err()).isZero();
    try (FeatureSource src = GisFiles.open(gpkg, null, ReadOptions.defaults())) {
      LayerInfo l = src.layers().get(0);
      assertThat(l.crs()).isEqualTo(Crs.epsg(4526));
      List<SourceFeature> fs = new ArrayList<>();
      src.read(l.name(), null, fs::add);
      assertThat(fs.get(0).attributes()).containsEntry("NAME", "第一网格");
      assertThat(fs.get(0).geometry().getCoordinate().x).isCloseTo(38529562.9396, within(0.01));
    }

    // A CSV without a system needs --from-crs: exit 2 naming it.
    Path csv = dir.resolve("a.csv");
    Files.writeString(csv, "code,lon,lat\nA,114.3,27.8\n");
    assertThat(GisDataCommand.run(new String[] {"convert", csv.toString(), dir.resolve("a.fgb").toString()}, o(), e()))
        .isEqualTo(2);
    assertThat(err()).contains("--from-crs: layer a does not say its coordinate system");
    assertThat(GisDataCommand.run(new String[] {"convert", csv.toString(), dir.resolve("a.fgb").toString(),
        "--from-crs", "GCJ-02"}, o(), e())).isZero();
    try (FeatureSource src = GisFiles.open(dir.resolve("a.fgb"), null, ReadOptions.defaults())) {
      // Written as GCJ-02 coordinates, declared as WGS84 (no file format can say GCJ-02).
      List<SourceFeature> fs = new ArrayList<>();
      src.read(src.layers().get(0).name(), null, fs::add);
      assertThat(fs.get(0).geometry().getCoordinate().x).isCloseTo(114.3, within(1e-9));
    }
    // An unreadable input: exit 1.
    Path junk = dir.resolve("junk.geojson");
    Files.writeString(junk, "not json");
    assertThat(GisDataCommand.run(new String[] {"convert", junk.toString(), dir.resolve("j.csv").toString()}, o(), e()))
        .isEqualTo(1);
    assertThat(err()).contains("error: file: not valid JSON");
  }

  /** A fake import API that answers like /api/imports, recording the requests. */
  private String fakeServer(boolean committable, List<String> requests) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger polls = new AtomicInteger();
    String[] status = {"UPLOADED"};
    server.createContext("/api/imports", x -> {
      String auth = x.getRequestHeaders().getFirst("Authorization");
      if (!"Basic YWRtaW46cHc=".equals(auth)) {
        answer(x, 401, "");
        return;
      }
      String path = x.getRequestURI().getPath();
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(x.getRequestMethod() + " " + path + " " + (path.endsWith("/api/imports") ? body.length() : body));
      String layer = "{\"name\":\"grids\",\"geometryType\":\"MultiPolygon\",\"featureCount\":800,\"crs\":\"EPSG:4547\","
          + "\"crsNote\":\"from the .prj\",\"charset\":\"GBK\",\"fields\":[],\"suggested\":{\"kind\":\"AREA\","
          + "\"level\":\"GRID\",\"mapping\":{\"code\":\"CODE\",\"name\":\"NAME\",\"parentCode\":\"PCODE\"}}}";
      if (path.endsWith("/dry-run")) {
        status[0] = "CHECKING";
        answer(x, 202, "{\"id\":\"i1\",\"status\":\"CHECKING\"}");
      } else if (path.endsWith("/commit")) {
        status[0] = "COMMITTING";
        answer(x, 202, "{\"id\":\"i1\",\"status\":\"COMMITTING\"}");
      } else if (path.endsWith("/i1")) {
        int n = polls.incrementAndGet();
        String s = status[0];
        if (s.equals("CHECKING") && n % 3 == 0) {
          s = status[0] = "CHECKED";
        } else if (s.equals("COMMITTING") && n % 3 == 0) {
          s = status[0] = "COMMITTED";
        }
        answer(x, 200, "{\"id\":\"i1\",\"status\":\"" + s + "\",\"progress\":{\"phase\":\"CHECKING\",\"done\":"
            + (n * 100) + ",\"total\":800},\"layers\":[" + layer + "],"
            + "\"dryRun\":{\"counts\":{\"features\":800,\"valid\":799,\"invalid\":1,\"new\":800},"
            + "\"problems\":[{\"layer\":\"grids\",\"row\":12,\"code\":\"G12\",\"kind\":\"INVALID_GEOMETRY\",\"blocking\":"
            + !committable + ",\"message\":\"Self-intersection\"}],\"problemCount\":1,\"committable\":" + committable
            + ",\"blocking\":" + (committable ? "[]" : "[\"1 invalid geometry: tick 'repair' or fix the file\"]") + "},"
            + "\"result\":{\"inserted\":800,\"newVersions\":0,\"skipped\":0,\"millis\":5300}}");
      } else {
        answer(x, 201, "{\"id\":\"i1\",\"fileName\":\"grids.zip\",\"format\":\"SHAPEFILE\",\"status\":\"UPLOADED\","
            + "\"layers\":[" + layer + "]}");
      }
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void answer(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream os = x.getResponseBody()) {
        os.write(b);
      }
    }
    x.close();
  }

  @Test
  void importUploadsChecksWithProgressAndCommits() throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    String url = fakeServer(true, requests);
    Path file = Files.writeString(dir.resolve("grids.zip"), "PK-not-really");
    int status = GisDataCommand.run(new String[] {"import", file.toString(), "--server", url, "--user", "admin",
        "--password", "pw", "--repair", "--poll-ms", "5", "--encoding", "GBK"}, o(), e());
    assertThat(status).as(err() + out()).isZero();
    assertThat(requests.get(0)).startsWith("POST /api/imports ");
    assertThat(requests.get(1)).isEqualTo("POST /api/imports/i1/dry-run {\"layers\":[{\"layer\":\"grids\","
        + "\"kind\":\"AREA\",\"level\":\"GRID\",\"mapping\":{\"code\":\"CODE\",\"name\":\"NAME\",\"parentCode\":\"PCODE\"}}],"
        + "\"repair\":true,\"onExisting\":\"REFUSE\"}");
    assertThat(requests).anyMatch(r -> r.equals("POST /api/imports/i1/commit {}"));
    assertThat(err()).contains("\r[#.........] 12% CHECKING 100/800").contains("\n");
    assertThat(out()).contains("layer grids: 800 MultiPolygon, crs EPSG:4547, GBK")
        .contains("dry run: features 800, valid 799, invalid 1, new 800")
        .contains("warning  INVALID_GEOMETRY row 12 (G12): Self-intersection")
        .contains("committed: 800 inserted, 0 new versions, 0 skipped in 5.3 s");
  }

  @Test
  void importStopsWhenNotCommittableAndOnBadPassword() throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    String url = fakeServer(false, requests);
    Path file = Files.writeString(dir.resolve("grids.zip"), "x");
    assertThat(GisDataCommand.run(new String[] {"import", file.toString(), "--server", url, "--user", "admin",
        "--password", "pw", "--poll-ms", "5"}, o(), e())).isEqualTo(1);
    assertThat(out()).contains("BLOCKING INVALID_GEOMETRY").contains("blocking: 1 invalid geometry")
        .contains("not committed");
    assertThat(requests).noneMatch(r -> r.contains("/commit"));
    assertThat(GisDataCommand.run(new String[] {"import", file.toString(), "--server", url, "--user", "admin",
        "--password", "wrong"}, o(), e())).isEqualTo(1);
    assertThat(err()).contains("HTTP 401: the user name or password is wrong");
    assertThat(GisDataCommand.run(new String[] {"import", dir.resolve("missing.zip").toString(), "--server", url,
        "--user", "admin", "--password", "pw"}, o(), e())).isEqualTo(2);
  }

  @Test
  void problemDetailsAreShortened() {
    assertThat(ServerCommands.problem(400, "{\"title\":\"Bad Request\",\"detail\":\"the zip expands beyond 2 GiB\",\"field\":\"file\"}"))
        .isEqualTo("HTTP 400: file: the zip expands beyond 2 GiB");
    assertThat(ServerCommands.problem(500, "boom")).isEqualTo("HTTP 500: boom");
    assertThat(ServerCommands.fileName("attachment; filename=\"wangge-360502-EPSG4547.zip\"; filename*=UTF-8''x"))
        .isEqualTo("wangge-360502-EPSG4547.zip");
    assertThat(ServerCommands.fileName("attachment; filename=\"../../etc/passwd\"")).isEqualTo("passwd");
  }

  @Test
  void exportDownloadsIntoTheFileAndNamesTheQuery() throws Exception {
    List<String> queries = new CopyOnWriteArrayList<>();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/exports", x -> {
      queries.add(x.getRequestURI().getRawQuery());
      if (x.getRequestURI().getRawQuery().contains("area=999")) {
        answer(x, 404, "{\"detail\":\"no area 999 in your jurisdiction\"}");
        return;
      }
      byte[] body = "PK fake zip".getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"wangge-360502-EPSG4547.zip\"");
      x.sendResponseHeaders(200, body.length);
      try (OutputStream os = x.getResponseBody()) {
        os.write(body);
      }
      x.close();
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    Path target = dir.resolve("out.zip");
    assertThat(GisDataCommand.run(new String[] {"export", "--server", url, "--user", "admin", "--password", "pw",
        "--area", "360502", "--layers", "grids,addresses", "--format", "shp", "--crs", "4547", "-o",
        target.toString()}, o(), e())).as(err()).isZero();
    assertThat(queries.get(0)).isEqualTo("area=360502&layers=grids%2Caddresses&format=shapefile&crs=EPSG%3A4547");
    assertThat(target).hasContent("PK fake zip");
    assertThat(out()).contains("wrote " + target);
    assertThat(GisDataCommand.run(new String[] {"export", "--server", url, "--user", "admin", "--password", "pw",
        "--area", "999", "-o", dir.resolve("x.zip").toString()}, o(), e())).isEqualTo(1);
    assertThat(err()).contains("HTTP 404: no area 999 in your jurisdiction");
    assertThat(dir.resolve("x.zip")).doesNotExist();
    assertThat(GisDataCommand.run(new String[] {"export", "--server", url, "--user", "admin", "--password", "pw",
        "--format", "kml"}, o(), e())).isEqualTo(2);
    assertThat(err()).contains("--format: unknown format 'kml'");
  }
}
