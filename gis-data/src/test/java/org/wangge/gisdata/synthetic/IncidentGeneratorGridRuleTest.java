package org.wangge.gisdata.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.wangge.gisdata.grid.GridIndex;

/**
 * The generator places incidents in grids with the grid locator's one index and rule: a hotspot
 * point on a shared edge or vertex goes to the lowest code (it used to be thrown away and drawn
 * again). The fixture is the backend's {@code SharedEdgeFixture} (same WKT, same codes).
 */
class IncidentGeneratorGridRuleTest {

  private static final String A = "360502001001003";
  private static final String B = "360502001001001";
  private static final String C = "360502001001004";
  private static final String D = "360502001001002";

  private static final List<String> CODES = List.of(A, B, C, D);
  private static final List<Geometry> BOUNDARIES =
      List.of(
          wkt("POLYGON((114.90 27.80, 114.92 27.80, 114.92 27.82, 114.92 27.84, 114.90 27.84, 114.90 27.80))"),
          wkt("POLYGON((114.92 27.82, 114.94 27.82, 114.94 27.84, 114.92 27.84, 114.92 27.82))"),
          wkt("POLYGON((114.92 27.80, 114.94 27.80, 114.94 27.82, 114.92 27.82, 114.92 27.80),"
              + " (114.93 27.805, 114.935 27.805, 114.935 27.81, 114.93 27.81, 114.93 27.805))"),
          wkt("POLYGON((114.94 27.80, 114.96 27.80, 114.96 27.84, 114.94 27.84, 114.94 27.80))"));

  private static Geometry wkt(String text) {
    try {
      return new WKTReader().read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String gridOf(double lon, double lat) {
    GridIndex<Integer> index = IncidentGenerator.gridIndex(CODES, BOUNDARIES);
    int rank = index.locate(lon, lat);
    return rank == GridIndex.NONE ? null : CODES.get(index.area(rank));
  }

  @Test
  void insideEdgesVerticesHoleAndOutside() {
    assertThat(gridOf(114.91, 27.83)).isEqualTo(A);
    assertThat(gridOf(114.925, 27.815)).isEqualTo(C);
    assertThat(gridOf(114.92, 27.81)).as("edge A|C").isEqualTo(A);
    assertThat(gridOf(114.92, 27.83)).as("edge A|B").isEqualTo(B);
    assertThat(gridOf(114.93, 27.82)).as("edge B|C").isEqualTo(B);
    assertThat(gridOf(114.94, 27.83)).as("edge B|D").isEqualTo(B);
    assertThat(gridOf(114.94, 27.81)).as("edge C|D").isEqualTo(D);
    assertThat(gridOf(114.92, 27.82)).as("vertex A|B|C").isEqualTo(B);
    assertThat(gridOf(114.94, 27.82)).as("vertex B|C|D").isEqualTo(B);
    assertThat(gridOf(114.92, 27.80)).as("vertex A|C on the outline").isEqualTo(A);
    assertThat(gridOf(114.90, 27.81)).as("outer edge").isEqualTo(A);
    assertThat(gridOf(114.93, 27.8075)).as("rim of the hole").isEqualTo(C);
    assertThat(gridOf(114.9325, 27.8075)).as("hole").isNull();
    assertThat(gridOf(114.99, 27.82)).as("outside").isNull();
  }
}
