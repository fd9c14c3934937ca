package org.wangge.gisdata.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.wangge.gisdata.crs.Crs;

/** Opens GIS files for reading and writes layers in a format and coordinate system. */
public final class GisFiles {

  private GisFiles() {}

  /**
   * Opens a file: .zip (unpacked into {@code workDir} with {@link ZipSafety}; it may hold one or
   * more .shp sets, or .gpkg/.geojson/.fgb/.csv files of one format), .shp (its .dbf/.shx/.prj/.cpg
   * next to it), .gpkg, .geojson/.json, .fgb, .csv/.txt. The layers are scanned (feature count,
   * fields, extent) when opened. On any failure nothing unpacked is left in {@code workDir}.
   *
   * @param workDir where a zip is unpacked; must be empty or absent (unused for other files)
   * @throws GisFileException naming the problem and the fix
   */
  public static FeatureSource open(Path file, Path workDir, ReadOptions options)
      throws GisFileException {
    ReadOptions o = options == null ? ReadOptions.defaults() : options;
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!Files.isRegularFile(file)) {
      throw new GisFileException("file", GisFileException.Kind.UNREADABLE, "no file " + file);
    }
    boolean zip = name.endsWith(".zip") || isZip(file);
    List<Path> files;
    if (zip) {
      o.report("UNPACKING", 0, 0);
      files = ZipSafety.unpack(file, workDir, o.maxExpandedBytes(), o.maxEntries());
    } else {
      files = List.of(file);
    }
    try {
      return openFiles(file.getFileName().toString(), files, o);
    } catch (GisFileException e) {
      if (zip) {
        deleteContents(workDir);
      }
      throw e;
    } catch (IOException | RuntimeException e) {
      if (zip) {
        deleteContents(workDir);
      }
      throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
          "cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  private static boolean isZip(Path file) {
    try (var in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    } catch (IOException e) {
      return false;
    }
  }

  private static FeatureSource openFiles(String original, List<Path> all, ReadOptions o)
      throws IOException {
    List<Path> shp = new ArrayList<>();
    List<Path> gpkg = new ArrayList<>();
    List<Path> geojson = new ArrayList<>();
    List<Path> fgb = new ArrayList<>();
    List<Path> csv = new ArrayList<>();
    for (Path p : all) {
      String n = p.getFileName().toString();
      if (n.startsWith(".") || p.toString().contains("__MACOSX")) {
        continue;
      }
      String l = n.toLowerCase(Locale.ROOT);
      if (l.endsWith(".shp")) {
        shp.add(p);
      } else if (l.endsWith(".gpkg")) {
        gpkg.add(p);
      } else if (l.endsWith(".geojson") || l.endsWith(".json")) {
        geojson.add(p);
      } else if (l.endsWith(".fgb")) {
        fgb.add(p);
      } else if (l.endsWith(".csv") || l.endsWith(".txt")) {
        csv.add(p);
      }
    }
    if (!shp.isEmpty()) {
      return new ShapefileFormat.Source(shp, o);
    }
    if (!gpkg.isEmpty()) {
      return new GeoPackageFormat.Source(gpkg, o);
    }
    if (!fgb.isEmpty()) {
      return new FlatGeobufFormat.Source(fgb, o);
    }
    if (!geojson.isEmpty()) {
      return new GeoJsonFormat.Source(geojson, o);
    }
    if (!csv.isEmpty()) {
      return new CsvFormat.Source(csv, o);
    }
    throw new GisFileException("file", GisFileException.Kind.UNSUPPORTED,
        original + " is not a file Wangge reads; send a zipped shapefile (.shp with .dbf, .shx,"
            + " .prj), a GeoPackage (.gpkg), GeoJSON (.geojson), FlatGeobuf (.fgb) or CSV (.csv)");
  }

  /**
   * Writes layers in one format and system to {@code out} (not closed). SHAPEFILE: always a zip
   * (one .shp/.shx/.dbf/.prj/.cpg set per layer). GEOPACKAGE: one .gpkg, one table per layer.
   * GEOJSON / FLATGEOBUF / CSV: one layer → the plain file; several → a zip with one file per
   * layer. Geometries arrive in WGS84 and are converted to {@code crs}; each layer's producer is
   * pulled once.
   */
  public static void write(FileFormat format, Crs crs, List<OutputLayer> layers, OutputStream out,
      WriteOptions options) throws IOException {
    WriteOptions o = options == null ? WriteOptions.defaults() : options;
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("no layers to write");
    }
    switch (format) {
      case SHAPEFILE -> ShapefileFormat.write(layers, crs, out, o);
      case GEOPACKAGE -> GeoPackageFormat.write(layers, crs, out, o);
      case GEOJSON, FLATGEOBUF, CSV -> {
        if (layers.size() == 1) {
          writeOne(format, layers.get(0), crs, out, o);
        } else {
          ZipOutputStream zip = new ZipOutputStream(CsvFormat.nonClosing(out));
          List<String> used = new ArrayList<>();
          for (OutputLayer layer : layers) {
            String entry = uniqueName(safeName(layer.name()), used) + "." + format.fileExtension();
            zip.putNextEntry(new ZipEntry(entry));
            writeOne(format, layer, crs, CsvFormat.nonClosing(zip), o);
            zip.closeEntry();
          }
          zip.finish();
          out.flush();
        }
      }
      default -> throw new IllegalStateException(format.name());
    }
  }

  private static long writeOne(FileFormat format, OutputLayer layer, Crs crs, OutputStream out,
      WriteOptions o) throws IOException {
    return switch (format) {
      case GEOJSON -> GeoJsonFormat.write(layer, crs, out, o);
      case CSV -> CsvFormat.write(layer, crs, out, o);
      case FLATGEOBUF -> FlatGeobufFormat.write(layer, crs, out, o);
      default -> throw new IllegalStateException(format.name());
    };
  }

  /**
   * The file name an export should carry: {@code base} + ".zip" for shapefiles and for several
   * layers of GeoJSON/FlatGeobuf/CSV, else the format's extension.
   */
  public static String fileName(String base, FileFormat format, int layerCount) {
    if (format == FileFormat.GEOPACKAGE) {
      return base + ".gpkg";
    }
    if (format == FileFormat.SHAPEFILE || layerCount > 1) {
      return base + ".zip";
    }
    return base + "." + format.fileExtension();
  }

  /** A layer name usable as a file or table name (letters, digits, _ and -, CJK kept). */
  static String safeName(String name) {
    String s = name == null ? "" : name.replaceAll("[\\\\/:*?\"<>|\\s.]+", "_");
    return s.isEmpty() ? "layer" : s;
  }

  static String uniqueName(String name, List<String> used) {
    String n = name;
    int i = 2;
    while (used.contains(n.toLowerCase(Locale.ROOT))) {
      n = name + "_" + i++;
    }
    used.add(n.toLowerCase(Locale.ROOT));
    return n;
  }

  static void deleteContents(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .filter(p -> !p.equals(dir))
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // best effort
                }
              });
    } catch (IOException ignored) {
      // best effort
    }
  }

  /** Deletes a directory and everything in it (best effort). */
  static void deleteTree(Path dir) {
    deleteContents(dir);
    try {
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // best effort
    }
  }
}
