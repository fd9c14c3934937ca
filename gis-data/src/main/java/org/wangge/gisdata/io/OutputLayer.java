package org.wangge.gisdata.io;

import java.util.List;

/**
 * A layer to write: its features come from {@code features}, pulled once, each with its values in
 * the order of {@code fields}.
 *
 * @param geometryType "MultiPolygon", "Polygon", "Point", "MultiPoint", "LineString",
 *     "MultiLineString" (or null/"Geometry" for mixed, not for shapefiles)
 */
public record OutputLayer(
    String name, String geometryType, List<Field> fields, FeatureProducer features) {
  public OutputLayer {
    fields = List.copyOf(fields);
  }
}
