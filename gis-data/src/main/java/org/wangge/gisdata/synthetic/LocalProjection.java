package org.wangge.gisdata.synthetic;

/**
 * A local equirectangular projection around the city centre, good to a few parts in a thousand over
 * a city: x metres east and y metres north of the centre ↔ longitude/latitude in EPSG:4326. Also
 * the 1e-7° snapping grid on which every generated coordinate lies. Immutable.
 */
final class LocalProjection {

  /** Snapping grid: 1e-7 degrees (about 1 cm), the precision of the GeoJSON files. */
  static final double SCALE = 1e7;

  final double lon0;
  final double lat0;
  final double metresPerDegreeLon;
  final double metresPerDegreeLat;

  LocalProjection(double lon0, double lat0) {
    this.lon0 = lon0;
    this.lat0 = lat0;
    double phi = Math.toRadians(lat0);
    this.metresPerDegreeLat = 111132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
    this.metresPerDegreeLon = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);
  }

  double lon(double x) {
    return lon0 + x / metresPerDegreeLon;
  }

  double lat(double y) {
    return lat0 + y / metresPerDegreeLat;
  }

  double x(double lon) {
    return (lon - lon0) * metresPerDegreeLon;
  }

  double y(double lat) {
    return (lat - lat0) * metresPerDegreeLat;
  }

  /** Square metres per square degree at the centre. */
  double squareMetresPerSquareDegree() {
    return metresPerDegreeLon * metresPerDegreeLat;
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
