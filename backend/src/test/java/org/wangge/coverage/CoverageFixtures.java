package org.wangge.coverage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.wangge.gisdata.crs.LocalMetres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coverage fixtures of gis-data ({@code org/wangge/gisdata/fixtures/*.geojson}): one feature
 * with {@code role: "parent"} and children with {@code role: "child"}, each named by {@code code}.
 */
record CoverageFixtures(Geometry parent, Map<String, Geometry> children) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static CoverageFixtures read(String name) {
    try (InputStream in = CoverageFixtures.class.getResourceAsStream("/org/wangge/gisdata/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      JsonNode root = JSON.readTree(in);
      Geometry parent = null;
      Map<String, Geometry> children = new LinkedHashMap<>();
      for (JsonNode f : root.get("features")) {
        Geometry g = geometry(f.get("geometry"));
        String code = f.get("properties").get("code").asString();
        if ("parent".equals(f.get("properties").get("role").asString())) {
          parent = g;
        } else {
          children.put(code, g);
        }
      }
      return new CoverageFixtures(parent, children);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GeoJSON Polygon or MultiPolygon as JTS (SRID 4326). */
  static Geometry geometry(JsonNode g) {
    return switch (g.get("type").asString()) {
      case "Polygon" -> polygon(g.get("coordinates"));
      case "MultiPolygon" -> {
        Polygon[] parts = new Polygon[g.get("coordinates").size()];
        for (int i = 0; i < parts.length; i++) {
          parts[i] = polygon(g.get("coordinates").get(i));
        }
        yield LocalMetres.LON_LAT.createMultiPolygon(parts);
      }
      default -> throw new IllegalArgumentException("not polygonal: " + g.get("type"));
    };
  }

  private static Polygon polygon(JsonNode rings) {
    LinearRing[] r = new LinearRing[rings.size()];
    for (int i = 0; i < r.length; i++) {
      JsonNode ring = rings.get(i);
      Coordinate[] c = new Coordinate[ring.size()];
      for (int j = 0; j < c.length; j++) {
        c[j] = new Coordinate(ring.get(j).get(0).asDouble(), ring.get(j).get(1).asDouble());
      }
      r[i] = LocalMetres.LON_LAT.createLinearRing(c);
    }
    LinearRing[] holes = new LinearRing[r.length - 1];
    System.arraycopy(r, 1, holes, 0, holes.length);
    return LocalMetres.LON_LAT.createPolygon(r[0], holes);
  }
}
