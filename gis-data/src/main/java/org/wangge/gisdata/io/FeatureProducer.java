package org.wangge.gisdata.io;

import java.io.IOException;

/** Produces a layer's features into a sink, once. */
@FunctionalInterface
public interface FeatureProducer {
  void produce(OutputSink sink) throws IOException;
}
