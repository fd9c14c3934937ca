package org.wangge.gisdata.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.wangge.gisdata.crs.Crs;

/** FLATGEOBUF: not yet implemented in this commit. */
final class FlatGeobufFormat {

  private FlatGeobufFormat() {}

  static final class Source extends AbstractSource {
    Source(List<Path> files, ReadOptions options) throws IOException {
      super(FileFormat.FLATGEOBUF, options);
      throw new GisFileException("file", GisFileException.Kind.UNSUPPORTED, "FLATGEOBUF is not readable yet");
    }

    @Override
    void readLayer(LayerInfo layer, Path file, GeometryColumns columns, FeatureSink sink) {}
  }

  static long write(OutputLayer layer, Crs crs, OutputStream out, WriteOptions options) throws IOException {
    throw new GisFileException("format", GisFileException.Kind.UNSUPPORTED, "FLATGEOBUF is not writable yet");
  }
}
