package org.wangge.gisdata.io;

import java.util.Optional;

/** TEMPORARY stub (contract §2). */
public enum FileFormat {
  SHAPEFILE, GEOPACKAGE, GEOJSON, FLATGEOBUF, CSV;

  public static Optional<FileFormat> fromFileName(String name) {
    String n = name.toLowerCase();
    if (n.endsWith(".zip") || n.endsWith(".shp")) return Optional.of(SHAPEFILE);
    if (n.endsWith(".gpkg")) return Optional.of(GEOPACKAGE);
    if (n.endsWith(".geojson") || n.endsWith(".json")) return Optional.of(GEOJSON);
    if (n.endsWith(".fgb")) return Optional.of(FLATGEOBUF);
    if (n.endsWith(".csv") || n.endsWith(".txt")) return Optional.of(CSV);
    return Optional.empty();
  }
}
