package org.wangge.gisdata.io;

import java.io.IOException;

/** Receives the features of a layer as they are read. */
@FunctionalInterface
public interface FeatureSink {
  void accept(SourceFeature f) throws IOException;
}
