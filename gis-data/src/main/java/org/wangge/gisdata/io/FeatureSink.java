package org.wangge.gisdata.io;

import java.io.IOException;

/** TEMPORARY stub (contract §2). */
@FunctionalInterface
public interface FeatureSink {
  void accept(SourceFeature f) throws IOException;
}
