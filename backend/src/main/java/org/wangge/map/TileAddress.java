package org.wangge.map;

import org.locationtech.jts.geom.Envelope;
import org.wangge.web.InvalidInputException;

/**
 * One tile of the Web Mercator (EPSG:3857) tile pyramid, as XYZ tile servers and Leaflet number
 * them: zoom {@code z} in 0–22, column {@code x} from the west (−180°) and row {@code y} from the
 * north (≈ 85.05°), both in {@code 0 … 2^z − 1}.
 */
record TileAddress(int z, int x, int y) {

  static final int MAX_ZOOM = 22;

  /** Radius of the Web Mercator sphere in metres. */
  static final double RADIUS_METRES = 6_378_137.0;

  /** Half the width of the Web Mercator world square in metres (π × radius). */
  static final double HALF_WORLD_METRES = Math.PI * RADIUS_METRES;

  TileAddress {
    if (z < 0 || z > MAX_ZOOM) {
      throw new InvalidInputException("z", "must be a zoom level from 0 to " + MAX_ZOOM + ", got " + z);
    }
    long n = 1L << z;
    if (x < 0 || x >= n) {
      throw new InvalidInputException("x", "must be a column from 0 to " + (n - 1) + " at zoom " + z + ", got " + x);
    }
    if (y < 0 || y >= n) {
      throw new InvalidInputException("y", "must be a row from 0 to " + (n - 1) + " at zoom " + z + ", got " + y);
    }
  }

  /** Parses the path segments, naming the first bad one. */
  static TileAddress parse(String z, String x, String y) {
    return new TileAddress(integer("z", z), integer("x", x), integer("y", y));
  }

  private static int integer(String field, String value) {
    if (value == null || value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidInputException(field, "must be a non-negative whole number, got '" + value + "'");
    }
    return Integer.parseInt(value);
  }

  /** The tile's square in Web Mercator metres. */
  Envelope mercatorBounds() {
    double size = 2 * HALF_WORLD_METRES / (1L << z);
    double minX = -HALF_WORLD_METRES + x * size;
    double maxY = HALF_WORLD_METRES - y * size;
    return new Envelope(minX, minX + size, maxY - size, maxY);
  }

  /**
   * The tile's square in longitude/latitude degrees. Web Mercator maps meridians and parallels to
   * straight lines, so this box is exactly the tile, not an approximation of it.
   */
  Envelope lonLatBounds() {
    Envelope m = mercatorBounds();
    return new Envelope(lon(m.getMinX()), lon(m.getMaxX()), lat(m.getMinY()), lat(m.getMaxY()));
  }

  /** Web Mercator easting in metres of a longitude in degrees. */
  static double x(double lon) {
    return Math.toRadians(lon) * RADIUS_METRES;
  }

  /** Web Mercator northing in metres of a latitude in degrees (|lat| < 90). */
  static double y(double lat) {
    return Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2)) * RADIUS_METRES;
  }

  static double lon(double x) {
    return Math.toDegrees(x / RADIUS_METRES);
  }

  static double lat(double y) {
    return Math.toDegrees(Math.atan(Math.sinh(y / RADIUS_METRES)));
  }

  @Override
  public String toString() {
    return z + "/" + x + "/" + y;
  }
}
