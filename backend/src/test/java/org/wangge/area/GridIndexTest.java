package org.wangge.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.wangge.spatial.Wgs84;

class GridIndexTest {

  private static final WKTReader WKT = new WKTReader(Wgs84.FACTORY);

  // Three grids around (114.92, 27.82): A west, B north-east, C south-east, meeting at (114.92,
  // 27.82). C has a hole (a lake) that belongs to no grid. Codes are listed out of order on purpose.
  private static final GridIndex INDEX =
      new GridIndex(
          List.of(
              grid(3, "360502001001003", "POLYGON((114.92 27.80, 114.94 27.80, 114.94 27.82, 114.92 27.82, 114.92 27.80),"
                  + " (114.93 27.805, 114.935 27.805, 114.935 27.81, 114.93 27.81, 114.93 27.805))"),
              grid(1, "360502001001001", "POLYGON((114.90 27.80, 114.92 27.80, 114.92 27.82, 114.92 27.84, 114.90 27.84, 114.90 27.80))"),
              grid(2, "360502001001002", "POLYGON((114.92 27.82, 114.94 27.82, 114.94 27.84, 114.92 27.84, 114.92 27.82))")));

  private static GridShape grid(long id, String code, String wkt) {
    try {
      Geometry boundary = WKT.read(wkt);
      return new GridShape(id, code, 1, boundary);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void pointInsideGoesToItsGrid() {
    GridMatch match = INDEX.locate(114.93, 27.83);
    assertThat(match.code()).isEqualTo("360502001001002");
    assertThat(match.id()).isEqualTo(2);
    assertThat(match.onBoundary()).isFalse();
    assertThat(match.coveringGrids()).isEqualTo(1);
  }

  @Test
  void pointOnSharedEdgeGoesToLowerGridCode() {
    // On the edge x = 114.92 between A (…001) and C (…003).
    GridMatch match = INDEX.locate(114.92, 27.81);
    assertThat(match.code()).isEqualTo("360502001001001");
    assertThat(match.onBoundary()).isTrue();
    assertThat(match.coveringGrids()).isEqualTo(2);

    // On the edge y = 27.82 between B (…002) and C (…003).
    assertThat(INDEX.locate(114.93, 27.82).code()).isEqualTo("360502001001002");
  }

  @Test
  void pointOnVertexSharedByThreeGridsGoesToLowestCode() {
    GridMatch match = INDEX.locate(114.92, 27.82);
    assertThat(match.code()).isEqualTo("360502001001001");
    assertThat(match.coveringGrids()).isEqualTo(3);
  }

  @Test
  void pointOnOuterBoundaryIsCoveredByItsOnlyGrid() {
    GridMatch match = INDEX.locate(114.90, 27.81);
    assertThat(match.code()).isEqualTo("360502001001001");
    assertThat(match.onBoundary()).isTrue();
    assertThat(match.coveringGrids()).isEqualTo(1);
  }

  @Test
  void holeIsNotInside() {
    assertThat(INDEX.locate(114.9325, 27.8075)).isNull();
    // ...but its rim belongs to the grid.
    assertThat(INDEX.locate(114.93, 27.8075).code()).isEqualTo("360502001001003");
  }

  @Test
  void pointOutsideEveryGridIsNotLocated() {
    assertThat(INDEX.locate(114.95, 27.83)).isNull();
    assertThat(INDEX.locate(0, 0)).isNull();
  }

  @Test
  void nearestGridIsMeasuredInMetresToItsBoundary() {
    // 0.001° of longitude east of B at 27.83°N is about 98.5 m.
    var nearest = INDEX.nearest(114.941, 27.83, 500).orElseThrow();
    assertThat(nearest.code()).isEqualTo("360502001001002");
    assertThat(nearest.distanceMetres()).isCloseTo(98.3, within(0.5));
  }

  @Test
  void nearestGridBeyondTheSearchDistanceIsEmpty() {
    assertThat(INDEX.nearest(114.95, 27.83, 500)).isEmpty();
  }

  @Test
  void emptyIndexLocatesNothing() {
    assertThat(new GridIndex(List.of()).locate(114.92, 27.82)).isNull();
  }
}
