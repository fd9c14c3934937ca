package org.wangge.gisdata.crs;

/**
 * The published offset formulas between WGS84, GCJ-02 and BD-09, all on longitude/latitude in
 * degrees (x is longitude).
 *
 * <ul>
 *   <li><b>GCJ-02</b> (国测局坐标, "Mars coordinates"; Amap, Tencent, WeChat's map mode) is WGS84
 *       plus a deliberate, smoothly varying offset of a few hundred metres, computed on the
 *       Krasovsky ellipsoid ({@code a = 6378245.0 m}, {@code e² = 0.00669342162296594323}). The
 *       formula is the one published and used by eviltransform, coordtransform and gcoord, and
 *       is reported to reproduce the official transform to 1–2 m.
 *   <li><b>BD-09</b> (Baidu) is GCJ-02 further perturbed in polar coordinates about (0°, 0°),
 *       with {@code x_pi = π·3000/180}, and shifted by (0.0065°, 0.006°).
 * </ul>
 *
 * <p><b>Outside China</b>: GCJ-02 equals WGS84 outside the rough bounding box longitude
 * 72.004–137.8347°, latitude 0.8293–55.8271° (bounds included in China), as the official
 * transform does not offset foreign points. The box is only a box: points in Mongolia, Korea,
 * Japan or the sea inside it are offset too, as by every implementation of these formulas. The
 * BD-09 formulas are applied everywhere, without the box, as coordtransform and gcoord do.
 *
 * <p><b>Inverses</b>: GCJ-02 → WGS84 and BD-09 → GCJ-02 have no closed form. Both start from the
 * published approximation and then iterate {@code estimate += input − forward(estimate)} until
 * the forward transform of the estimate is within {@link #TOLERANCE_DEGREES} of the input in both
 * coordinates (at most {@link #MAX_ITERATIONS} rounds; a handful suffice in practice), so
 * they invert the forward formulas to well under a millimetre. They cannot be more accurate than
 * the forward formulas are to the official transform.
 *
 * <p><b>Non-finite input</b>: if either coordinate is NaN or infinite the result is
 * {@code {NaN, NaN}}; no exception is thrown. Finite coordinates are not range-checked.
 *
 * <p>Stateless and thread-safe. Every method allocates only its two-element result array
 * {@code {lon, lat}}.
 */
public final class ChinaOffsets {

  /** Semi-major axis of the Krasovsky 1940 ellipsoid used by the GCJ-02 formula, in metres. */
  static final double KRASOVSKY_A = 6378245.0;

  /** First eccentricity squared of the Krasovsky 1940 ellipsoid. */
  static final double KRASOVSKY_EE = 0.00669342162296594323;

  /** The BD-09 constant {@code π·3000/180}, in radians per degree. */
  static final double X_PI = Math.PI * 3000.0 / 180.0;

  /** Convergence tolerance of the inverses, in degrees (about 0.1 mm). */
  public static final double TOLERANCE_DEGREES = 1e-9;

  /** Upper bound on the rounds of the iterative inverses. */
  public static final int MAX_ITERATIONS = 30;

  static final double MIN_LON = 72.004;
  static final double MAX_LON = 137.8347;
  static final double MIN_LAT = 0.8293;
  static final double MAX_LAT = 55.8271;

  private ChinaOffsets() {}

  /**
   * Whether GCJ-02 leaves this point unchanged: outside the box longitude 72.004–137.8347°,
   * latitude 0.8293–55.8271° (degrees). NaN is outside.
   */
  public static boolean isOutsideChina(double lon, double lat) {
    return !(lon >= MIN_LON && lon <= MAX_LON && lat >= MIN_LAT && lat <= MAX_LAT);
  }

  /**
   * WGS84 → GCJ-02.
   *
   * @param lon WGS84 longitude in degrees
   * @param lat WGS84 latitude in degrees
   * @return {@code {lon, lat}} in GCJ-02, degrees; the input unchanged outside China
   */
  public static double[] wgs84ToGcj02(double lon, double lat) {
    if (!isFinite(lon, lat)) {
      return nan();
    }
    if (isOutsideChina(lon, lat)) {
      return new double[] {lon, lat};
    }
    return new double[] {lon + gcjDeltaLon(lon, lat), lat + gcjDeltaLat(lon, lat)};
  }

  /**
   * GCJ-02 → WGS84, by iteration on {@link #wgs84ToGcj02}.
   *
   * @param lon GCJ-02 longitude in degrees
   * @param lat GCJ-02 latitude in degrees
   * @return {@code {lon, lat}} in WGS84, degrees; the input unchanged outside China
   */
  public static double[] gcj02ToWgs84(double lon, double lat) {
    if (!isFinite(lon, lat)) {
      return nan();
    }
    if (isOutsideChina(lon, lat)) {
      return new double[] {lon, lat};
    }
    // The published one-step approximation, good to a few metres, as the first estimate.
    double wLon = lon - gcjDeltaLon(lon, lat);
    double wLat = lat - gcjDeltaLat(lon, lat);
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      double fLon = wLon;
      double fLat = wLat;
      if (!isOutsideChina(wLon, wLat)) {
        fLon += gcjDeltaLon(wLon, wLat);
        fLat += gcjDeltaLat(wLon, wLat);
      }
      double eLon = lon - fLon;
      double eLat = lat - fLat;
      if (Math.abs(eLon) <= TOLERANCE_DEGREES && Math.abs(eLat) <= TOLERANCE_DEGREES) {
        break;
      }
      wLon += eLon;
      wLat += eLat;
    }
    return new double[] {wLon, wLat};
  }

  /**
   * GCJ-02 → BD-09, the published closed form.
   *
   * @param lon GCJ-02 longitude in degrees
   * @param lat GCJ-02 latitude in degrees
   * @return {@code {lon, lat}} in BD-09, degrees
   */
  public static double[] gcj02ToBd09(double lon, double lat) {
    if (!isFinite(lon, lat)) {
      return nan();
    }
    double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
    double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
    return new double[] {z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006};
  }

  /**
   * BD-09 → GCJ-02: the published closed form (good to a few decimetres), refined by iteration
   * on {@link #gcj02ToBd09} until it inverts it to {@link #TOLERANCE_DEGREES}.
   *
   * @param lon BD-09 longitude in degrees
   * @param lat BD-09 latitude in degrees
   * @return {@code {lon, lat}} in GCJ-02, degrees
   */
  public static double[] bd09ToGcj02(double lon, double lat) {
    if (!isFinite(lon, lat)) {
      return nan();
    }
    double x = lon - 0.0065;
    double y = lat - 0.006;
    double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
    double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
    double gLon = z * Math.cos(theta);
    double gLat = z * Math.sin(theta);
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      double fz = Math.sqrt(gLon * gLon + gLat * gLat) + 0.00002 * Math.sin(gLat * X_PI);
      double fTheta = Math.atan2(gLat, gLon) + 0.000003 * Math.cos(gLon * X_PI);
      double eLon = lon - (fz * Math.cos(fTheta) + 0.0065);
      double eLat = lat - (fz * Math.sin(fTheta) + 0.006);
      if (Math.abs(eLon) <= TOLERANCE_DEGREES && Math.abs(eLat) <= TOLERANCE_DEGREES) {
        break;
      }
      gLon += eLon;
      gLat += eLat;
    }
    return new double[] {gLon, gLat};
  }

  /**
   * WGS84 → BD-09, through GCJ-02.
   *
   * @param lon WGS84 longitude in degrees
   * @param lat WGS84 latitude in degrees
   * @return {@code {lon, lat}} in BD-09, degrees
   */
  public static double[] wgs84ToBd09(double lon, double lat) {
    double[] gcj = wgs84ToGcj02(lon, lat);
    return gcj02ToBd09(gcj[0], gcj[1]);
  }

  /**
   * BD-09 → WGS84, through GCJ-02.
   *
   * @param lon BD-09 longitude in degrees
   * @param lat BD-09 latitude in degrees
   * @return {@code {lon, lat}} in WGS84, degrees
   */
  public static double[] bd09ToWgs84(double lon, double lat) {
    double[] gcj = bd09ToGcj02(lon, lat);
    return gcj02ToWgs84(gcj[0], gcj[1]);
  }

  static boolean isFinite(double lon, double lat) {
    return Double.isFinite(lon) && Double.isFinite(lat);
  }

  static double[] nan() {
    return new double[] {Double.NaN, Double.NaN};
  }

  /** GCJ-02 minus WGS84 longitude at a WGS84 point inside China, in degrees. */
  private static double gcjDeltaLon(double lon, double lat) {
    double x = lon - 105.0;
    double y = lat - 35.0;
    double d =
        300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
            + (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0
            + (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0
            + (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI))
                * 2.0 / 3.0;
    double radLat = Math.toRadians(lat);
    double sinLat = Math.sin(radLat);
    double sqrtMagic = Math.sqrt(1 - KRASOVSKY_EE * sinLat * sinLat);
    return (d * 180.0) / (KRASOVSKY_A / sqrtMagic * Math.cos(radLat) * Math.PI);
  }

  /** GCJ-02 minus WGS84 latitude at a WGS84 point inside China, in degrees. */
  private static double gcjDeltaLat(double lon, double lat) {
    double x = lon - 105.0;
    double y = lat - 35.0;
    double d =
        -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
            + (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0
            + (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0
            + (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0))
                * 2.0 / 3.0;
    double radLat = Math.toRadians(lat);
    double sinLat = Math.sin(radLat);
    double magic = 1 - KRASOVSKY_EE * sinLat * sinLat;
    double sqrtMagic = Math.sqrt(magic);
    return (d * 180.0) / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic) * Math.PI);
  }
}
