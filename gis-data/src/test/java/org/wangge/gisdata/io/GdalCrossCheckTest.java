package org.wangge.gisdata.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wangge.gisdata.crs.Crs;

/**
 * GDAL (Debian gdal-bin: ogrinfo, ogr2ogr) reads what we write, and we read what it writes.
 * Skipped when ogrinfo is not installed.
 */
class GdalCrossCheckTest {

  @BeforeAll
  static void gdal() {
    assumeTrue(onPath("ogrinfo") && onPath("ogr2ogr"), "gdal-bin (ogrinfo, ogr2ogr) is not installed");
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
    return text;
  }

  static Stream<Arguments> written() {
    List<Arguments> out = new ArrayList<>();
    for (Crs crs : List.of(Crs.epsg(4547), Crs.CGCS2000, Crs.epsg(4526))) {
      out.add(Arguments.of(FileFormat.SHAPEFILE, crs, StandardCharsets.UTF_8));
      out.add(Arguments.of(FileFormat.SHAPEFILE, crs, Charset.forName("GBK")));
      out.add(Arguments.of(FileFormat.GEOPACKAGE, crs, StandardCharsets.UTF_8));
      out.add(Arguments.of(FileFormat.FLATGEOBUF, crs, StandardCharsets.UTF_8));
      out.add(Arguments.of(FileFormat.GEOJSON, crs, StandardCharsets.UTF_8));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("written")
  void gdalReadsWhatWeWrite(FileFormat format, Crs crs, Charset charset, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve(GisFiles.fileName("out", format, 2));
    try (OutputStream out = Files.newOutputStream(file)) {
      GisFiles.write(format, crs, TestData.layers(), out, new WriteOptions(charset, null));
    }
    List<String> paths = new ArrayList<>();
    if (file.toString().endsWith(".zip")) {
      String ext = format == FileFormat.SHAPEFILE ? "shp" : format.fileExtension();
      paths.add("/vsizip/" + file + "/grids." + ext);
      paths.add("/vsizip/" + file + "/addresses." + ext);
    } else {
      paths.add(file.toString());
    }
    StringBuilder all = new StringBuilder();
    for (String p : paths) {
      all.append(run("ogrinfo", "-ro", "-al", p));
    }
    String text = all.toString();
    assertThat(counts(text)).containsExactly(2L, 3L);
    int code = crs.epsg().getAsInt();
    assertThat(text).as("GDAL identifies EPSG:" + code).contains("ID[\"EPSG\"," + code + "]");
    assertThat(text).contains("渝水区第一网格（城北）").contains("仙来西大道 88 号 3 栋");
    assertThat(text).contains("360502001001001");
  }

  private static List<Long> counts(String ogrinfo) {
    List<Long> out = new ArrayList<>();
    Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(ogrinfo);
    while (m.find()) {
      out.add(Long.parseLong(m.group(1)));
    }
    return out;
  }

  @Test
  void weReadAGbkShapefileWrittenByGdal(@TempDir Path dir) throws Exception {
    Path geojson = dir.resolve("in.geojson");
    Files.writeString(geojson,
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
            + "{\"CODE\":\"360502001001001\",\"NAME\":\"渝水区城北街道第一网格\",\"HH\":312},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[114.9,27.8],[114.91,27.8],"
            + "[114.91,27.81],[114.9,27.81],[114.9,27.8]]]}}]}");
    Path shpDir = dir.resolve("shp");
    run("ogr2ogr", "-f", "ESRI Shapefile", "-t_srs", "EPSG:4547", "-lco", "ENCODING=GBK",
        shpDir.toString(), geojson.toString(), "-nln", "grids");
    assertThat(Files.readAllBytes(shpDir.resolve("grids.dbf")))
        .as("the .dbf holds GBK bytes").isNotEmpty();
    assertThat(Encodings.isUtf8(Files.readAllBytes(shpDir.resolve("grids.dbf")), false)).isFalse();
    // With GDAL's .cpg, and without it (detected).
    for (boolean withCpg : List.of(true, false)) {
      if (!withCpg) {
        Files.deleteIfExists(shpDir.resolve("grids.cpg"));
      }
      try (FeatureSource src = GisFiles.open(shpDir.resolve("grids.shp"), dir.resolve("w" + withCpg),
          ReadOptions.defaults())) {
        LayerInfo l = src.layers().get(0);
        assertThat(l.crs()).isEqualTo(Crs.epsg(4547));
        assertThat(l.charset()).isEqualTo(Encodings.GBK);
        List<SourceFeature> fs = new ArrayList<>();
        src.read("grids", null, fs::add);
        assertThat(fs.get(0).attributes()).containsEntry("NAME", "渝水区城北街道第一网格")
            .containsEntry("HH", 312L);
        double[] ll = Crs.epsg(4547).toWgs84(fs.get(0).geometry().getCoordinates()[0].x,
            fs.get(0).geometry().getCoordinates()[0].y);
        assertThat(ll[1]).isCloseTo(27.8, within(1e-8));
      }
    }
  }

  @Test
  void weReadGeoPackageAndFlatGeobufWrittenByGdal(@TempDir Path dir) throws Exception {
    Path geojson = dir.resolve("in.geojson");
    Files.writeString(geojson,
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
            + "{\"code\":\"A1\",\"name\":\"地址一\",\"n\":1.25,\"day\":\"2026-03-04\"},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[114.3,27.8]}}]}");
    for (String[] f : List.of(new String[] {"GPKG", "x.gpkg", "EPSG:4490"},
        new String[] {"FlatGeobuf", "x.fgb", "EPSG:4547"}, new String[] {"GeoJSON", "x.geojson", "EPSG:4547"})) {
      Path out = dir.resolve(f[1]);
      run("ogr2ogr", "-f", f[0], "-t_srs", f[2], out.toString(), geojson.toString(), "-nln", "addresses");
      try (FeatureSource src = GisFiles.open(out, dir.resolve("w" + f[0]), ReadOptions.defaults())) {
        LayerInfo l = src.layers().get(0);
        assertThat(l.name()).isEqualTo("addresses".equals(l.name()) ? "addresses" : l.name());
        assertThat(l.featureCount()).isEqualTo(1);
        assertThat(l.crs()).as(f[0] + " " + l.crsNote()).isEqualTo(Crs.parse(f[2]));
        List<SourceFeature> fs = new ArrayList<>();
        src.read(l.name(), null, fs::add);
        assertThat(fs.get(0).attributes()).containsEntry("name", "地址一").containsEntry("n", 1.25);
        double[] ll = l.crs().toWgs84(fs.get(0).geometry().getCoordinate().x, fs.get(0).geometry().getCoordinate().y);
        assertThat(ll[0]).isCloseTo(114.3, within(1e-8));
        assertThat(ll[1]).isCloseTo(27.8, within(1e-8));
      }
    }
  }
}
