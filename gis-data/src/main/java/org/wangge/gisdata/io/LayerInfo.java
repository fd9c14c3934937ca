package org.wangge.gisdata.io;

import java.nio.charset.Charset;
import java.util.List;
import org.wangge.gisdata.crs.Crs;

/**
 * What the reader found in one layer. {@code crs == null} means the file does not say (or says
 * something that cannot be recognised): the user must choose. {@code crsNote} says why, in words.
 *
 * @param geometryType "Point", "MultiPolygon", …; null if the layer has no geometry
 * @param extent minX, minY, maxX, maxY in the layer's own coordinates; null if empty
 * @param charset attribute encoding used (shapefile, CSV), else null
 */
public record LayerInfo(
    String name,
    String geometryType,
    long featureCount,
    List<Field> fields,
    Crs crs,
    String crsNote,
    double[] extent,
    Charset charset) {
  public LayerInfo {
    fields = List.copyOf(fields);
  }
}
