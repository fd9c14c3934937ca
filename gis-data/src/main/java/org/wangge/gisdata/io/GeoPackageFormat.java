package org.wangge.gisdata.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.wangge.gisdata.crs.Crs;

/** GEOPACKAGE: not yet implemented in this commit. */
final class GeoPackageFormat {

  private GeoPackageFormat() {}

  static final class Source extends AbstractSource {
    Source(List<Path> files, ReadOptions options) throws IOException {
      super(FileFormat.GEOPACKAGE, options);
      throw new GisFileException("file", GisFileException.Kind.UNSUPPORTED, "GEOPACKAGE is not readable yet");
    }

    @Override
    void readLayer(LayerInfo layer, Path file, GeometryColumns columns, FeatureSink sink) {}
  }

  static void write(List<OutputLayer> layers, Crs crs, OutputStream out, WriteOptions options) throws IOException {
    throw new GisFileException("format", GisFileException.Kind.UNSUPPORTED, "GEOPACKAGE is not writable yet");
  }
}
