package org.wangge.gisdata.io;

import java.io.IOException;
import java.util.List;

/** TEMPORARY stub (contract §2). */
public interface FeatureSource extends AutoCloseable {
  FileFormat format();

  List<LayerInfo> layers();

  void read(String layer, GeometryColumns columns, FeatureSink sink) throws IOException;

  @Override
  void close() throws IOException;
}
