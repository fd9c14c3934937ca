package org.wangge.field;

import java.util.ArrayList;
import java.util.List;
import org.wangge.spatial.Wgs84;

/**
 * Which points lie within a distance of a track, in metres: search boxes in degrees around runs
 * of the track (widened by the distance at their latitude, for an index to answer), then an exact
 * check of each candidate against every segment of the track. Distances are taken on a plane
 * tangent at the candidate (equirectangular, metres on the mean Earth sphere of {@link Wgs84}):
 * within a few hundred metres it differs from the great-circle distance by far less than a
 * centimetre at 50 m. Stateless; thread-safe.
 */
final class TrackCoverage {

  /** Track points per search box: about 10 minutes of walking with a point every 30 s. */
  static final int POINTS_PER_BOX = 20;

  private static final double METRES_PER_DEGREE = Math.toRadians(Wgs84.EARTH_RADIUS_METRES);

  private TrackCoverage() {}

  /**
   * Boxes {@code [minLon, minLat, maxLon, maxLat]} that together hold every point within {@code
   * metres} of the track: one per run of {@link #POINTS_PER_BOX} points (consecutive runs share
   * their end point), widened by {@code metres}.
   *
   * @param lons longitudes of the track's points in order, EPSG:4326
   * @param lats latitudes, same length
   */
  static List<double[]> searchBoxes(double[] lons, double[] lats, double metres) {
    List<double[]> boxes = new ArrayList<>();
    int n = lons.length;
    for (int start = 0; start < n; start += POINTS_PER_BOX) {
      int end = Math.min(n - 1, start + POINTS_PER_BOX);
      double minLon = Double.MAX_VALUE, minLat = Double.MAX_VALUE, maxLon = -Double.MAX_VALUE, maxLat = -Double.MAX_VALUE;
      for (int i = start; i <= end; i++) {
        minLon = Math.min(minLon, lons[i]);
        maxLon = Math.max(maxLon, lons[i]);
        minLat = Math.min(minLat, lats[i]);
        maxLat = Math.max(maxLat, lats[i]);
      }
      double dLat = Wgs84.metresToDegreesLat(metres) * 1.01;
      double dLon = Wgs84.metresToDegreesLon(metres, Math.max(Math.abs(minLat), Math.abs(maxLat))) * 1.01;
      boxes.add(new double[] {minLon - dLon, minLat - dLat, maxLon + dLon, maxLat + dLat});
      if (end == n - 1) {
        break;
      }
    }
    return boxes;
  }

  /** The distance in metres from (lon, lat) to the nearest point of the track (one point or more). */
  static double distanceMetres(double lon, double lat, double[] lons, double[] lats) {
    double kx = METRES_PER_DEGREE * Math.cos(Math.toRadians(lat));
    double ky = METRES_PER_DEGREE;
    double best = Double.MAX_VALUE;
    double ax = (lons[0] - lon) * kx;
    double ay = (lats[0] - lat) * ky;
    if (lons.length == 1) {
      return Math.hypot(ax, ay);
    }
    for (int i = 1; i < lons.length; i++) {
      double bx = (lons[i] - lon) * kx;
      double by = (lats[i] - lat) * ky;
      best = Math.min(best, distanceToSegment(ax, ay, bx, by));
      ax = bx;
      ay = by;
    }
    return best;
  }

  /** Distance from the origin to the segment (a, b) in the plane. */
  private static double distanceToSegment(double ax, double ay, double bx, double by) {
    double dx = bx - ax;
    double dy = by - ay;
    double lengthSquared = dx * dx + dy * dy;
    double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
    return Math.hypot(ax + t * dx, ay + t * dy);
  }
}
