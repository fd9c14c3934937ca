package org.wangge.gisdata.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.wangge.gisdata.crs.Crs;
import org.wangge.gisdata.io.FeatureSource;
import org.wangge.gisdata.io.Field;
import org.wangge.gisdata.io.FileFormat;
import org.wangge.gisdata.io.GeometryColumns;
import org.wangge.gisdata.io.GisFileException;
import org.wangge.gisdata.io.GisFiles;
import org.wangge.gisdata.io.LayerInfo;
import org.wangge.gisdata.io.OutputLayer;
import org.wangge.gisdata.io.ReadOptions;
import org.wangge.gisdata.io.WriteOptions;

/** {@code convert IN OUT}: any format and system to any other, offline. */
final class ConvertCommand {

  static final String USAGE =
      """
      convert IN OUT [--crs EPSG:4547] [--from-crs CRS] [--format F] [--encoding UTF-8|GBK]
                     [--input-encoding UTF-8|GBK] [--layer NAME] [--x COL --y COL | --wkt COL]
        Converts a GIS file (zipped or plain shapefile, GeoPackage, GeoJSON, FlatGeobuf, CSV) to
        another format and coordinate system, streaming. --format defaults from OUT's extension
        (.zip = shapefile); --crs defaults to the input's system; --from-crs is needed when the
        input does not say its system (a CSV, a shapefile without .prj). --encoding is the output
        attribute encoding (shapefile, CSV). Progress on standard error.\
      """;

  static final Set<String> VALUES = Set.of("--crs", "--from-crs", "--format", "--encoding",
      "--input-encoding", "--layer", "--x", "--y", "--wkt");

  private ConvertCommand() {}

  /** What convert was asked to do, checked. */
  record Request(Path in, Path out, FileFormat format, Crs crs, Crs fromCrs, Charset encoding,
      Charset inputEncoding, String layer, GeometryColumns columns) {}

  static Request request(String[] args) throws GisDataCommand.UsageException {
    Options o = Options.parse(args, VALUES, Set.of(), Map.of("-o", "--out"));
    if (o.positional.size() != 2) {
      throw new GisDataCommand.UsageException("convert needs IN and OUT, got " + o.positional.size()
          + " file argument(s)");
    }
    Path in = Path.of(o.positional.get(0));
    Path out = Path.of(o.positional.get(1));
    FileFormat format;
    if (o.has("--format")) {
      try {
        format = FileFormat.parse(o.get("--format"));
      } catch (IllegalArgumentException e) {
        throw new GisDataCommand.UsageException("--format: " + e.getMessage());
      }
    } else {
      format = FileFormat.fromFileName(out.getFileName().toString()).orElseThrow(() ->
          new GisDataCommand.UsageException("--format: cannot tell the format from '" + out.getFileName()
              + "'; give --format (" + FileFormat.ACCEPTED_NAMES + ")"));
    }
    GeometryColumns columns = null;
    if (o.has("--x") || o.has("--y") || o.has("--wkt")) {
      if (o.has("--wkt") == (o.has("--x") || o.has("--y")) || (!o.has("--wkt") && !(o.has("--x") && o.has("--y")))) {
        throw new GisDataCommand.UsageException("--x/--y/--wkt: give both --x and --y, or --wkt");
      }
      columns = new GeometryColumns(o.get("--x"), o.get("--y"), o.get("--wkt"));
    }
    return new Request(in, out, format, crs(o, "--crs"), crs(o, "--from-crs"),
        charset(o, "--encoding"), charset(o, "--input-encoding"), o.get("--layer"), columns);
  }

  static Crs crs(Options o, String name) throws GisDataCommand.UsageException {
    if (!o.has(name)) {
      return null;
    }
    try {
      return Crs.parse(o.get(name));
    } catch (IllegalArgumentException e) {
      throw new GisDataCommand.UsageException(name + ": " + e.getMessage());
    }
  }

  static Charset charset(Options o, String name) throws GisDataCommand.UsageException {
    if (!o.has(name)) {
      return null;
    }
    String v = o.get(name).strip().toUpperCase(Locale.ROOT);
    return switch (v) {
      case "UTF-8", "UTF8" -> java.nio.charset.StandardCharsets.UTF_8;
      case "GBK", "CP936", "936", "GB2312" -> Charset.forName("GBK");
      case "GB18030" -> Charset.forName("GB18030");
      default -> throw new GisDataCommand.UsageException(name + ": UTF-8 or GBK, not '" + o.get(name) + "'");
    };
  }

  static int run(Request r, PrintStream out, PrintStream err) throws IOException {
    Path work = Files.createTempDirectory("wangge-convert");
    ProgressLine line = new ProgressLine(err);
    long start = System.nanoTime();
    try (FeatureSource src = GisFiles.open(r.in(), work.resolve("in"),
        ReadOptions.defaults().withCharset(r.inputEncoding()))) {
      List<LayerInfo> layers = new ArrayList<>();
      for (LayerInfo l : src.layers()) {
        if (r.layer() == null || r.layer().equals(l.name())) {
          layers.add(l);
        }
      }
      if (layers.isEmpty()) {
        err.println("error: --layer: no layer '" + r.layer() + "' in " + r.in().getFileName() + "; layers: "
            + src.layers().stream().map(LayerInfo::name).toList());
        return 2;
      }
      Crs target = r.crs();
      List<OutputLayer> output = new ArrayList<>();
      for (LayerInfo l : layers) {
        Crs from = r.fromCrs() != null ? r.fromCrs() : l.crs();
        if (from == null) {
          err.println("error: --from-crs: layer " + l.name() + " does not say its coordinate system ("
              + l.crsNote() + "); give --from-crs, e.g. --from-crs EPSG:4547");
          return 2;
        }
        if (target == null) {
          target = from;
        }
        err.printf(Locale.ROOT, "%s: %,d features, %s, %s%s%n", l.name(), l.featureCount(),
            l.geometryType(), from.code(), l.charset() == null ? "" : ", " + l.charset().name());
        List<Field> fields = l.fields();
        String geometryType = l.geometryType();
        if (geometryType == null) {
          geometryType = "Point";
        }
        output.add(new OutputLayer(l.name(), geometryType, fields, sink -> {
          long[] n = {0};
          src.read(l.name(), r.columns(), f -> {
            Geometry g = f.geometry() == null ? null : from.toWgs84(f.geometry());
            List<Object> values = new ArrayList<>(fields.size());
            for (Field field : fields) {
              values.add(f.attributes().get(field.name()));
            }
            sink.accept(g, values);
            n[0]++;
            line.show("CONVERTING " + l.name(), n[0], l.featureCount(), false);
          });
          line.show("CONVERTING " + l.name(), n[0], l.featureCount(), true);
          line.done();
        }));
      }
      Path outFile = r.out();
      if (outFile.toAbsolutePath().getParent() != null) {
        Files.createDirectories(outFile.toAbsolutePath().getParent());
      }
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(outFile), 1 << 16)) {
        GisFiles.write(r.format(), target, output, os, new WriteOptions(r.encoding(), null));
      }
      out.printf(Locale.ROOT, "wrote %s (%s, %s, %d layer(s), %.1f MB) in %.1f s%n", outFile,
          r.format(), target.code(), output.size(), Files.size(outFile) / 1e6,
          (System.nanoTime() - start) / 1e9);
      return 0;
    } catch (GisFileException e) {
      line.done();
      err.println("error: " + e.field() + ": " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      line.done();
      err.println("error: " + e.getMessage());
      return 1;
    } finally {
      deleteTree(work);
    }
  }

  static void deleteTree(Path dir) {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
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
}
