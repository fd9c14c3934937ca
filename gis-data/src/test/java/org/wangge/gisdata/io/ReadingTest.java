package org.wangge.gisdata.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.wangge.gisdata.crs.Crs;

/** Reading edge cases: broken geometries, .prj variants, encodings, CSV columns, formats. */
class ReadingTest {

  @TempDir Path dir;

  static final Geometry BOW_TIE =
      TestData.wkt("MULTIPOLYGON(((114.9 27.8, 114.91 27.81, 114.91 27.8, 114.9 27.81, 114.9 27.8)))");

  private Path write(FileFormat format, Crs crs, Charset charset, OutputLayer... layers) throws IOException {
    Path file = dir.resolve(GisFiles.fileName("f" + System.nanoTime(), format, layers.length));
    try (OutputStream out = Files.newOutputStream(file)) {
      GisFiles.write(format, crs, List.of(layers), out, new WriteOptions(charset, null));
    }
    return file;
  }

  @ParameterizedTest
  @EnumSource(FileFormat.class)
  void brokenGeometriesAreReadAsTheyAreNeverRepaired(FileFormat format) throws IOException {
    assertThat(BOW_TIE.isValid()).isFalse();
    OutputLayer layer = new OutputLayer("grids", "MultiPolygon", List.of(new Field("code", FieldType.TEXT)),
        sink -> {
          sink.accept(BOW_TIE, List.of("BOW"));
          sink.accept(TestData.GRID2, List.of("OK"));
        });
    Path file = write(format, Crs.WGS84, null, layer);
    try (FeatureSource src = GisFiles.open(file, dir.resolve("w"), ReadOptions.defaults())) {
      List<SourceFeature> fs = new ArrayList<>();
      src.read(src.layers().get(0).name(), null, fs::add);
      assertThat(fs).hasSize(2);
      Geometry g = fs.get(0).geometry();
      assertThat(g.isValid()).isFalse();
      assertThat(new IsValidOp(g).getValidationError().getErrorType())
          .isEqualTo(org.locationtech.jts.operation.valid.TopologyValidationError.SELF_INTERSECTION);
      assertThat(g.getNumPoints()).isEqualTo(5);
      assertThat(fs.get(1).geometry().isValid()).isTrue();
    }
  }

  private Path shapefileSet(Crs crs, Charset charset) throws IOException {
    OutputLayer layer = new OutputLayer("grids", "MultiPolygon",
        List.of(new Field("CODE", FieldType.TEXT), new Field("NAME", FieldType.TEXT)),
        sink -> sink.accept(TestData.GRID1, List.of("360502001001001", "城北第一网格")));
    Path zip = write(FileFormat.SHAPEFILE, crs, charset, layer);
    Path set = Files.createDirectories(dir.resolve("set" + System.nanoTime()));
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        Files.copy(in, set.resolve(e.getName()));
      }
    }
    return set;
  }

  private static Path rezip(Path set, Path zip) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
        var files = Files.list(set)) {
      for (Path p : files.toList()) {
        out.putNextEntry(new ZipEntry(p.getFileName().toString()));
        Files.copy(p, out);
        out.closeEntry();
      }
    }
    return zip;
  }

  @Test
  void aPrjWithoutEpsgCodeIsRecognisedAnUnknownOneIsNotNoneIsNot() throws IOException {
    Path set = shapefileSet(Crs.epsg(4547), StandardCharsets.UTF_8);
    // Our .prj is the ESRI flavour, without any EPSG code.
    assertThat(Files.readString(set.resolve("grids.prj"))).doesNotContain("AUTHORITY").doesNotContain("4547");
    try (FeatureSource src = GisFiles.open(rezip(set, dir.resolve("a.zip")), dir.resolve("wa"), ReadOptions.defaults())) {
      assertThat(src.layers().get(0).crs()).isEqualTo(Crs.epsg(4547));
      assertThat(src.layers().get(0).crsNote()).contains("CGCS2000_3_Degree_GK_CM_114E");
    }
    // Xian 1980 with the same projection: unknown, never guessed.
    String xian = "PROJCS[\"Xian_1980_3_Degree_GK_CM_114E\",GEOGCS[\"GCS_Xian_1980\",DATUM[\"D_Xian_1980\","
        + "SPHEROID[\"Xian_1980\",6378140.0,298.257]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
        + "PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],"
        + "PARAMETER[\"Central_Meridian\",114.0],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],"
        + "UNIT[\"Meter\",1.0]]";
    Files.writeString(set.resolve("grids.prj"), xian);
    try (FeatureSource src = GisFiles.open(rezip(set, dir.resolve("b.zip")), dir.resolve("wb"), ReadOptions.defaults())) {
      LayerInfo l = src.layers().get(0);
      assertThat(l.crs()).isNull();
      assertThat(l.crsNote()).startsWith(".prj names an unknown coordinate system").contains("Xian_1980");
      assertThat(l.featureCount()).isEqualTo(1);
    }
    Files.delete(set.resolve("grids.prj"));
    try (FeatureSource src = GisFiles.open(rezip(set, dir.resolve("c.zip")), dir.resolve("wc"), ReadOptions.defaults())) {
      LayerInfo l = src.layers().get(0);
      assertThat(l.crs()).isNull();
      assertThat(l.crsNote()).startsWith("no .prj");
    }
  }

  @Test
  void aHandMadeGbkShapefileWithACpgAndWithoutOne() throws IOException {
    Path set = shapefileSet(Crs.WGS84, Charset.forName("GBK"));
    for (String cpg : List.of("936", "CP936", "GB2312", "GBK", "gb18030")) {
      Files.writeString(set.resolve("grids.cpg"), cpg + "\r\n");
      try (FeatureSource src = GisFiles.open(set.resolve("grids.shp"), null, ReadOptions.defaults())) {
        List<SourceFeature> fs = new ArrayList<>();
        src.read("grids", null, fs::add);
        assertThat(fs.get(0).attributes().get("NAME")).as(cpg).isEqualTo("城北第一网格");
      }
    }
    // A wrong .cpg is overridden by the caller's choice.
    Files.writeString(set.resolve("grids.cpg"), "UTF-8");
    try (FeatureSource src = GisFiles.open(set.resolve("grids.shp"), null,
        ReadOptions.defaults().withCharset(Charset.forName("GBK")))) {
      List<SourceFeature> fs = new ArrayList<>();
      src.read("grids", null, fs::add);
      assertThat(fs.get(0).attributes().get("NAME")).isEqualTo("城北第一网格");
    }
    // No .cpg, no language byte: detected.
    Files.delete(set.resolve("grids.cpg"));
    byte[] dbf = Files.readAllBytes(set.resolve("grids.dbf"));
    dbf[29] = 0x57; // "ANSI", as many tools write
    Files.write(set.resolve("grids.dbf"), dbf);
    try (FeatureSource src = GisFiles.open(set.resolve("grids.shp"), null, ReadOptions.defaults())) {
      assertThat(src.layers().get(0).charset()).isEqualTo(Charset.forName("GBK"));
      List<SourceFeature> fs = new ArrayList<>();
      src.read("grids", null, fs::add);
      assertThat(fs.get(0).attributes().get("NAME")).isEqualTo("城北第一网格");
    }
    Path utf8 = shapefileSet(Crs.WGS84, StandardCharsets.UTF_8);
    Files.delete(utf8.resolve("grids.cpg"));
    try (FeatureSource src = GisFiles.open(utf8.resolve("grids.shp"), null, ReadOptions.defaults())) {
      assertThat(src.layers().get(0).charset()).isEqualTo(StandardCharsets.UTF_8);
    }
  }

  @Test
  void csvWithChineseHeadersGbkSemicolonsAndChosenColumns() throws IOException {
    Path csv = dir.resolve("addresses.csv");
    Files.write(csv, ("编码;地址;经度;纬度;户数;登记日期\n"
        + "A1;仙来西大道 88 号;114.3;27.8;3;2026-01-02\n"
        + "A2;\"胜利路 1 号; 2 栋\";114.31;27.81;;2026-01-03\n"
        + "A3;无坐标;;;1;\n").getBytes(Charset.forName("GBK")));
    try (FeatureSource src = GisFiles.open(csv, null, ReadOptions.defaults())) {
      LayerInfo l = src.layers().get(0);
      assertThat(l.charset()).isEqualTo(Charset.forName("GBK"));
      assertThat(l.crs()).isNull();
      assertThat(l.crsNote()).contains("choose");
      assertThat(l.geometryType()).isEqualTo("Point");
      assertThat(l.featureCount()).isEqualTo(3);
      assertThat(l.fields()).extracting(Field::name).containsExactly("编码", "地址", "户数", "登记日期");
      assertThat(l.fields()).extracting(Field::type)
          .containsExactly(FieldType.TEXT, FieldType.TEXT, FieldType.INTEGER, FieldType.DATE);
      assertThat(l.extent()).containsExactly(114.3, 27.8, 114.31, 27.81);
      List<SourceFeature> fs = new ArrayList<>();
      src.read(l.name(), null, fs::add);
      assertThat(fs.get(1).attributes()).containsEntry("地址", "胜利路 1 号; 2 栋").containsEntry("户数", null);
      assertThat(fs.get(0).attributes()).containsEntry("登记日期", LocalDate.of(2026, 1, 2)).containsEntry("户数", 3L);
      assertThat(fs.get(2).geometry()).isNull();
      // Columns chosen by the user: the WKT column does not exist.
      assertThatThrownBy(() -> src.read(l.name(), new GeometryColumns(null, null, "wkt"), f -> {}))
          .isInstanceOfSatisfying(GisFileException.class, e -> assertThat(e.field()).isEqualTo("columns"));
      List<SourceFeature> swapped = new ArrayList<>();
      src.read(l.name(), new GeometryColumns("纬度", "经度", null), swapped::add);
      assertThat(swapped.get(0).geometry().getCoordinate().x).isEqualTo(27.8);
    }
  }

  @Test
  void geoJsonWithoutCrsIsWgs84AndFormatsAreNamed() throws IOException {
    Path f = dir.resolve("x.geojson");
    Files.writeString(f, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":7,"
        + "\"properties\":{\"a\":{\"b\":1},\"n\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},"
        + "{\"type\":\"Feature\",\"properties\":{\"n\":2.5},\"geometry\":null}]}");
    try (FeatureSource src = GisFiles.open(f, null, ReadOptions.defaults())) {
      LayerInfo l = src.layers().get(0);
      assertThat(l.crs()).isEqualTo(Crs.WGS84);
      assertThat(l.crsNote()).contains("RFC 7946");
      assertThat(l.fields()).extracting(Field::name).containsExactly("id", "a", "n");
      assertThat(l.fields().get(2).type()).isEqualTo(FieldType.DECIMAL);
      List<SourceFeature> fs = new ArrayList<>();
      src.read("x", null, fs::add);
      assertThat(fs.get(0).attributes()).containsEntry("a", "{\"b\":1}").containsEntry("n", 1.0).containsEntry("id", 7L);
      assertThat(fs.get(1).geometry()).isNull();
    }
    Path bad = dir.resolve("bad.geojson");
    Files.writeString(bad, "{\"type\":\"FeatureCollection\",\"features\":[{");
    assertThatThrownBy(() -> GisFiles.open(bad, null, ReadOptions.defaults()))
        .isInstanceOfSatisfying(GisFileException.class, e -> assertThat(e.getMessage()).contains("not valid JSON"));
    assertThat(FileFormat.fromFileName("a.ZIP")).contains(FileFormat.SHAPEFILE);
    assertThat(FileFormat.fromFileName("a.json")).contains(FileFormat.GEOJSON);
    assertThat(FileFormat.fromFileName("a.txt")).contains(FileFormat.CSV);
    assertThat(FileFormat.fromFileName("a.kml")).isEmpty();
    assertThat(FileFormat.parse("GPKG")).isEqualTo(FileFormat.GEOPACKAGE);
    assertThat(FileFormat.parse("fgb")).isEqualTo(FileFormat.FLATGEOBUF);
    assertThatThrownBy(() -> FileFormat.parse("kml")).hasMessageContaining("shapefile");
    assertThat(GisFiles.fileName("w", FileFormat.GEOJSON, 1)).isEqualTo("w.geojson");
    assertThat(GisFiles.fileName("w", FileFormat.GEOJSON, 3)).isEqualTo("w.zip");
    assertThat(GisFiles.fileName("w", FileFormat.SHAPEFILE, 1)).isEqualTo("w.zip");
    assertThat(GisFiles.fileName("w", FileFormat.GEOPACKAGE, 3)).isEqualTo("w.gpkg");
    assertThat(FileFormat.GEOPACKAGE.mediaType()).isEqualTo("application/geopackage+sqlite3");
  }

  @Test
  void longChineseTextIsCutAtACharacterInShapefiles() throws IOException {
    String longName = "很长的名称".repeat(40); // 200 chars: 600 bytes in UTF-8, 400 in GBK
    for (Charset cs : List.of(StandardCharsets.UTF_8, Charset.forName("GBK"))) {
      OutputLayer layer = new OutputLayer("a", "Point", List.of(new Field("name", FieldType.TEXT)),
          sink -> sink.accept(TestData.F.createPoint(new org.locationtech.jts.geom.Coordinate(114, 27)),
              Arrays.asList(longName)));
      Path zip = write(FileFormat.SHAPEFILE, Crs.WGS84, cs, layer);
      try (FeatureSource src = GisFiles.open(zip, dir.resolve("w" + cs.name()), ReadOptions.defaults())) {
        List<SourceFeature> fs = new ArrayList<>();
        src.read("a", null, fs::add);
        String read = (String) fs.get(0).attributes().get("name");
        assertThat(longName).startsWith(read);
        assertThat(read.getBytes(cs).length).isLessThanOrEqualTo(254).isGreaterThan(250);
      }
    }
  }
}
