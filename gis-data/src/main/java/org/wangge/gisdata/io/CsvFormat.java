package org.wangge.gisdata.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.wangge.gisdata.crs.Crs;

/**
 * CSV with a header row, geometry as x/y columns or a WKT column (Commons CSV). Delimiter comma,
 * semicolon or tab (sniffed from the header line); encoding given, or detected (UTF-8 with or
 * without a BOM, else GBK). A CSV does not say its coordinate system: its crs is null.
 */
final class CsvFormat {

  static final Set<String> X_NAMES = Set.of("lon", "lng", "long", "longitude", "x", "经度", "东经", "xcoord", "point_x");
  static final Set<String> Y_NAMES = Set.of("lat", "latitude", "y", "纬度", "北纬", "ycoord", "point_y");
  static final Set<String> WKT_NAMES = Set.of("wkt", "geometry", "geom", "the_geom", "shape", "几何");

  private CsvFormat() {}

  private static final int BOM = 0xFEFF;

  static final class Source extends AbstractSource {

    private final Map<String, Charset> charsets = new LinkedHashMap<>();
    private final Map<String, Character> delimiters = new LinkedHashMap<>();

    Source(List<Path> files, ReadOptions options) throws IOException {
      super(FileFormat.CSV, options);
      for (Path file : files) {
        Charset charset = options.charset() != null ? options.charset() : Encodings.detect(file, 0);
        char delimiter = sniffDelimiter(file, charset);
        String name = baseName(file);
        List<String> header;
        List<FieldType> types = new ArrayList<>();
        Geometries.Summary summary = new Geometries.Summary();
        GeometryFactory gf = new GeometryFactory();
        WKTReader wktReader = new WKTReader(gf);
        try (Reader r = reader(file, charset); CSVParser p = parser(r, delimiter)) {
          Iterator<CSVRecord> it = p.iterator();
          if (!it.hasNext()) {
            throw new GisFileException("file", GisFileException.Kind.NO_GEOMETRY,
                "the CSV " + file.getFileName() + " is empty; it needs a header row and rows");
          }
          header = header(it.next());
          int[] geom = detect(header, null);
          for (int i = 0; i < header.size(); i++) {
            types.add(null);
          }
          while (it.hasNext()) {
            CSVRecord rec = it.next();
            for (int i = 0; i < header.size() && i < rec.size(); i++) {
              if (isGeometryColumn(geom, i)) {
                continue;
              }
              types.set(i, Values.widen(types.get(i), Values.typeOf(rec.get(i))));
            }
            summary.add(geometry(rec, geom, gf, wktReader));
            if (summary.count % 100_000 == 0) {
              options.report("READING", summary.count, 0);
            }
          }
          int[] g = geom;
          List<Field> fields = new ArrayList<>();
          for (int i = 0; i < header.size(); i++) {
            if (!isGeometryColumn(g, i)) {
              fields.add(new Field(header.get(i), types.get(i) == null ? FieldType.TEXT : types.get(i)));
            }
          }
          String note;
          if (g == null) {
            note = "no geometry columns recognised (lon/lat, x/y, 经度/纬度 or wkt): choose the"
                + " columns and the coordinate system";
          } else {
            double[] e = summary.extentArray();
            note = "a CSV does not name its coordinate system: choose it"
                + (e == null ? "" : String.format(Locale.ROOT,
                    " (coordinates span x %.6f..%.6f, y %.6f..%.6f)", e[0], e[2], e[1], e[3]));
          }
          charsets.put(name, charset);
          delimiters.put(name, delimiter);
          add(new LayerInfo(name, g == null ? null : summary.type, summary.count, fields, null, note,
              summary.extentArray(), charset), file);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
          throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
              "the CSV " + file.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
      }
    }

    @Override
    void readLayer(LayerInfo layer, Path file, GeometryColumns columns, FeatureSink sink)
        throws IOException {
      Charset charset = layer.charset();
      char delimiter = delimiters.getOrDefault(layer.name(), ',');
      int srid = layer.crs() == null ? 0 : layer.crs().epsg().orElse(0);
      GeometryFactory gf = new GeometryFactory(new PrecisionModel(), srid);
      WKTReader wktReader = new WKTReader(gf);
      Map<String, FieldType> types = new LinkedHashMap<>();
      for (Field f : layer.fields()) {
        types.put(f.name(), f.type());
      }
      try (Reader r = reader(file, charset); CSVParser p = parser(r, delimiter)) {
        Iterator<CSVRecord> it = p.iterator();
        if (!it.hasNext()) {
          return;
        }
        List<String> header = header(it.next());
        int[] geom = detect(header, columns);
        long row = 0;
        while (it.hasNext()) {
          CSVRecord rec = it.next();
          row++;
          Map<String, Object> attrs = new LinkedHashMap<>();
          for (int i = 0; i < header.size(); i++) {
            if (isGeometryColumn(geom, i)) {
              continue;
            }
            String text = i < rec.size() ? rec.get(i) : null;
            FieldType t = types.getOrDefault(header.get(i), FieldType.TEXT);
            attrs.put(header.get(i), Values.parse(text, t));
          }
          sink.accept(new SourceFeature(row, geometry(rec, geom, gf, wktReader), attrs));
          if (row % 100_000 == 0) {
            options.report("READING", row, layer.featureCount());
          }
        }
      } catch (IllegalStateException | java.io.UncheckedIOException e) {
        throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
            "the CSV " + file.getFileName() + " cannot be read: " + e.getMessage(), e);
      }
    }
  }

  private static boolean isGeometryColumn(int[] geom, int i) {
    return geom != null && (geom[0] == i || geom[1] == i || geom[2] == i);
  }

  /**
   * Indexes {x, y, wkt} (-1 where unused) of the geometry columns: the ones named, else detected
   * (x/y preferred over wkt); null if none.
   */
  static int[] detect(List<String> header, GeometryColumns columns) throws GisFileException {
    if (columns != null && (columns.x() != null || columns.y() != null || columns.wkt() != null)) {
      if (columns.wkt() != null) {
        int w = index(header, columns.wkt());
        return new int[] {-1, -1, w};
      }
      if (columns.x() == null || columns.y() == null) {
        throw new GisFileException("columns", "name both the x and the y column, or the wkt column");
      }
      return new int[] {index(header, columns.x()), index(header, columns.y()), -1};
    }
    int x = -1;
    int y = -1;
    int w = -1;
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).strip().toLowerCase(Locale.ROOT);
      if (x < 0 && X_NAMES.contains(h)) {
        x = i;
      } else if (y < 0 && Y_NAMES.contains(h)) {
        y = i;
      } else if (w < 0 && WKT_NAMES.contains(h)) {
        w = i;
      }
    }
    if (x >= 0 && y >= 0) {
      return new int[] {x, y, -1};
    }
    if (w >= 0) {
      return new int[] {-1, -1, w};
    }
    return null;
  }

  private static int index(List<String> header, String name) throws GisFileException {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equals(name)) {
        return i;
      }
    }
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).strip().equalsIgnoreCase(name.strip())) {
        return i;
      }
    }
    throw new GisFileException("columns", GisFileException.Kind.UNREADABLE,
        "no column '" + name + "' in the CSV; columns: " + String.join(", ", header));
  }

  private static Geometry geometry(CSVRecord rec, int[] geom, GeometryFactory gf, WKTReader wkt) {
    if (geom == null) {
      return null;
    }
    if (geom[2] >= 0) {
      String text = geom[2] < rec.size() ? rec.get(geom[2]) : null;
      if (text == null || text.isBlank()) {
        return null;
      }
      try {
        return wkt.read(text);
      } catch (ParseException | IllegalArgumentException e) {
        return null;
      }
    }
    String xs = geom[0] < rec.size() ? rec.get(geom[0]) : null;
    String ys = geom[1] < rec.size() ? rec.get(geom[1]) : null;
    if (xs == null || ys == null || xs.isBlank() || ys.isBlank()) {
      return null;
    }
    try {
      return gf.createPoint(new Coordinate(Double.parseDouble(xs.strip()), Double.parseDouble(ys.strip())));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static List<String> header(CSVRecord rec) {
    List<String> h = new ArrayList<>();
    for (int i = 0; i < rec.size(); i++) {
      String name = rec.get(i).strip();
      if (i == 0 && !name.isEmpty() && name.charAt(0) == BOM) {
        name = name.substring(1);
      }
      if (name.isEmpty()) {
        name = "column" + (i + 1);
      }
      String unique = name;
      int n = 2;
      while (h.contains(unique)) {
        unique = name + "_" + n++;
      }
      h.add(unique);
    }
    return h;
  }

  private static Reader reader(Path file, Charset charset) throws IOException {
    InputStream in = Files.newInputStream(file);
    BufferedReader r = new BufferedReader(new InputStreamReader(in, charset), 1 << 16);
    r.mark(1);
    int c = r.read();
    if (c != BOM && c != -1) {
      r.reset();
    }
    return r;
  }

  private static CSVParser parser(Reader r, char delimiter) throws IOException {
    return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get().parse(r);
  }

  private static char sniffDelimiter(Path file, Charset charset) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), charset))) {
      String line = r.readLine();
      if (line == null) {
        return ',';
      }
      int comma = count(line, ',');
      int semi = count(line, ';');
      int tab = count(line, '\t');
      if (tab > comma && tab >= semi) {
        return '\t';
      }
      if (semi > comma) {
        return ';';
      }
      return ',';
    }
  }

  private static int count(String s, char c) {
    int n = 0;
    boolean quoted = false;
    for (char ch : s.toCharArray()) {
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == c && !quoted) {
        n++;
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- writing

  /**
   * Writes one layer: the fields, then {@code wkt}, then for point layers {@code lon}/{@code lat}
   * ({@code x}/{@code y} in a projected system). UTF-8 gets a BOM (spreadsheets need it).
   */
  static long write(OutputLayer layer, Crs crs, OutputStream out, WriteOptions options)
      throws IOException {
    Charset charset = options.charsetOrUtf8();
    Writer w = new OutputStreamWriter(nonClosing(out), charset);
    if (charset.equals(StandardCharsets.UTF_8)) {
      w.write(BOM);
    }
    boolean points = "Point".equalsIgnoreCase(layer.geometryType());
    List<String> header = new ArrayList<>();
    for (Field f : layer.fields()) {
      header.add(f.name());
    }
    header.add("wkt");
    if (points) {
      header.add(crs.projected() ? "x" : "lon");
      header.add(crs.projected() ? "y" : "lat");
    }
    long[] count = {0};
    WKTWriter wktWriter = new WKTWriter();
    int decimals = crs.projected() ? 3 : 8;
    try (CSVPrinter printer =
        CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator("\r\n").get().print(w)) {
      List<Field> fields = layer.fields();
      layer
          .features()
          .produce(
              (wgs84, values) -> {
                List<String> row = new ArrayList<>(header.size());
                for (int i = 0; i < fields.size(); i++) {
                  row.add(Values.text(Values.coerce(i < values.size() ? values.get(i) : null, fields.get(i).type())));
                }
                Geometry g = wgs84 == null ? null : crs.fromWgs84(wgs84);
                row.add(g == null ? null : wktWriter.write(round(g, decimals)));
                if (points) {
                  if (g instanceof Point p && !p.isEmpty()) {
                    row.add(number(p.getX(), decimals));
                    row.add(number(p.getY(), decimals));
                  } else {
                    row.add(null);
                    row.add(null);
                  }
                }
                printer.printRecord(row);
                count[0]++;
                if (count[0] % 100_000 == 0) {
                  options.report("WRITING", count[0], 0);
                }
              });
      printer.flush();
    }
    out.flush();
    return count[0];
  }

  static Geometry round(Geometry g, int decimals) {
    Geometry c = g.copy();
    double scale = Math.pow(10, decimals);
    c.apply(
        new org.locationtech.jts.geom.CoordinateSequenceFilter() {
          @Override
          public void filter(org.locationtech.jts.geom.CoordinateSequence seq, int i) {
            seq.setOrdinate(i, 0, Math.rint(seq.getX(i) * scale) / scale);
            seq.setOrdinate(i, 1, Math.rint(seq.getY(i) * scale) / scale);
          }

          @Override
          public boolean isDone() {
            return false;
          }

          @Override
          public boolean isGeometryChanged() {
            return true;
          }
        });
    return c;
  }

  static String number(double v, int decimals) {
    return java.math.BigDecimal.valueOf(v)
        .setScale(decimals, java.math.RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }

  static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
