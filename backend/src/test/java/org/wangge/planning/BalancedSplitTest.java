package org.wangge.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.wangge.planning.ExactCoverage.assertExact;
import static org.wangge.planning.ExactCoverage.wkt;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

class BalancedSplitTest {

  /** A strip 0.006° × 0.002° (≈ 590 m × 220 m): six columns of two addresses each. */
  static final Geometry STRIP =
      wkt("POLYGON ((115.890 28.680, 115.896 28.680, 115.896 28.682, 115.890 28.682, 115.890 28.680))");

  static final double[] LONS = new double[12];
  static final double[] LATS = new double[12];

  static {
    for (int c = 0; c < 6; c++) {
      for (int r = 0; r < 2; r++) {
        LONS[c * 2 + r] = 115.8905 + 0.001 * c;
        LATS[c * 2 + r] = 28.6805 + 0.001 * r;
      }
    }
  }

  static int[] perColumn(int... households) {
    int[] result = new int[12];
    for (int c = 0; c < 6; c++) {
      result[c * 2] = households[c] / 2;
      result[c * 2 + 1] = households[c] - households[c] / 2;
    }
    return result;
  }

  @Test
  void balancedSplitOfTwoParts() {
    BalancedSplit split = BoundaryEdits.balancedSplit(STRIP, null, LONS, LATS, perColumn(20, 20, 20, 20, 20, 20), 2);
    assertThat(split.householdsPerPart()).containsExactly(60, 60);
    assertThat(split.imbalance()).isZero();
    assertExact(List.of(STRIP), split.parts());
    // cut between the third and fourth column: at 115.893
    assertThat(split.parts().get(0).getEnvelopeInternal().getMaxX()).isCloseTo(115.893, within(1e-9));
  }

  @Test
  void balancedSplitOfAMultiPolygonOfOnePart() {
    // boundaries are stored as MultiPolygons
    Geometry multi = STRIP.getFactory().createMultiPolygon(new Polygon[] {(Polygon) STRIP});
    BalancedSplit split =
        BoundaryEdits.balancedSplit(multi, multi, LONS, LATS, perColumn(20, 20, 20, 20, 20, 20), 2);
    assertThat(split.householdsPerPart()).containsExactly(60, 60);
    assertExact(List.of(multi), split.parts());
  }

  @Test
  void balancedSplitOfThreeParts() {
    // by hand: 120 households, a third each: cut after column 2, then the east 80 after column 4
    BalancedSplit split = BoundaryEdits.balancedSplit(STRIP, null, LONS, LATS, perColumn(20, 20, 20, 20, 20, 20), 3);
    assertThat(split.householdsPerPart()).containsExactly(40, 40, 40);
    assertThat(split.imbalance()).isZero();
    assertExact(List.of(STRIP), split.parts());
    assertThat(split.parts().get(0).getEnvelopeInternal().getMaxX()).isCloseTo(115.892, within(1e-9));
    assertThat(split.parts().get(2).getEnvelopeInternal().getMinX()).isCloseTo(115.894, within(1e-9));
  }

  @Test
  void balancedSplitOfSixPartsCutsTheNarrowHalvesAcross() {
    // 60 | 60, each 20 | 40, the 40s (≈ 195 m wide, 220 m tall) cut north–south: 20 each
    BalancedSplit split = BoundaryEdits.balancedSplit(STRIP, null, LONS, LATS, perColumn(20, 20, 20, 20, 20, 20), 6);
    assertThat(split.householdsPerPart()).containsOnly(20);
    assertThat(split.parts()).hasSize(6);
    assertExact(List.of(STRIP), split.parts());
  }

  @Test
  void balancedSplitFollowsTheAddresses() {
    // 100 households, 80 in the two east columns: the best cut for 50 | 50 is between columns 5 and 6
    BalancedSplit split = BoundaryEdits.balancedSplit(STRIP, null, LONS, LATS, perColumn(5, 5, 5, 5, 40, 40), 2);
    assertThat(split.householdsPerPart()).containsExactly(60, 40);
    assertThat(split.imbalance()).isCloseTo(0.4, within(1e-12));
    assertThat(split.parts().get(1).getEnvelopeInternal().getMinX()).isCloseTo(115.895, within(1e-9));
    assertExact(List.of(STRIP), split.parts());
  }

  @Test
  void balancedSplitStaysInsideTheCommunity() {
    // the community ends at 115.895: the sixth column lies outside and does not count; of the
    // 100 households left, 40 | 60 and 60 | 40 miss the half equally: the first (westmost) wins
    Geometry community =
        wkt("POLYGON ((115.880 28.670, 115.895 28.670, 115.895 28.690, 115.880 28.690, 115.880 28.670))");
    BalancedSplit split =
        BoundaryEdits.balancedSplit(STRIP, community, LONS, LATS, perColumn(20, 20, 20, 20, 20, 1000), 2);
    assertThat(split.householdsPerPart()).containsExactly(40, 60);
    Geometry inside = STRIP.intersection(community);
    assertExact(List.of(inside), split.parts());
    assertThat(split.parts()).allSatisfy(p -> assertThat(community.covers(p)).isTrue());
  }

  @Test
  void impossiblePartCountsAreRefused() {
    int[] households = perColumn(20, 20, 20, 20, 20, 20);
    assertThatThrownBy(() -> BoundaryEdits.balancedSplit(STRIP, null, LONS, LATS, households, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parts must be at least 2, not 1");
    assertThatThrownBy(() -> BoundaryEdits.balancedSplit(STRIP, null, LONS, LATS, households, 13))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parts (13) exceeds the number of addresses inside the grid (12)");
    assertThatThrownBy(() -> BoundaryEdits.balancedSplit(STRIP, null, LONS, LATS, new int[12], 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("there are no households inside the grid");
    assertThatThrownBy(() -> BoundaryEdits.balancedSplit(STRIP, null, LONS, new double[3], households, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("lons, lats and households differ in length");
    double[] sameLon = new double[12];
    java.util.Arrays.fill(sameLon, 115.8905);
    double[] sameLat = new double[12];
    java.util.Arrays.fill(sameLat, 28.6805);
    assertThatThrownBy(() -> BoundaryEdits.balancedSplit(STRIP, null, sameLon, sameLat, households, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the addresses lie too close together to split the grid into 2 parts");
  }

  /** An L-shaped (concave) grid of ≈ 0.2 km² with 300 random addresses of 1–6 households. */
  static final Geometry L_GRID =
      wkt("POLYGON ((115.890 28.680, 115.896 28.680, 115.896 28.6825, 115.8925 28.6825, 115.8925 28.686, 115.890 28.686, 115.890 28.680))");

  static Addresses randomAddresses(Geometry grid, int count, long seed) {
    var random = new SplittableRandom(seed);
    var env = grid.getEnvelopeInternal();
    var in = new IndexedPointInAreaLocator(grid);
    double[] lons = new double[count];
    double[] lats = new double[count];
    int[] households = new int[count];
    for (int i = 0; i < count; ) {
      double lon = env.getMinX() + random.nextDouble() * env.getWidth();
      double lat = env.getMinY() + random.nextDouble() * env.getHeight();
      if (in.locate(new Coordinate(lon, lat)) == Location.INTERIOR) {
        lons[i] = lon;
        lats[i] = lat;
        households[i] = 1 + random.nextInt(6);
        i++;
      }
    }
    return new Addresses(lons, lats, households);
  }

  record Addresses(double[] lons, double[] lats, int[] households) {}

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 5})
  void balancedSplitOfAConcaveGridWithRandomAddresses(int k) {
    Addresses a = randomAddresses(L_GRID, 300, 7);
    BalancedSplit split = BoundaryEdits.balancedSplit(L_GRID, null, a.lons(), a.lats(), a.households(), k);

    assertThat(split.parts()).hasSize(k).allSatisfy(p -> assertThat(p).isInstanceOf(Polygon.class));
    assertExact(List.of(L_GRID), split.parts());
    // recount by brute force: every address inside exactly one part
    int[] oracle = new int[k];
    for (int i = 0; i < 300; i++) {
      var point = wkt("POINT (" + a.lons()[i] + " " + a.lats()[i] + ")");
      int holder = -1;
      for (int p = 0; p < k; p++) {
        if (split.parts().get(p).contains(point)) {
          assertThat(holder).as("address %d in one part only", i).isEqualTo(-1);
          holder = p;
        }
      }
      assertThat(holder).as("address %d in a part", i).isNotNegative();
      oracle[holder] += a.households()[i];
    }
    assertThat(split.householdsPerPart()).containsExactly(oracle);
    int total = java.util.Arrays.stream(a.households()).sum();
    double mean = (double) total / k;
    int max = java.util.Arrays.stream(oracle).max().orElseThrow();
    int min = java.util.Arrays.stream(oracle).min().orElseThrow();
    assertThat(split.imbalance()).isCloseTo((max - min) / mean, within(1e-12));
    // 300 addresses of at most 6 households: each bisection lands within a few households
    assertThat(split.imbalance()).isLessThan(0.1);
  }
}
