package org.wangge.spatial;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Longitude/latitude in EPSG:4326 (CGCS2000, EPSG:4490, agrees with it to centimetres). Every
 * geometry the backend stores is built with {@link #FACTORY}, so it carries SRID 4326 (H2 rejects
 * SRID 0, PostGIS silently accepts it). Thread-safe.
 */
public final class Wgs84 {

  public static final int SRID = 4326;

  /** Floating precision, SRID 4326. */
  public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), SRID);

  /** Mean Earth radius in metres (IUGG), used for great-circle distances. */
  public static final double EARTH_RADIUS_METRES = 6_371_008.8;

  private Wgs84() {}

  public static Point point(double lon, double lat) {
    return FACTORY.createPoint(new Coordinate(lon, lat));
  }

  /** The box as a polygon; {@code minLon <= maxLon}, {@code minLat <= maxLat}. */
  public static Polygon box(double minLon, double minLat, double maxLon, double maxLat) {
    return (Polygon) FACTORY.toGeometry(new Envelope(minLon, maxLon, minLat, maxLat));
  }

  /** Great-circle (haversine) distance in metres between two lon/lat positions in degrees. */
  public static double distanceMetres(double lon1, double lat1, double lon2, double lat2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(lon2 - lon1);
    double h =
        Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
            + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /** Degrees of latitude spanning {@code metres} (an upper bound for search boxes). */
  public static double metresToDegreesLat(double metres) {
    return Math.toDegrees(metres / EARTH_RADIUS_METRES);
  }

  /** Degrees of longitude spanning {@code metres} at latitude {@code lat}. */
  public static double metresToDegreesLon(double metres, double lat) {
    return metresToDegreesLat(metres) / Math.max(0.01, Math.cos(Math.toRadians(lat)));
  }

  /** Whether lon/lat are finite and within [-180, 180] × [-90, 90]. */
  public static boolean isValidLonLat(double lon, double lat) {
    return Double.isFinite(lon) && Double.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
  }
}
