package org.wangge.gisdata.crs;

import java.util.Locale;
import java.util.Objects;

/**
 * The geographic coordinate systems in which longitude/latitude reach us in China, with
 * conversion to and from WGS84. All coordinates are {@code {lon, lat}} in degrees (x is
 * longitude).
 *
 * <ul>
 *   <li>{@link #WGS84} (EPSG:4326): GPS, GeoJSON, OpenStreetMap.
 *   <li>{@link #CGCS2000} (EPSG:4490): China's official datum, used by government GIS and
 *       天地图. It agrees with WGS84 to within centimetres, far below the accuracy of the data we
 *       handle, so it is converted as the identity.
 *   <li>{@link #GCJ02}: phones and Chinese map SDKs (Amap, Tencent, WeChat's map mode); WGS84
 *       plus an obfuscating offset of a few hundred metres inside China, none outside.
 *   <li>{@link #BD09}: Baidu; GCJ-02 further offset.
 * </ul>
 *
 * <p>The formulas, their accuracy, the "outside China" rule and the handling of non-finite input
 * ({@code {NaN, NaN}}, no exception) are those of {@link ChinaOffsets}. Thread-safe.
 */
public enum CoordinateSystem {
  WGS84,
  CGCS2000,
  GCJ02,
  BD09;

  /** The names {@link #parse} accepts (case-insensitive, surrounding blanks ignored). */
  public static final String ACCEPTED_NAMES =
      "WGS84, WGS-84, EPSG:4326, CGCS2000, EPSG:4490, GCJ02, GCJ-02, BD09, BD-09";

  /**
   * This system's coordinates of a point, converted to WGS84.
   *
   * @param lon longitude in this system, degrees
   * @param lat latitude in this system, degrees
   * @return a new array {@code {lon, lat}} in WGS84, degrees
   */
  public double[] toWgs84(double lon, double lat) {
    return switch (this) {
      case WGS84, CGCS2000 -> identity(lon, lat);
      case GCJ02 -> ChinaOffsets.gcj02ToWgs84(lon, lat);
      case BD09 -> ChinaOffsets.bd09ToWgs84(lon, lat);
    };
  }

  /**
   * WGS84 coordinates of a point, converted to this system.
   *
   * @param lon WGS84 longitude, degrees
   * @param lat WGS84 latitude, degrees
   * @return a new array {@code {lon, lat}} in this system, degrees
   */
  public double[] fromWgs84(double lon, double lat) {
    return switch (this) {
      case WGS84, CGCS2000 -> identity(lon, lat);
      case GCJ02 -> ChinaOffsets.wgs84ToGcj02(lon, lat);
      case BD09 -> ChinaOffsets.wgs84ToBd09(lon, lat);
    };
  }

  /**
   * The system with this name or alias: {@value #ACCEPTED_NAMES}, case-insensitive, surrounding
   * blanks ignored.
   *
   * @param name the name, not null
   * @return the system
   * @throws IllegalArgumentException if the name is not one of the accepted names; the message
   *     lists them
   */
  public static CoordinateSystem parse(String name) {
    Objects.requireNonNull(name, "name");
    return switch (name.strip().toUpperCase(Locale.ROOT)) {
      case "WGS84", "WGS-84", "EPSG:4326" -> WGS84;
      case "CGCS2000", "EPSG:4490" -> CGCS2000;
      case "GCJ02", "GCJ-02" -> GCJ02;
      case "BD09", "BD-09" -> BD09;
      default ->
          throw new IllegalArgumentException(
              "unknown coordinate system '" + name + "'; accepted: " + ACCEPTED_NAMES);
    };
  }

  private static double[] identity(double lon, double lat) {
    return ChinaOffsets.isFinite(lon, lat) ? new double[] {lon, lat} : ChinaOffsets.nan();
  }
}
