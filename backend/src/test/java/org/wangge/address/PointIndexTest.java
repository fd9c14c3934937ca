package org.wangge.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
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

  @Test
  void duplicatePointsGoToTheLowestIndex() {
    var lon = new double[] {1, 1, 1, 2, 1};
    var lat = new double[] {1, 1, 1, 2, 1};
    var index = new PointIndex(lon, lat, 5);
    assertThat(index.nearest(1, 1, 10).index()).isZero();
    assertThat(index.nearest(1, 1, 10).distanceMetres()).isZero();
  }
}
