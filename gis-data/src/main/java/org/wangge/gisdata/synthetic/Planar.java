package org.wangge.gisdata.synthetic;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/** Metric measures of geometries in longitude/latitude, through a {@link LocalProjection}. */
final class Planar {

  private Planar() {}

  /**
   * Area (square metres) and centroid (metres east and north of the projection centre) of a
   * polygonal geometry.
   *
   * @return {area, centroidX, centroidY}
   */
  static double[] areaAndCentroid(Geometry geometry, LocalProjection projection) {
    double area = 0;
    double sx = 0;
    double sy = 0;
    for (int g = 0; g < geometry.getNumGeometries(); g++) {
      Polygon polygon = (Polygon) geometry.getGeometryN(g);
      double[] shell = ring(polygon.getExteriorRing(), projection);
      double sign = Math.signum(shell[0]);
      area += Math.abs(shell[0]);
      sx += sign * shell[1];
      sy += sign * shell[2];
      for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
        double[] hole = ring(polygon.getInteriorRingN(h), projection);
        double holeSign = Math.signum(hole[0]);
        area -= Math.abs(hole[0]);
        sx -= holeSign * hole[1];
        sy -= holeSign * hole[2];
      }
    }
    return new double[] {area, sx / (6 * area), sy / (6 * area)};
  }

  /** {signed area, Σ (xi + xj) cross, Σ (yi + yj) cross} of a ring in metres. */
  private static double[] ring(LineString ring, LocalProjection projection) {
    Coordinate[] c = ring.getCoordinates();
    double x0 = projection.x(c[0].x);
    double y0 = projection.y(c[0].y);
    double a = 0;
    double sx = 0;
    double sy = 0;
    double px = 0;
    double py = 0;
    for (int i = 1; i < c.length; i++) {
      double x = projection.x(c[i].x) - x0;
      double y = projection.y(c[i].y) - y0;
      double cross = px * y - x * py;
      a += cross;
      sx += (px + x) * cross;
      sy += (py + y) * cross;
      px = x;
      py = y;
    }
    // Shift the first moments back from the ring's first vertex to the projection centre.
    double signedArea = a / 2;
    sx += 6 * signedArea * x0;
    sy += 6 * signedArea * y0;
    return new double[] {signedArea, sx, sy};
  }
}
