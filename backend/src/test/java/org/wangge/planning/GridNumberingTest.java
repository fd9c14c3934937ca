package org.wangge.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wangge.planning.ExactCoverage.wkt;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class GridNumberingTest {

  static Geometry box(double minLon, double minLat, double width, double height) {
    return wkt(
        String.format(
            "POLYGON ((%1$s %2$s, %3$s %2$s, %3$s %4$s, %1$s %4$s, %1$s %2$s))",
            minLon, minLat, minLon + width, minLat + height));
  }

  @Test
  void numberingGoesWestToEastThenNorthToSouth() {
    // a 3 × 2 block, keys scrambled; the north row's centroids wobble by a tenth of a grid
    Map<String, Geometry> grids = new LinkedHashMap<>();
    grids.put("sw", box(115.890, 28.680, 0.002, 0.002));
    grids.put("ne", box(115.894, 28.6822, 0.002, 0.002));
    grids.put("s", box(115.892, 28.680, 0.002, 0.002));
    grids.put("nw", box(115.890, 28.6818, 0.002, 0.002));
    grids.put("se", box(115.894, 28.680, 0.002, 0.002));
    grids.put("n", box(115.892, 28.682, 0.002, 0.002));

    assertThat(GridNumbering.order(grids)).containsExactly("nw", "n", "ne", "sw", "s", "se");
  }

  @Test
  void rowsFollowTypicalGridHeightNotExactLatitude() {
    // a tall grid in the west spans both rows: its centroid is in the south row's band?
    Map<String, Geometry> grids = new LinkedHashMap<>();
    grids.put("b", box(115.892, 28.6825, 0.002, 0.002)); // north row, east
    grids.put("a", box(115.890, 28.6830, 0.002, 0.002)); // north row, west, 55 m further north
    grids.put("c", box(115.890, 28.6805, 0.002, 0.002)); // south row
    assertThat(GridNumbering.order(grids)).containsExactly("a", "b", "c");
  }

  @Test
  void equalCentroidsFallBackToKeys() {
    Map<String, Geometry> grids = new LinkedHashMap<>();
    grids.put("k2", box(115.890, 28.680, 0.002, 0.002));
    grids.put("k1", box(115.890, 28.680, 0.002, 0.002));
    assertThat(GridNumbering.order(grids)).containsExactly("k1", "k2");
  }
}
