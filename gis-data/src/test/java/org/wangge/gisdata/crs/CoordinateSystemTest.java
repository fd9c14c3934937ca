package org.wangge.gisdata.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.wangge.gisdata.crs.CoordinateSystem.CGCS2000;
import static org.wangge.gisdata.crs.CoordinateSystem.WGS84;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CoordinateSystemTest {

  /** Closed forms reproduced to double precision: 1e-9° is about 0.1 mm. */
  private static final double EXACT_DEGREES = 1e-9;

  // --- Published pairs ---------------------------------------------------------------------

  /**
   * wandergis/coordtransform, test/app.js: the results printed for input (116.404, 39.915) by
   * wgs84togcj02 and gcj02tobd09, both closed forms with a = 6378245.0.
   */
  @Test
  void coordtransformForwardPairsMatchToDoublePrecision() {
    assertLonLat(
        CoordinateSystem.GCJ02.fromWgs84(116.404, 39.915),
        116.41024449916938,
        39.91640428150164);
    assertLonLat(ChinaOffsets.gcj02ToBd09(116.404, 39.915), 116.41036949371029, 39.92133699351021);
  }

  /**
   * wandergis/coordtransform, test/app.js: bd09togcj02(116.404, 39.915) = (116.39762729119315,
   * 39.90865673957631) and gcj02towgs84(116.404, 39.915) = (116.39775550083061,
   * 39.91359571849836) (天安门 in BD-09). Both are one-step approximations; our inverses iterate to
   * the exact inverse of the forward formula, measured 0.048 m and 0.061 m from these values.
   */
  @Test
  void coordtransformInversePairsAgreeWithinAFewCentimetres() {
    double[] gcj = ChinaOffsets.bd09ToGcj02(116.404, 39.915);
    assertThat(metres(gcj, 116.39762729119315, 39.90865673957631)).isLessThan(0.1);
    double[] wgs = CoordinateSystem.GCJ02.toWgs84(116.404, 39.915);
    assertThat(metres(wgs, 116.39775550083061, 39.91359571849836)).isLessThan(0.1);
  }

  /**
   * googollee/eviltransform, python/test.py TESTS (given there as lat, lng): WGS84 → GCJ-02 in
   * Shanghai, Shenzhen and Beijing, checked to 6 decimals there; our forward matches them to
   * 1e-9°, and our inverse maps the GCJ-02 values back to the WGS84 ones within a millimetre.
   */
  @Test
  void eviltransformPairsMatchBothWays() {
    double[][] pairs = {
      // wgsLon, wgsLat, gcjLon, gcjLat
      {121.5272106, 31.1774276, 121.531541859215, 31.17530398364597}, // Shanghai
      {113.912316, 22.543847, 113.9171764808363, 22.540796131694766}, // Shenzhen
      {116.377817, 39.911954, 116.38404722455657, 39.91334545536069}, // Beijing
    };
    for (double[] p : pairs) {
      assertLonLat(CoordinateSystem.GCJ02.fromWgs84(p[0], p[1]), p[2], p[3]);
      assertThat(metres(CoordinateSystem.GCJ02.toWgs84(p[2], p[3]), p[0], p[1])).isLessThan(0.001);
    }
  }

  /**
   * hujiulong/gcoord, test/unit/crs/GCJ02.spec.ts and BD09.spec.ts, input (123, 45), expected
   * values given to 8 decimals and checked there to 5. Forward GCJ-02 → BD-09 agrees to 1e-8°;
   * the inverses agree within 0.15 m (measured 0.016 m, 0.095 m and 0.100 m), gcoord's BD-09 →
   * GCJ-02 being the one-step closed form.
   */
  @Test
  void gcoordPairsAgree() {
    assertLonLat(ChinaOffsets.gcj02ToBd09(123, 45), 123.00636499, 45.00636899, 1e-8);
    assertThat(metres(CoordinateSystem.GCJ02.toWgs84(123, 45), 122.99395597, 44.99804071))
        .isLessThan(0.05);
    assertThat(metres(ChinaOffsets.bd09ToGcj02(123, 45), 122.99363304, 44.99365430))
        .isLessThan(0.15);
    assertThat(metres(CoordinateSystem.BD09.toWgs84(123, 45), 122.98762210, 44.99171540))
        .isLessThan(0.15);
  }

  // --- Round trips -------------------------------------------------------------------------

  /** Measured maxima over 1,000,000 such points: 0.15 mm (GCJ-02) and 0.25 mm (BD-09). */
  @Test
  void roundTripsOverChinaAreWithinAMillimetre() {
    Random random = new Random(4490);
    for (int i = 0; i < 500; i++) {
      double lon = 73 + random.nextDouble() * 62;
      double lat = 18 + random.nextDouble() * 35;
      for (CoordinateSystem system : CoordinateSystem.values()) {
        double[] there = system.fromWgs84(lon, lat);
        double[] back = system.toWgs84(there[0], there[1]);
        assertThat(metres(back, lon, lat)).as("%s at %s %s", system, lon, lat).isLessThan(0.001);
      }
      double[] gcj = ChinaOffsets.wgs84ToGcj02(lon, lat);
      assertThat(metres(gcj, lon, lat)).as("GCJ-02 does offset").isGreaterThan(1);
    }
  }

  @Test
  void inversesInvertTheForwardFormulasToTheTolerance() {
    Random random = new Random(4326);
    for (int i = 0; i < 500; i++) {
      double lon = 73 + random.nextDouble() * 62;
      double lat = 18 + random.nextDouble() * 35;
      double[] wgs = ChinaOffsets.gcj02ToWgs84(lon, lat);
      assertLonLat(ChinaOffsets.wgs84ToGcj02(wgs[0], wgs[1]), lon, lat, 2e-9);
      double[] gcj = ChinaOffsets.bd09ToGcj02(lon, lat);
      assertLonLat(ChinaOffsets.gcj02ToBd09(gcj[0], gcj[1]), lon, lat, 2e-9);
    }
  }

  @Test
  void identitySystemsReturnTheInput() {
    for (CoordinateSystem system : new CoordinateSystem[] {WGS84, CGCS2000}) {
      assertThat(system.toWgs84(114.92, 27.82)).containsExactly(114.92, 27.82);
      assertThat(system.fromWgs84(114.92, 27.82)).containsExactly(114.92, 27.82);
    }
  }

  // --- Outside China -------------------------------------------------------------------------

  @Test
  void pointsOutsideChinaAreNotOffsetForGcj02() {
    double[][] outside = {
      {-0.1276, 51.5072}, // London
      {151.2093, -33.8688}, // Sydney
      {72.0039, 30}, // just west of the box
      {137.8348, 35}, // just east
      {100, 0.8292}, // just south
      {100, 55.8272}, // just north
      {183, 45}, // gcoord's "not in China" case
    };
    for (double[] p : outside) {
      assertThat(CoordinateSystem.GCJ02.fromWgs84(p[0], p[1])).containsExactly(p[0], p[1]);
      assertThat(CoordinateSystem.GCJ02.toWgs84(p[0], p[1])).containsExactly(p[0], p[1]);
      assertThat(ChinaOffsets.isOutsideChina(p[0], p[1])).isTrue();
    }
    assertThat(ChinaOffsets.isOutsideChina(72.004, 0.8293)).isFalse();
    assertThat(ChinaOffsets.isOutsideChina(137.8347, 55.8271)).isFalse();
  }

  @Test
  void bd09IsOffsetEvenOutsideChina() {
    double[] bd = CoordinateSystem.BD09.fromWgs84(-0.1276, 51.5072);
    assertThat(metres(bd, -0.1276, 51.5072)).isGreaterThan(100);
    assertThat(metres(CoordinateSystem.BD09.toWgs84(bd[0], bd[1]), -0.1276, 51.5072))
        .isLessThan(0.001);
  }

  // --- Non-finite input -------------------------------------------------------------------

  @Test
  void nanOrInfiniteInputGivesNanPairWithoutException() {
    double[][] inputs = {
      {Double.NaN, 39.9},
      {116.4, Double.NaN},
      {Double.POSITIVE_INFINITY, 39.9},
      {116.4, Double.NEGATIVE_INFINITY},
    };
    for (double[] p : inputs) {
      for (CoordinateSystem system : CoordinateSystem.values()) {
        assertThat(system.toWgs84(p[0], p[1])).containsExactly(Double.NaN, Double.NaN);
        assertThat(system.fromWgs84(p[0], p[1])).containsExactly(Double.NaN, Double.NaN);
      }
      assertThat(ChinaOffsets.bd09ToGcj02(p[0], p[1])).containsExactly(Double.NaN, Double.NaN);
      assertThat(ChinaOffsets.gcj02ToBd09(p[0], p[1])).containsExactly(Double.NaN, Double.NaN);
    }
  }

  // --- parse ------------------------------------------------------------------------------

  @Test
  void parseAcceptsNamesAndAliasesInAnyCase() {
    assertThat(CoordinateSystem.parse("WGS84")).isEqualTo(CoordinateSystem.WGS84);
    assertThat(CoordinateSystem.parse("wgs-84")).isEqualTo(CoordinateSystem.WGS84);
    assertThat(CoordinateSystem.parse("epsg:4326")).isEqualTo(CoordinateSystem.WGS84);
    assertThat(CoordinateSystem.parse("CGCS2000")).isEqualTo(CoordinateSystem.CGCS2000);
    assertThat(CoordinateSystem.parse("EPSG:4490")).isEqualTo(CoordinateSystem.CGCS2000);
    assertThat(CoordinateSystem.parse("gcj02")).isEqualTo(CoordinateSystem.GCJ02);
    assertThat(CoordinateSystem.parse(" GCJ-02 ")).isEqualTo(CoordinateSystem.GCJ02);
    assertThat(CoordinateSystem.parse("Bd09")).isEqualTo(CoordinateSystem.BD09);
    assertThat(CoordinateSystem.parse("bd-09")).isEqualTo(CoordinateSystem.BD09);
  }

  @Test
  void parseRejectsJunkNamingTheAcceptedValues() {
    for (String junk : new String[] {"", "EPSG:3857", "BD09MC", "WGS 84x", "mars"}) {
      assertThatThrownBy(() -> CoordinateSystem.parse(junk))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + junk + "'")
          .hasMessageContaining("WGS84, WGS-84, EPSG:4326, CGCS2000, EPSG:4490")
          .hasMessageContaining("GCJ02, GCJ-02, BD09, BD-09");
    }
    assertThatThrownBy(() -> CoordinateSystem.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
  }

  // --- helpers ------------------------------------------------------------------------------

  private static void assertLonLat(double[] actual, double lon, double lat) {
    assertLonLat(actual, lon, lat, EXACT_DEGREES);
  }

  private static void assertLonLat(double[] actual, double lon, double lat, double degrees) {
    assertThat(actual).hasSize(2);
    assertThat(actual[0]).as("lon").isCloseTo(lon, within(degrees));
    assertThat(actual[1]).as("lat").isCloseTo(lat, within(degrees));
  }

  /** Great-circle distance in metres on a sphere of the mean Earth radius (haversine). */
  private static double metres(double[] a, double lon, double lat) {
    double phi1 = Math.toRadians(a[1]);
    double phi2 = Math.toRadians(lat);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(lon - a[0]);
    double h =
        Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
            + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    return 2 * 6_371_008.8 * Math.asin(Math.sqrt(Math.min(1, h)));
  }
}
