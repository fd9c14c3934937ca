package org.wangge.gisdata.synthetic;

import org.wangge.gisdata.crs.LocalMetres;

/**
 * The city-centred {@link LocalMetres} projection plus the 1e-7° snapping grid on which every generated coordinate lies. Immutable.
 */
final class LocalProjection {

  /** Snapping grid: 1e-7 degrees (about 1 cm), the precision of the GeoJSON files. */
  static final double SCALE = 1e7;

  private final LocalMetres metres;

  LocalProjection(double lon0, double lat0) {
    this.metres = LocalMetres.at(lon0, lat0);
  }

  double lon(double x) {
    return metres.lon(x);
  }

  double lat(double y) {
    return metres.lat(y);
  }

  double x(double lon) {
    return metres.x(lon);
  }

  double y(double lat) {
    return metres.y(lat);
  }

  /** Square metres per square degree at the centre. */
  double squareMetresPerSquareDegree() {
    return metres.squareMetresPerSquareDegree();
  }

  /** {@code degrees} rounded to the 1e-7° grid, as an integer number of 1e-7° units. */
  static long e7(double degrees) {
    return Math.round(degrees * SCALE);
  }

  /** {@code degrees} rounded to the 1e-7° grid. */
  static double snap(double degrees) {
    return e7(degrees) / SCALE;
  }

  /** A vertex key: longitude and latitude in 1e-7° units packed into one long. */
  static long key(long lonE7, long latE7) {
    return (lonE7 << 32) | (latE7 & 0xffffffffL);
  }

  static double keyLon(long key) {
    return (key >> 32) / SCALE;
  }

  static double keyLat(long key) {
    return ((int) key) / SCALE;
  }
}
