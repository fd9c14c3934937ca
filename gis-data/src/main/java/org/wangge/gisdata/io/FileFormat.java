package org.wangge.gisdata.io;

import java.util.Locale;
import java.util.Optional;

/** The GIS file formats read and written. */
public enum FileFormat {
  SHAPEFILE("zip", "application/zip"),
  GEOPACKAGE("gpkg", "application/geopackage+sqlite3"),
  GEOJSON("geojson", "application/geo+json"),
  FLATGEOBUF("fgb", "application/flatgeobuf"),
  CSV("csv", "text/csv");

  /** Names {@link #parse} accepts. */
  public static final String ACCEPTED_NAMES =
      "shapefile (shp), geopackage (gpkg), geojson, flatgeobuf (fgb), csv";

  private final String extension;
  private final String mediaType;

  FileFormat(String extension, String mediaType) {
    this.extension = extension;
    this.mediaType = mediaType;
  }

  /**
   * The format a file name suggests: .zip and .shp → SHAPEFILE (a zip is looked into when opened:
   * it may hold .shp sets, or .gpkg/.geojson/.fgb/.csv files), .gpkg, .geojson/.json, .fgb,
   * .csv/.txt. Empty for anything else.
   */
  public static Optional<FileFormat> fromFileName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    String ext = dot < 0 ? "" : n.substring(dot + 1);
    return switch (ext) {
      case "zip", "shp" -> Optional.of(SHAPEFILE);
      case "gpkg" -> Optional.of(GEOPACKAGE);
      case "geojson", "json" -> Optional.of(GEOJSON);
      case "fgb" -> Optional.of(FLATGEOBUF);
      case "csv", "txt" -> Optional.of(CSV);
      default -> Optional.empty();
    };
  }

  /**
   * The format with this name: "shapefile"/"shp", "geopackage"/"gpkg", "geojson",
   * "flatgeobuf"/"fgb", "csv"; case-insensitive.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static FileFormat parse(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "shapefile", "shp", "esri shapefile" -> SHAPEFILE;
      case "geopackage", "gpkg" -> GEOPACKAGE;
      case "geojson", "json" -> GEOJSON;
      case "flatgeobuf", "fgb" -> FLATGEOBUF;
      case "csv" -> CSV;
      default ->
          throw new IllegalArgumentException(
              "unknown format '" + name + "'; accepted: " + ACCEPTED_NAMES);
    };
  }

  /** "zip" for SHAPEFILE, "gpkg", "geojson", "fgb", "csv". */
  public String fileExtension() {
    return extension;
  }

  /** The media type of the file (a zip for SHAPEFILE). */
  public String mediaType() {
    return mediaType;
  }
}
