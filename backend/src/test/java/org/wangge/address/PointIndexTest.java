package org.wangge.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.wangge.spatial.Wgs84;

class PointIndexTest {

  /** Nearest by testing every point: the oracle. */
  private static PointIndex.Hit bruteForce(double[] lon, double[] lat, double x, double y, double max) {
    int best = -1;
    double bestMetres = Double.POSITIVE_INFINITY;
    for (int i = 0; i < lon.length; i++) {
      double d = Wgs84.distanceMetres(x, y, lon[i], lat[i]);
      if (d < bestMetres) {
        best = i;
        bestMetres = d;
      }
    }
    return best >= 0 && bestMetres <= max ? new PointIndex.Hit(best, bestMetres) : null;
  }

  /** Nearest allowed point by testing every point, lowest index on ties: the filtered oracle. */
  private static PointIndex.Hit bruteForce(
      double[] lon, double[] lat, double x, double y, double max, IntPredicate allowed) {
    int best = -1;
    double bestMetres = Double.POSITIVE_INFINITY;
    for (int i = 0; i < lon.length; i++) {
      if (!allowed.test(i)) {
        continue;
      }
      double d = Wgs84.distanceMetres(x, y, lon[i], lat[i]);
      if (d < bestMetres) {
        best = i;
        bestMetres = d;
      }
    }
    return best >= 0 && bestMetres <= max ? new PointIndex.Hit(best, bestMetres) : null;
  }

  private static double wrap(double lon) {
    return lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
  }

  private static void agreesWithBruteForce(
      double minLon, double maxLon, double minLat, double maxLat, int n, double maxMetres, long seed) {
    var random = new SplittableRandom(seed);
    double[] lon = new double[n];
    double[] lat = new double[n];
    for (int i = 0; i < n; i++) {
      lon[i] = wrap(minLon + random.nextDouble() * (maxLon - minLon));
      lat[i] = minLat + random.nextDouble() * (maxLat - minLat);
    }
    var index = new PointIndex(lon, lat, n);
    int found = 0;
    for (int k = 0; k < 3000; k++) {
      double x = minLon + random.nextDouble() * (maxLon - minLon);
      double y = minLat + random.nextDouble() * (maxLat - minLat);
      if (k % 3 == 0) { // on a point, or a little off it
        int p = random.nextInt(n);
        x = lon[p] + (random.nextDouble() - 0.5) * 1e-4;
        y = lat[p];
      }
      x = wrap(x);
      PointIndex.Hit expected = bruteForce(lon, lat, x, y, maxMetres);
      PointIndex.Hit got = index.nearest(x, y, maxMetres);
      if (expected == null) {
        assertThat(got).as("(%s %s)", x, y).isNull();
      } else {
        assertThat(got).as("(%s %s)", x, y).isNotNull();
        assertThat(got.distanceMetres()).as("(%s %s)", x, y).isEqualTo(expected.distanceMetres());
        found++;
      }
    }
    assertThat(found).isGreaterThan(100);
  }

  @Test
  void aCity() {
    agreesWithBruteForce(114.8, 115.0, 27.7, 27.9, 5000, 200, 1);
  }

  @Test
  void sparsePointsFarApart() {
    agreesWithBruteForce(114.0, 116.0, 27.0, 29.0, 200, 20_000, 2);
  }

  @Test
  void farNorthWhereADegreeOfLongitudeIsShort() {
    // At 70°N the nearest point often lies far off east or west in degrees; a box sized at the
    // query's latitude with a cos() that is too large would miss it.
    agreesWithBruteForce(10, 30, 69, 71, 300, 30_000, 3);
  }

  @Test
  void nearThePole() {
    agreesWithBruteForce(-180, 180, 89.5, 90, 200, 20_000, 4);
  }

  @Test
  void acrossTheAntimeridian() {
    var lon = new double[] {179.9999, -179.9999, 170};
    var lat = new double[] {0, 0.0005, 0};
    var index = new PointIndex(lon, lat, 3);
    assertThat(index.nearest(-179.99995, 0.0005, 100).index()).isEqualTo(1);
    assertThat(index.nearest(179.99999, 0, 100).index()).isEqualTo(0);
    // 11 m across the line.
    PointIndex.Hit hit = index.nearest(-179.99995, 0, 50);
    assertThat(hit.index()).isEqualTo(0);
    agreesWithBruteForce(179.5, 180.5, -0.5, 0.5, 500, 5_000, 5);
  }

  /**
   * Points in grids of a three-level code tree (4 districts × 4 streets × 8 grids, each grid a
   * cluster around its own centre so that neighbours are often in other grids); queries with a
   * random prefix of a random grid's code, against the brute-force nearest allowed point.
   */
  private static void filteredAgreesWithBruteForce(
      double minLon, double maxLon, double minLat, double maxLat, int n, double maxMetres, long seed) {
    var random = new SplittableRandom(seed);
    String[] grids = new String[4 * 4 * 8];
    double[] centreLon = new double[grids.length];
    double[] centreLat = new double[grids.length];
    for (int g = 0; g < grids.length; g++) {
      grids[g] = "36%02d%02d%03d".formatted(g / 32 + 1, g / 8 % 4 + 1, g % 8 + 1);
      centreLon[g] = minLon + random.nextDouble() * (maxLon - minLon);
      centreLat[g] = minLat + random.nextDouble() * (maxLat - minLat);
    }
    double[] lon = new double[n];
    double[] lat = new double[n];
    String[] grid = new String[n];
    for (int i = 0; i < n; i++) {
      int g = random.nextInt(grids.length);
      grid[i] = grids[g];
      double spreadLon = (maxLon - minLon) / 8;
      double spreadLat = (maxLat - minLat) / 8;
      lon[i] = wrap(centreLon[g] + (random.nextDouble() - 0.5) * spreadLon);
      lat[i] = Math.clamp(centreLat[g] + (random.nextDouble() - 0.5) * spreadLat, -90, 90);
    }
    var index = new PointIndex(lon, lat, n);
    int found = 0;
    int nearerRefused = 0;
    int none = 0;
    for (int k = 0; k < 3000; k++) {
      String g = grids[random.nextInt(grids.length)];
      String prefix = g.substring(0, 2 + 2 * random.nextInt(3) + (random.nextInt(4) == 0 ? 3 : 0));
      IntPredicate allowed = i -> grid[i].startsWith(prefix);
      double x = minLon + random.nextDouble() * (maxLon - minLon);
      double y = minLat + random.nextDouble() * (maxLat - minLat);
      if (k % 3 == 0) { // on a point, or a little off it
        int p = random.nextInt(n);
        x = lon[p] + (random.nextDouble() - 0.5) * 1e-4;
        y = lat[p];
      }
      x = wrap(x);
      PointIndex.Hit expected = bruteForce(lon, lat, x, y, maxMetres, allowed);
      PointIndex.Hit got = index.nearest(x, y, maxMetres, allowed);
      if (expected == null) {
        assertThat(got).as("(%s %s) in %s", x, y, prefix).isNull();
        none++;
        continue;
      }
      assertThat(got).as("(%s %s) in %s", x, y, prefix).isNotNull();
      assertThat(got.index()).as("(%s %s) in %s", x, y, prefix).isEqualTo(expected.index());
      assertThat(got.distanceMetres()).isEqualTo(expected.distanceMetres());
      found++;
      PointIndex.Hit unfiltered = index.nearest(x, y, maxMetres);
      if (unfiltered.index() != got.index()) {
        assertThat(grid[unfiltered.index()]).doesNotStartWith(prefix);
        assertThat(unfiltered.distanceMetres()).isLessThanOrEqualTo(got.distanceMetres());
        nearerRefused++;
      }
    }
    assertThat(found).isGreaterThan(100);
    assertThat(nearerRefused).isGreaterThan(100);
    assertThat(none).isGreaterThan(100);
  }

  @Test
  void filteredACity() {
    filteredAgreesWithBruteForce(114.8, 115.0, 27.7, 27.9, 5000, 1000, 6);
  }

  @Test
  void filteredSparseAndFarNorth() {
    filteredAgreesWithBruteForce(114.0, 116.0, 27.0, 29.0, 300, 20_000, 7);
    filteredAgreesWithBruteForce(10, 30, 69, 71, 300, 30_000, 8);
  }

  @Test
  void filteredAcrossTheAntimeridianAndNearThePole() {
    filteredAgreesWithBruteForce(179.5, 180.5, -0.5, 0.5, 800, 5_000, 9);
    filteredAgreesWithBruteForce(-180, 180, 89.5, 90, 300, 20_000, 10);
  }

  @Test
  void filteredSkipsANearerPointForAFartherAllowedOne() {
    // Along the equator, about 111 m, 222 m and 333 m east of the query.
    var lon = new double[] {0.001, 0.002, 0.003};
    var lat = new double[] {0, 0, 0};
    var index = new PointIndex(lon, lat, 3);
    assertThat(index.nearest(0, 0, 500).index()).isZero();
    assertThat(index.nearest(0, 0, 500, i -> i != 0).index()).isEqualTo(1);
    assertThat(index.nearest(0, 0, 500, i -> i == 2).index()).isEqualTo(2);
    assertThat(index.nearest(0, 0, 300, i -> i == 2)).isNull();
    assertThat(index.nearest(0, 0, 500, i -> false)).isNull();
    // Duplicates: the lowest allowed index.
    var same = new PointIndex(new double[] {1, 1, 1}, new double[] {1, 1, 1}, 3);
    assertThat(same.nearest(1, 1, 10, i -> i > 0).index()).isEqualTo(1);
  }

  @Test
  void duplicatePointsGoToTheLowestIndex() {
    var lon = new double[] {1, 1, 1, 2, 1};
    var lat = new double[] {1, 1, 1, 2, 1};
    var index = new PointIndex(lon, lat, 5);
    assertThat(index.nearest(1, 1, 10).index()).isZero();
    assertThat(index.nearest(1, 1, 10).distanceMetres()).isZero();
  }
}
