package org.wangge.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.wangge.spatial.Wgs84;

class TrackCoverageTest {

  // A track going east from (114.9, 27.8), 40 m steps.
  static final double LAT = 27.8;
  static final double[] LONS = {114.9, 114.9 + Wgs84.metresToDegreesLon(40, LAT), 114.9 + Wgs84.metresToDegreesLon(80, LAT)};
  static final double[] LATS = {LAT, LAT, LAT};

  @Test
  void aPointBesideASegmentIsAsFarAsItsPerpendicular() {
    double north = LAT + Wgs84.metresToDegreesLat(30);
    double lon = 114.9 + Wgs84.metresToDegreesLon(60, LAT);
    assertThat(TrackCoverage.distanceMetres(lon, north, LONS, LATS)).isCloseTo(30, within(0.01));
  }

  @Test
  void aPointBeyondTheEndIsAsFarAsTheEnd() {
    double lon = 114.9 + Wgs84.metresToDegreesLon(120, LAT);
    double expected = Wgs84.distanceMetres(lon, LAT, LONS[2], LATS[2]);
    assertThat(TrackCoverage.distanceMetres(lon, LAT, LONS, LATS)).isCloseTo(expected, within(0.01)).isCloseTo(40, within(0.05));
  }

  @Test
  void aTrackOfOnePointMeasuresToThatPoint() {
    double north = LAT + Wgs84.metresToDegreesLat(50);
    assertThat(TrackCoverage.distanceMetres(114.9, north, new double[] {114.9}, new double[] {LAT})).isCloseTo(50, within(0.01));
  }

  @Test
  void theSearchBoxesHoldEveryPointWithinTheDistance() {
    int n = 45;
    double[] lons = new double[n];
    double[] lats = new double[n];
    for (int i = 0; i < n; i++) {
      lons[i] = 114.9 + Wgs84.metresToDegreesLon(40.0 * i, LAT);
      lats[i] = LAT + Wgs84.metresToDegreesLat(i % 2 == 0 ? 0 : 25);
    }
    var boxes = TrackCoverage.searchBoxes(lons, lats, 50);
    assertThat(boxes).hasSize(3); // runs of 20 points sharing their ends: 0–20, 20–40, 40–44
    // A point 49.9 m north of the northernmost vertex and one 49.9 m west of the start lie in a box.
    double[][] probes = {
      {lons[1], lats[1] + Wgs84.metresToDegreesLat(49.9)}, {lons[0] - Wgs84.metresToDegreesLon(49.9, LAT), LAT}, {lons[n - 1] + Wgs84.metresToDegreesLon(49.9, LAT), lats[n - 1]}
    };
    for (double[] p : probes) {
      assertThat(boxes).anySatisfy(b -> {
        assertThat(p[0]).isBetween(b[0], b[2]);
        assertThat(p[1]).isBetween(b[1], b[3]);
      });
    }
  }
}
