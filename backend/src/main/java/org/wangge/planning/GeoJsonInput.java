package org.wangge.planning;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.wangge.spatial.Wgs84;
import org.wangge.web.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the GeoJSON geometries of edit requests (RFC 7946, lon/lat): LineString, Polygon,
 * MultiPolygon. Anything malformed is an {@link InvalidInputException} naming the field.
 */
final class GeoJsonInput {

  private GeoJsonInput() {}

  static LineString lineString(JsonNode node, String field) {
    requireType(node, field, "LineString");
    List<Coordinate> coords = positions(node.get("coordinates"), field + ".coordinates");
    if (coords.size() < 2) {
      throw new InvalidInputException(field, "must be a LineString of at least 2 positions");
    }
    return Wgs84.FACTORY.createLineString(coords.toArray(Coordinate[]::new));
  }

  /** A Polygon or MultiPolygon, which must be valid (no self-intersection). */
  static Geometry polygonal(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(field, "is required: a GeoJSON Polygon or MultiPolygon");
    }
    String type = node.path("type").asString("");
    Geometry g;
    if (type.equals("Polygon")) {
      g = polygon(node.get("coordinates"), field + ".coordinates");
    } else if (type.equals("MultiPolygon")) {
      JsonNode parts = node.get("coordinates");
      if (parts == null || !parts.isArray() || parts.isEmpty()) {
        throw new InvalidInputException(field + ".coordinates", "must be an array of polygons");
      }
      List<Polygon> polygons = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        polygons.add(polygon(parts.get(i), field + ".coordinates[" + i + "]"));
      }
      g = Wgs84.FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    } else {
      throw new InvalidInputException(field, "must be a GeoJSON Polygon or MultiPolygon, got type '" + type + "'");
    }
    if (!g.isValid()) {
      throw new InvalidInputException(field, "is not a valid polygon (it crosses itself or has a bad ring)");
    }
    return g;
  }

  private static Polygon polygon(JsonNode rings, String field) {
    if (rings == null || !rings.isArray() || rings.isEmpty()) {
      throw new InvalidInputException(field, "must be an array of linear rings");
    }
    List<LinearRing> all = new ArrayList<>();
    for (int i = 0; i < rings.size(); i++) {
      List<Coordinate> c = positions(rings.get(i), field + "[" + i + "]");
      if (c.size() < 4 || !c.getFirst().equals2D(c.getLast())) {
        throw new InvalidInputException(field + "[" + i + "]", "must be a closed ring of at least 4 positions");
      }
      all.add(Wgs84.FACTORY.createLinearRing(c.toArray(Coordinate[]::new)));
    }
    return Wgs84.FACTORY.createPolygon(all.getFirst(), all.subList(1, all.size()).toArray(LinearRing[]::new));
  }

  private static void requireType(JsonNode node, String field, String type) {
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(field, "is required: a GeoJSON " + type);
    }
    if (!type.equals(node.path("type").asString(""))) {
      throw new InvalidInputException(field, "must be a GeoJSON " + type + ", got type '" + node.path("type").asString("") + "'");
    }
  }

  private static List<Coordinate> positions(JsonNode array, String field) {
    if (array == null || !array.isArray()) {
      throw new InvalidInputException(field, "must be an array of [lon, lat] positions");
    }
    List<Coordinate> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode p = array.get(i);
      if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
        throw new InvalidInputException(field + "[" + i + "]", "must be a [lon, lat] position");
      }
      double lon = p.get(0).asDouble();
      double lat = p.get(1).asDouble();
      if (!Wgs84.isValidLonLat(lon, lat)) {
        throw new InvalidInputException(field + "[" + i + "]", "must be a longitude in [-180, 180] and a latitude in [-90, 90]");
      }
      out.add(new Coordinate(lon, lat));
    }
    return out;
  }
}
