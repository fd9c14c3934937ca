package org.wangge.gisdata.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Test fixtures for {@link GridIndex}: grids as the backend holds them (id, code, version,
 * boundary) and the answer as one record, so that answers compare with {@code isEqualTo}. {@link
 * Indexed#locate} checks on every call that {@link GridIndex#locate} (the rank only) and {@link
 * GridIndex#match} agree, and that {@link GridIndex#holdingInside} holds exactly the inside grid.
 */
final class TestGrids {

  static final GeometryFactory LON_LAT = new GeometryFactory(new PrecisionModel(), 4326);

  private TestGrids() {}

  record GridShape(long id, String code, int version, Geometry boundary) {}

  record GridMatch(long id, String code, int version, boolean onBoundary, int coveringGrids) {}

  static Point point(double lon, double lat) {
    return LON_LAT.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat));
  }

  static Polygon box(double minLon, double minLat, double maxLon, double maxLat) {
    return (Polygon) LON_LAT.toGeometry(new Envelope(minLon, maxLon, minLat, maxLat));
  }

  static Indexed index(List<GridShape> grids) {
    return new Indexed(GridIndex.of(grids, GridShape::code, GridShape::boundary));
  }

  record Indexed(GridIndex<GridShape> index) {
    GridMatch locate(double lon, double lat) {
      GridIndex.Match match = index.match(lon, lat);
      int rank = index.locate(lon, lat);
      int[] inside = index.holdingInside(lon, lat);
      long packed = index.locateWithCount(lon, lat);
      if (match == null) {
        assertThat(packed).as("(%s %s)", lon, lat).isNegative();
        assertThat(rank).as("(%s %s)", lon, lat).isEqualTo(GridIndex.NONE);
        assertThat(inside).isEmpty();
        return null;
      }
      assertThat(rank).as("(%s %s)", lon, lat).isEqualTo(match.rank());
      assertThat(GridIndex.rank(packed)).isEqualTo(rank);
      assertThat(GridIndex.coveringAreas(packed)).isEqualTo(match.onBoundary() ? match.coveringAreas() : 0);
      assertThat(inside).as("(%s %s)", lon, lat).isEqualTo(match.onBoundary() ? new int[0] : new int[] {rank});
      GridShape g = index.area(match.rank());
      assertThat(index.code(match.rank())).isEqualTo(g.code());
      return new GridMatch(g.id(), g.code(), g.version(), match.onBoundary(), match.coveringAreas());
    }

    int size() {
      return index.size();
    }

    int columns() {
      return index.columns();
    }

    int rows() {
      return index.rows();
    }

    Envelope extent() {
      return index.extent();
    }
  }
}
