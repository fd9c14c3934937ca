package org.wangge.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.gisdata.cli.GisDataCommand;
import org.wangge.gisdata.crs.Crs;
import org.wangge.gisdata.io.Field;
import org.wangge.gisdata.io.FieldType;
import org.wangge.gisdata.io.FileFormat;
import org.wangge.gisdata.io.GisFiles;
import org.wangge.gisdata.io.OutputLayer;
import org.wangge.gisdata.io.WriteOptions;
import org.wangge.spatial.Wgs84;

/**
 * The gis-data command line's {@code import} against the running application (H2GIS, demo city):
 * a GBK shapefile in EPSG:4547 holding two stored grids with new names is uploaded, dry-run with
 * the server's suggested mapping, refused while the codes exist (REFUSE), then committed as new
 * versions; the database holds the new names. Its own database and work dir ({@link
 * ImportDatabase}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"wangge.area.boundary-poll-interval=PT1S"})
@ContextConfiguration(initializers = ImportDatabase.class)
class ImportCommandLineEmbeddedIT {

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  @TempDir Path dir;

  record Grid(String code, String parent, MultiPolygon boundary) {}

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int cli(String... args) {
    out.reset();
    err.reset();
    return GisDataCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void importsAGbkShapefileInGaussKrugerFromTheCommandLine() throws Exception {
    String community = jdbc.queryForObject(
        "SELECT min(parent_code) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND parent_code LIKE '360502%'",
        String.class);
    List<Grid> grids = jdbc.query(
        "SELECT code, parent_code, ST_AsBinary(boundary) FROM area WHERE parent_code = ? AND valid_to IS NULL ORDER BY code",
        (rs, i) -> {
          try {
            return new Grid(rs.getString(1), rs.getString(2),
                (MultiPolygon) new WKBReader(Wgs84.FACTORY).read(rs.getBytes(3)));
          } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalStateException(e);
          }
        },
        community).subList(0, 2);
    Path file = dir.resolve("grids.zip");
    try (OutputStream os = Files.newOutputStream(file)) {
      GisFiles.write(FileFormat.SHAPEFILE, Crs.epsg(4547),
          List.of(new OutputLayer("grids", "MultiPolygon",
              List.of(new Field("CODE", FieldType.TEXT), new Field("NAME", FieldType.TEXT),
                  new Field("PCODE", FieldType.TEXT)),
              sink -> {
                for (Grid g : grids) {
                  sink.accept(g.boundary(), List.of(g.code(), "命令行网格" + g.code().substring(12), g.parent()));
                }
              })),
          os, new WriteOptions(Charset.forName("GBK"), null));
    }
    String server = "http://localhost:" + port;

    // A wrong password: refused, exit 1.
    assertThat(cli("import", file.toString(), "--server", server, "--user", "admin", "--password", "nope"))
        .isEqualTo(1);
    assertThat(output()).contains("HTTP 401");

    // Dry run only, with the server's suggested kind, level and mapping: the codes exist, so
    // REFUSE (the default) blocks.
    assertThat(cli("import", file.toString(), "--server", server, "--user", "admin",
        "--password", "wangge-demo-2026", "--dry-run-only", "--poll-ms", "100"))
        .as(output()).isEqualTo(1);
    assertThat(output()).contains("layer grids: 2 MultiPolygon, crs EPSG:4547, GBK")
        .contains("CODE_EXISTS").contains("dry run only: NOT committable")
        .contains("% ");

    // Commit as new versions, everything explicit.
    assertThat(cli("import", file.toString(), "--server", server, "--user", "admin",
        "--password", "wangge-demo-2026", "--kind", "AREA", "--level", "GRID", "--crs", "EPSG:4547",
        "--map", "code=CODE,name=NAME,parentCode=PCODE", "--on-existing", "NEW_VERSION", "--poll-ms", "100"))
        .as(output()).isZero();
    assertThat(output()).contains("committed: 0 inserted, 2 new versions, 0 skipped")
        .contains("[##########] 100%");
    for (Grid g : grids) {
      assertThat(jdbc.queryForObject("SELECT name FROM area WHERE code = ? AND valid_to IS NULL", String.class,
          g.code())).isEqualTo("命令行网格" + g.code().substring(12));
      assertThat(jdbc.queryForObject("SELECT count(*) FROM area WHERE code = ?", Integer.class, g.code()))
          .isEqualTo(2);
    }
  }
}
