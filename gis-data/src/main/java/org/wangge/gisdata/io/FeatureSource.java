package org.wangge.gisdata.io;

import java.io.IOException;
import java.util.List;

/** An opened GIS file: its layers, readable one at a time, streaming. Not thread-safe. */
public interface FeatureSource extends AutoCloseable {

  FileFormat format();

  List<LayerInfo> layers();

  /**
   * Streams one layer's features in file order, in constant memory.
   *
   * @param columns CSV only (null = as detected); ignored by the other formats
   * @throws GisFileException (field "layer") for an unknown layer, (field "columns") for unknown
   *     CSV columns
   */
  void read(String layer, GeometryColumns columns, FeatureSink sink) throws IOException;

  @Override
  void close() throws IOException;
}
