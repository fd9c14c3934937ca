package org.wangge.gisdata.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A source whose layers were scanned when opened; each layer is read from its own file. */
abstract class AbstractSource implements FeatureSource {

  private final FileFormat format;
  final ReadOptions options;
  private final Map<String, LayerInfo> layers = new LinkedHashMap<>();
  private final Map<String, Path> files = new LinkedHashMap<>();

  AbstractSource(FileFormat format, ReadOptions options) {
    this.format = format;
    this.options = options == null ? ReadOptions.defaults() : options;
  }

  void add(LayerInfo layer, Path file) {
    String name = layer.name();
    int n = 2;
    while (layers.containsKey(name)) {
      name = layer.name() + "_" + n++;
    }
    LayerInfo l =
        name.equals(layer.name())
            ? layer
            : new LayerInfo(name, layer.geometryType(), layer.featureCount(), layer.fields(),
                layer.crs(), layer.crsNote(), layer.extent(), layer.charset());
    layers.put(name, l);
    files.put(name, file);
  }

  @Override
  public FileFormat format() {
    return format;
  }

  @Override
  public List<LayerInfo> layers() {
    return new ArrayList<>(layers.values());
  }

  @Override
  public void read(String layer, GeometryColumns columns, FeatureSink sink) throws IOException {
    LayerInfo info = layers.get(layer);
    if (info == null) {
      throw new GisFileException("layer", GisFileException.Kind.UNREADABLE,
          "no layer '" + layer + "' in the file; layers: "
              + layers.keySet().stream().collect(Collectors.joining(", ")));
    }
    readLayer(info, files.get(layer), columns, sink);
  }

  abstract void readLayer(LayerInfo layer, Path file, GeometryColumns columns, FeatureSink sink)
      throws IOException;

  @Override
  public void close() throws IOException {}

  static String baseName(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
