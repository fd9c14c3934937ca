package org.wangge.gisdata.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.wangge.gisdata.grid.TestGrids.GridMatch;
import org.wangge.gisdata.grid.TestGrids.GridShape;

class GridIndexTest {

  private static final WKTReader WKT = new WKTReader(TestGrids.LON_LAT);

  // Three grids around (114.92, 27.82): A west, B north-east, C south-east, meeting at (114.92,
  // 27.82). C has a hole (a lake) that belongs to no grid. Codes are listed out of order on purpose.
  private static final List<GridShape> GRIDS =
          List.of(
              grid(3, "360502001001003", "POLYGON((114.92 27.80, 114.94 27.80, 114.94 27.82, 114.92 27.82, 114.92 27.80),"
                  + " (114.93 27.805, 114.935 27.805, 114.935 27.81, 114.93 27.81, 114.93 27.805))"),
              grid(1, "360502001001001", "POLYGON((114.90 27.80, 114.92 27.80, 114.92 27.82, 114.92 27.84, 114.90 27.84, 114.90 27.80))"),
              grid(2, "360502001001002", "POLYGON((114.92 27.82, 114.94 27.82, 114.94 27.84, 114.92 27.84, 114.92 27.82))"));

  private static final TestGrids.Indexed INDEX = TestGrids.index(GRIDS);

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
  void overlappingGridsAreAllHeldInsideAndTheLowestCodeWins() {
    // An invalid coverage: D overlaps A's east half. The lens belongs to both; the rule picks A.
    var overlapping =
        List.of(
            GRIDS.get(1),
            grid(4, "360502001001000", "POLYGON((114.91 27.81, 114.915 27.81, 114.915 27.815, 114.91 27.815, 114.91 27.81))"));
    var index = GridIndex.of(overlapping, GridShape::code, GridShape::boundary);
    assertThat(index.holdingInside(114.912, 27.812)).containsExactly(0, 1);
    assertThat(index.code(index.locate(114.912, 27.812))).isEqualTo("360502001001000");
    assertThat(index.holdingInside(114.905, 27.812)).containsExactly(1);
    assertThat(index.holdingInside(114.91, 27.812)).containsExactly(1); // on D's edge, inside A
  }

  @Test
  void equalCodesKeepTheirGivenOrder() {
    var twins = List.of(GRIDS.get(1), new GridShape(7, "360502001001001", 2, GRIDS.get(0).boundary()));
    var index = GridIndex.of(twins, GridShape::code, GridShape::boundary);
    assertThat(index.area(index.locate(114.92, 27.81)).id()).isEqualTo(1);
  }

  @Test
  void emptyIndexLocatesNothing() {
    assertThat(TestGrids.index(List.of()).locate(114.92, 27.82)).isNull();
  }

  @Test
  void pointsOnCellEdgesAndCornersAgreeWithTestingEveryGrid() {
    // The cell lines fall at uneven places over A, B and C (and C's hole): every corner of every
    // cell, and the middle of every cell edge, must get the same answer as testing every grid.
    Envelope extent = INDEX.extent();
    double cellWidth = extent.getWidth() / INDEX.columns();
    double cellHeight = extent.getHeight() / INDEX.rows();
    assertThat(INDEX.columns() * INDEX.rows()).isGreaterThan(9);
    int inHole = 0;
    for (int i = 0; i <= 2 * INDEX.columns(); i++) {
      for (int j = 0; j <= 2 * INDEX.rows(); j++) {
        double x = extent.getMinX() + i * cellWidth / 2;
        double y = extent.getMinY() + j * cellHeight / 2;
        GridMatch expected = oracle(GRIDS, x, y);
        assertThat(INDEX.locate(x, y)).as("(%s %s)", x, y).isEqualTo(expected);
        if (expected == null) {
          inHole++;
        }
      }
    }
    assertThat(inHole).as("cell corners in C's hole or east of B").isPositive();
  }

  // A 4 × 4 chequerboard of 1/16° squares: 16 grids of 16 cells each give 16 × 16 cells of 1/64°,
  // so every grid edge lies on a cell edge and every grid vertex on a cell corner (all exact in
  // binary). Codes run in a scrambled order.
  private static final double X0 = 114.0;
  private static final double Y0 = 27.75;
  private static final double SIDE = 1.0 / 16;
  private static final List<GridShape> BOARD = chequerboard();
  private static final TestGrids.Indexed BOARD_INDEX = TestGrids.index(BOARD);

  private static List<GridShape> chequerboard() {
    List<GridShape> grids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        int code = 100 + (i * 7 + j * 5) % 16; // a permutation of 100..115
        grids.add(
            new GridShape(
                code,
                "360502001001" + code,
                1,
                TestGrids.box(X0 + i * SIDE, Y0 + j * SIDE, X0 + (i + 1) * SIDE, Y0 + (j + 1) * SIDE)));
      }
    }
    return grids;
  }

  private static String boardCode(int i, int j) {
    return "360502001001" + (100 + (i * 7 + j * 5) % 16);
  }

  @Test
  void gridEdgesOnCellEdgesFollowTheSharedEdgeRule() {
    assertThat(BOARD_INDEX.columns()).as("the premise: cells of 1/64°").isEqualTo(16);
    assertThat(BOARD_INDEX.rows()).isEqualTo(16);

    // A cell corner and a cell edge strictly inside grid (0, 0).
    assertThat(BOARD_INDEX.locate(X0 + SIDE / 4, Y0 + SIDE / 4))
        .isEqualTo(new GridMatch(100, boardCode(0, 0), 1, false, 1));
    assertThat(BOARD_INDEX.locate(X0 + SIDE / 4, Y0 + SIDE / 3).code()).isEqualTo(boardCode(0, 0));

    // The edge x = X0 + SIDE between (0, 0) and (1, 0) lies on a cell edge.
    GridMatch onEdge = BOARD_INDEX.locate(X0 + SIDE, Y0 + SIDE / 3);
    String lower = min(boardCode(0, 0), boardCode(1, 0));
    assertThat(onEdge.code()).isEqualTo(lower);
    assertThat(onEdge.onBoundary()).isTrue();
    assertThat(onEdge.coveringGrids()).isEqualTo(2);

    // A vertex of four grids on a cell corner.
    GridMatch onVertex = BOARD_INDEX.locate(X0 + 2 * SIDE, Y0 + SIDE);
    assertThat(onVertex.code())
        .isEqualTo(min(boardCode(1, 0), boardCode(2, 0), boardCode(1, 1), boardCode(2, 1)));
    assertThat(onVertex.coveringGrids()).isEqualTo(4);

    // Just either side of that edge.
    assertThat(BOARD_INDEX.locate(Math.nextDown(X0 + SIDE), Y0 + SIDE / 3).code())
        .isEqualTo(boardCode(0, 0));
    assertThat(BOARD_INDEX.locate(Math.nextUp(X0 + SIDE), Y0 + SIDE / 3).code())
        .isEqualTo(boardCode(1, 0));
  }

  @Test
  void pointsOnAndJustBeyondTheExtentEdges() {
    double maxX = X0 + 4 * SIDE;
    double maxY = Y0 + 4 * SIDE;
    assertThat(BOARD_INDEX.locate(X0, Y0)).isEqualTo(new GridMatch(100, boardCode(0, 0), 1, true, 1));
    assertThat(BOARD_INDEX.locate(maxX, maxY).code()).isEqualTo(boardCode(3, 3));
    assertThat(BOARD_INDEX.locate(maxX, maxY).onBoundary()).isTrue();
    assertThat(BOARD_INDEX.locate(maxX, Y0 + SIDE / 3).code()).isEqualTo(boardCode(3, 0));
    assertThat(BOARD_INDEX.locate(X0 + SIDE / 3, maxY).code()).isEqualTo(boardCode(0, 3));
    assertThat(BOARD_INDEX.locate(Math.nextUp(maxX), Y0 + SIDE / 3)).isNull();
    assertThat(BOARD_INDEX.locate(X0 + SIDE / 3, Math.nextUp(maxY))).isNull();
    assertThat(BOARD_INDEX.locate(Math.nextDown(X0), Y0 + SIDE / 3)).isNull();
    assertThat(BOARD_INDEX.locate(X0 + SIDE / 3, Math.nextDown(Y0))).isNull();
    assertThat(BOARD_INDEX.locate(Double.NaN, Y0)).isNull();
    assertThat(BOARD_INDEX.locate(Double.POSITIVE_INFINITY, Y0)).isNull();
  }

  @Test
  void everyCellCornerOfTheChequerboardAgreesWithTestingEveryGrid() {
    double step = SIDE / 8; // corners and edge midpoints of the 1/64° cells
    for (int i = -1; i <= 33; i++) {
      for (int j = -1; j <= 33; j++) {
        double x = X0 + i * step;
        double y = Y0 + j * step;
        assertThat(BOARD_INDEX.locate(x, y)).as("(%s %s)", x, y).isEqualTo(oracle(BOARD, x, y));
      }
    }
  }

  @Test
  void singleTinyGrid() {
    // About 1 cm across: the whole index is this one grid.
    List<GridShape> tiny =
        List.of(grid(9, "360502001001009", "POLYGON((114.9 27.8, 114.9000001 27.8, 114.9000001 27.8000001, 114.9 27.8000001, 114.9 27.8))"));
    TestGrids.Indexed index = TestGrids.index(tiny);
    assertThat(index.locate(114.90000005, 27.80000005)).isEqualTo(new GridMatch(9, "360502001001009", 1, false, 1));
    assertThat(index.locate(114.9, 27.8).onBoundary()).isTrue();
    assertThat(index.locate(114.9000001, 27.80000005).onBoundary()).isTrue();
    assertThat(index.locate(Math.nextUp(114.9000001), 27.80000005)).isNull();
    assertThat(index.locate(114.9, Math.nextDown(27.8))).isNull();
    assertThat(index.locate(114.91, 27.8)).isNull();
    for (int i = -2; i <= 12; i++) {
      for (int j = -2; j <= 12; j++) {
        double x = 114.9 + i * 1e-8;
        double y = 27.8 + j * 1e-8;
        assertThat(index.locate(x, y)).as("(%s %s)", x, y).isEqualTo(oracle(tiny, x, y));
      }
    }
  }

  @Test
  void longThinGrids() {
    // Two diagonal strips half a degree long and a metre wide, sharing their long edge; each
    // crosses every cell row, and their boxes hold far more outside than inside.
    List<GridShape> strips =
        List.of(
            grid(2, "360502001001002", "POLYGON((114.00001 27.8, 114.50001 28.3, 114.50002 28.3, 114.00002 27.8, 114.00001 27.8))"),
            grid(1, "360502001001001", "POLYGON((114 27.8, 114.5 28.3, 114.50001 28.3, 114.00001 27.8, 114 27.8))"));
    TestGrids.Indexed index = TestGrids.index(strips);
    assertThat(index.locate(114.250005, 28.05).code()).isEqualTo("360502001001001");
    assertThat(index.locate(114.250015, 28.05).code()).isEqualTo("360502001001002");
    assertThat(index.locate(114.3, 28.0)).isNull(); // in both boxes, outside both strips
    GridMatch sharedVertex = index.locate(114.00001, 27.8);
    assertThat(sharedVertex.code()).isEqualTo("360502001001001");
    assertThat(sharedVertex.coveringGrids()).isEqualTo(2);
    // Along the strips, across them, and on their vertices.
    for (int k = 0; k <= 2000; k++) {
      double t = k / 2000.0;
      for (int across = -3; across <= 5; across++) {
        double x = 114 + 0.5 * t + across * 0.5e-5;
        double y = 27.8 + 0.5 * t;
        assertThat(index.locate(x, y)).as("(%s %s)", x, y).isEqualTo(oracle(strips, x, y));
      }
    }
    for (GridShape strip : strips) {
      for (var c : strip.boundary().getCoordinates()) {
        assertThat(index.locate(c.x, c.y)).isEqualTo(oracle(strips, c.x, c.y));
      }
    }
  }

  private static String min(String... codes) {
    return java.util.Arrays.stream(codes).min(Comparator.naturalOrder()).orElseThrow();
  }

  /** The answer by testing every grid with JTS prepared geometries. */
  static GridMatch oracle(List<GridShape> grids, double x, double y) {
    Point point = TestGrids.point(x, y);
    GridShape best = null;
    int covering = 0;
    for (GridShape grid : grids.stream().sorted(Comparator.comparing(GridShape::code)).toList()) {
      PreparedGeometry prepared = PreparedGeometryFactory.prepare(grid.boundary());
      if (prepared.containsProperly(point)) {
        return new GridMatch(grid.id(), grid.code(), grid.version(), false, 1);
      }
      if (prepared.covers(point)) {
        covering++;
        if (best == null) {
          best = grid;
        }
      }
    }
    return best == null
        ? null
        : new GridMatch(best.id(), best.code(), best.version(), true, covering);
  }
}
