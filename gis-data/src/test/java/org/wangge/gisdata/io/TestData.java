package org.wangge.gisdata.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.wangge.gisdata.crs.Crs;

/** Shared fixtures: two grids (one with a hole) and three addresses near Xinyu, in WGS84. */
final class TestData {

  static final List<FileFormat> FORMATS =
      List.of(FileFormat.GEOJSON, FileFormat.CSV, FileFormat.SHAPEFILE, FileFormat.GEOPACKAGE, FileFormat.FLATGEOBUF);

  static final GeometryFactory F = new GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(), 4326);

  static final Geometry GRID1 =
      wkt("MULTIPOLYGON(((114.9 27.8, 114.91 27.8, 114.91 27.81, 114.9 27.81, 114.9 27.8),"
          + "(114.902 27.802, 114.902 27.804, 114.904 27.804, 114.904 27.802, 114.902 27.802)))");
  static final Geometry GRID2 =
      wkt("MULTIPOLYGON(((114.91 27.8, 114.92 27.8, 114.92 27.81, 114.91 27.81, 114.91 27.8)))");

  static final Coordinate[] POINTS = {
    new Coordinate(114.3, 27.8), new Coordinate(114.905, 27.805), null
  };

  private TestData() {}

  static Geometry wkt(String text) {
    try {
      return new WKTReader(F).read(text);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<OutputLayer> layers() {
    OutputLayer grids =
        new OutputLayer(
            "grids",
            "MultiPolygon",
            List.of(
                new Field("code", FieldType.TEXT),
                new Field("name", FieldType.TEXT),
                new Field("households", FieldType.INTEGER),
                new Field("valid_from", FieldType.DATE)),
            sink -> {
              sink.accept(GRID1, Arrays.asList("360502001001001", "渝水区第一网格（城北）", 312L,
                  java.time.LocalDate.of(2026, 1, 1)));
              sink.accept(GRID2, Arrays.asList("360502001001002", "第二网格", null, null));
            });
    OutputLayer addresses =
        new OutputLayer(
            "addresses",
            "Point",
            List.of(new Field("code", FieldType.TEXT), new Field("address", FieldType.TEXT),
                new Field("residents", FieldType.INTEGER), new Field("area", FieldType.DECIMAL)),
            sink -> {
              for (int i = 0; i < POINTS.length; i++) {
                sink.accept(POINTS[i] == null ? null : F.createPoint(POINTS[i]),
                    Arrays.asList("A" + i, i == 0 ? "仙来西大道 88 号 3 栋" : "地址" + i, (long) i, 1.5 * i));
              }
            });
    return List.of(grids, addresses);
  }

  /** The system a reader should report for a file written in crs. */
  static Crs declared(FileFormat format, Crs crs) {
    if (format == FileFormat.CSV) {
      return null;
    }
    if (crs.epsg().isEmpty()) {
      // GCJ-02 / BD-09 cannot be declared in a file: written as WGS84's definition (or nothing)
      return Crs.WGS84;
    }
    return crs;
  }

  static void assertSameVertices(Geometry expected, Geometry actual, double tolerance) {
    // Ring start and orientation may differ (shapefiles want shells clockwise): compare the
    // vertex count, the ring structure and the discrete Hausdorff distance.
    assertThat(actual.getNumPoints()).isEqualTo(expected.getNumPoints());
    assertThat(actual.getNumGeometries()).isEqualTo(expected.getNumGeometries());
    assertThat(((org.locationtech.jts.geom.Polygon) actual.getGeometryN(0)).getNumInteriorRing())
        .isEqualTo(((org.locationtech.jts.geom.Polygon) expected.getGeometryN(0)).getNumInteriorRing());
    assertThat(org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance.distance(expected, actual))
        .isLessThan(tolerance);
  }
}
