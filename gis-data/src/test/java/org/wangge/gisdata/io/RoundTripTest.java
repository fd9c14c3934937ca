package org.wangge.gisdata.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;
import org.wangge.gisdata.crs.Crs;

/**
 * Every format × every kind of coordinate system: write two layers (grids: MultiPolygon with
 * Chinese names; addresses: points), read them back, compare with the known coordinates.
 */
class RoundTripTest {

  static final List<FileFormat> FORMATS = TestData.FORMATS;

  static final List<Crs> SYSTEMS =
      List.of(Crs.WGS84, Crs.CGCS2000, Crs.epsg(4547), Crs.epsg(4526), Crs.epsg(4508),
          Crs.WEB_MERCATOR, Crs.GCJ02, Crs.BD09);

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (FileFormat f : FORMATS) {
      for (Crs c : SYSTEMS) {
        for (Charset cs : f == FileFormat.SHAPEFILE || f == FileFormat.CSV
            ? List.of(StandardCharsets.UTF_8, Charset.forName("GBK"))
            : List.of(StandardCharsets.UTF_8)) {
          out.add(Arguments.of(f, c, cs));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void roundTrip(FileFormat format, Crs crs, Charset charset, @TempDir Path dir) throws Exception {
    Path file = dir.resolve(GisFiles.fileName("out", format, 2));
    try (OutputStream out = Files.newOutputStream(file)) {
      GisFiles.write(format, crs, TestData.layers(), out, new WriteOptions(charset, null));
    }
    try (FeatureSource src =
        GisFiles.open(file, dir.resolve("work"), ReadOptions.defaults())) {
      assertThat(src.format()).isEqualTo(format);
      List<LayerInfo> layers = src.layers();
      assertThat(layers).extracting(LayerInfo::name).containsExactly("grids", "addresses");
      LayerInfo grids = layers.get(0);
      LayerInfo addresses = layers.get(1);
      assertThat(grids.featureCount()).isEqualTo(2);
      assertThat(addresses.featureCount()).isEqualTo(3);
      assertThat(addresses.geometryType()).isEqualTo("Point");
      assertThat(grids.geometryType()).isIn("MultiPolygon", "Polygon");
      Crs declared = TestData.declared(format, crs);
      assertThat(grids.crs()).as(grids.crsNote()).isEqualTo(declared);
      assertThat(grids.crsNote()).isNotBlank();
      if (format == FileFormat.SHAPEFILE || format == FileFormat.CSV) {
        assertThat(grids.charset()).isEqualTo(charset);
      }
      assertThat(grids.fields()).extracting(Field::name).startsWith("code", "name");

      List<SourceFeature> read = new ArrayList<>();
      src.read("grids", null, read::add);
      assertThat(read).hasSize(2);
      assertThat(read.get(0).row()).isEqualTo(1);
      assertThat(read.get(0).attributes().get("code").toString()).isEqualTo("360502001001001");
      assertThat(read.get(0).attributes().get("name")).isEqualTo("渝水区第一网格（城北）");
      assertThat(((Number) read.get(0).attributes().get("households")).longValue()).isEqualTo(312);
      assertThat(read.get(1).attributes().get("households")).isNull();
      Geometry g0 = crs.toWgs84(read.get(0).geometry());
      assertThat(g0.getArea()).isCloseTo(TestData.GRID1.getArea(), within(TestData.GRID1.getArea() * 1e-6));
      TestData.assertSameVertices(TestData.GRID1, g0, 1e-7);
      // Known coordinate in the file's own system (PROJ values, see CrsTest).
      if (crs.equals(Crs.epsg(4547))) {
        SourceFeature[] pts = new SourceFeature[1];
        src.read("addresses", null, f -> {
          if (pts[0] == null) {
            pts[0] = f;
          }
        });
        assertThat(pts[0].geometry().getCoordinate().x).isCloseTo(529562.9396, within(0.002));
        assertThat(pts[0].geometry().getCoordinate().y).isCloseTo(3076314.2756, within(0.002));
      }

      List<SourceFeature> points = new ArrayList<>();
      src.read("addresses", null, points::add);
      assertThat(points).hasSize(3);
      for (int i = 0; i < 2; i++) {
        Geometry p = crs.toWgs84(points.get(i).geometry());
        // sub-metre after re-projection: 1e-7 degrees is about 1 cm
        assertThat(p.getCoordinate().x).isCloseTo(TestData.POINTS[i].x, within(1e-7));
        assertThat(p.getCoordinate().y).isCloseTo(TestData.POINTS[i].y, within(1e-7));
      }
      assertThat(points.get(0).attributes().get("address")).isEqualTo("仙来西大道 88 号 3 栋");
      assertThat(points.get(2).geometry()).isNull();
    }
  }
}
