package org.wangge.ogc;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;

/** Test helpers: GeoJSON Point / Polygon / MultiPolygon geometries to JTS, and geometry comparison in metres. */
final class GeoJsonGeometries {

  private GeoJsonGeometries() {}

  static Geometry read(JsonNode g) {
    var f = Wgs84.FACTORY;
    JsonNode c = g.get("coordinates");
    return switch (g.get("type").asString()) {
      case "Point" -> f.createPoint(coordinate(c));
      case "Polygon" -> polygon(c);
      case "MultiPolygon" -> {
        Polygon[] polygons = new Polygon[c.size()];
        for (int i = 0; i < c.size(); i++) {
          polygons[i] = polygon(c.get(i));
        }
        yield f.createMultiPolygon(polygons);
      }
      default -> throw new IllegalArgumentException("unexpected geometry " + g);
    };
  }

  private static Polygon polygon(JsonNode rings) {
    LinearRing shell = ring(rings.get(0));
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = ring(rings.get(i));
    }
    return Wgs84.FACTORY.createPolygon(shell, holes);
  }

  private static LinearRing ring(JsonNode points) {
    Coordinate[] cs = new Coordinate[points.size()];
    for (int i = 0; i < points.size(); i++) {
      cs[i] = coordinate(points.get(i));
    }
    return Wgs84.FACTORY.createLinearRing(cs);
  }

  private static Coordinate coordinate(JsonNode p) {
    return new Coordinate(p.get(0).asDouble(), p.get(1).asDouble());
  }

  static Geometry wkb(byte[] bytes) {
    try {
      return new WKBReader(Wgs84.FACTORY).read(bytes);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The largest distance in metres from a vertex of either geometry to the other geometry (a
   * discrete Hausdorff distance, measured in degrees and converted at the geometries' latitude).
   */
  static double distanceMetres(Geometry a, Geometry b) {
    double degrees =
        org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance.distance(a, b);
    // A degree of latitude is the longest degree here; the bound is conservative.
    return degrees * Wgs84.EARTH_RADIUS_METRES * Math.PI / 180;
  }
}
