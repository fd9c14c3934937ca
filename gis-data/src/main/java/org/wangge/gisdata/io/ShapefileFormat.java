package org.wangge.gisdata.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.h2gis.functions.io.dbf.internal.DbaseFileHeader;
import org.h2gis.functions.io.shp.internal.IndexFile;
import org.h2gis.functions.io.shp.internal.ShapeType;
import org.h2gis.functions.io.shp.internal.ShapefileReader;
import org.h2gis.functions.io.shp.internal.ShapefileWriter;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.wangge.gisdata.crs.Crs;

/**
 * ESRI shapefiles with H2GIS's driver classes (no database): geometries through its {@code
 * ShapefileReader}/{@code IndexFile}/{@code ShapefileWriter}, the .dbf header through its {@code
 * DbaseFileHeader}. The .dbf records are encoded and decoded here, sequentially: H2GIS's record
 * reader returns no dates and its writer counts multi-byte GBK widths wrongly (it would drop long
 * Chinese names).
 *
 * <p>Encoding: the option, else the .cpg (UTF-8, GBK, 936, CP936, GB2312, GB18030…), else the
 * .dbf language byte when it says GBK, else detected from the records (valid UTF-8 → UTF-8, else
 * GBK). Written files carry a .cpg ("UTF-8" or "GBK") and the matching language byte.
 *
 * <p>Writing streams: geometries go to the .shp as they come; attribute values go to a temporary
 * file so that the .dbf field widths can be fitted to the longest value before the .dbf is
 * written.
 */
final class ShapefileFormat {

  private ShapefileFormat() {}

  // ---------------------------------------------------------------- reading

  static final class Source extends AbstractSource {

    private final Map<String, Charset> charsets = new LinkedHashMap<>();

    Source(List<Path> shpFiles, ReadOptions options) throws IOException {
      super(FileFormat.SHAPEFILE, options);
      for (Path shp : shpFiles) {
        String name = baseName(shp);
        Path dbf = sibling(shp, "dbf");
        Path shx = sibling(shp, "shx");
        if (shx == null) {
          throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
              "the shapefile " + shp.getFileName() + " has no .shx next to it; zip the whole set"
                  + " (.shp, .shx, .dbf, .prj, .cpg)");
        }
        Path prj = sibling(shp, "prj");
        Path cpg = sibling(shp, "cpg");
        Charset charset = charset(dbf, cpg, options.charset());
        Crs crs = null;
        String note;
        if (prj == null) {
          note = "no .prj next to " + shp.getFileName() + ": the file does not say its coordinate system";
        } else {
          String wkt = Files.readString(prj, StandardCharsets.ISO_8859_1).strip();
          Optional<Crs> c = Crs.fromWkt(wkt);
          crs = c.orElse(null);
          note = c.isPresent()
              ? "from the .prj (" + abbreviate(wkt, 80) + ")"
              : ".prj names an unknown coordinate system: " + abbreviate(wkt, 200);
        }
        List<org.wangge.gisdata.io.Field> fields = new ArrayList<>();
        long count;
        String geometryType;
        double[] extent;
        try (FileChannel shpChannel = FileChannel.open(shp);
            FileChannel shxChannel = FileChannel.open(shx)) {
          ShapefileReader reader = new ShapefileReader(shpChannel);
          IndexFile index = new IndexFile(shxChannel);
          count = index.getRecordCount();
          ShapeType type = reader.getHeader().getShapeType();
          geometryType = geometryType(type);
          extent = count == 0 ? null : new double[] {
              reader.getHeader().minX(), reader.getHeader().minY(),
              reader.getHeader().maxX(), reader.getHeader().maxY()};
        } catch (IOException | RuntimeException e) {
          throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
              "the shapefile " + shp.getFileName() + " cannot be read (" + e.getMessage()
                  + "); export it again", e);
        }
        if (dbf != null) {
          DbaseFileHeader header = dbfHeader(dbf, charset);
          for (int i = 0; i < header.getNumFields(); i++) {
            fields.add(new org.wangge.gisdata.io.Field(header.getFieldName(i), fieldType(header, i)));
          }
        }
        charsets.put(name, charset);
        add(new LayerInfo(name, geometryType, count, fields, crs, note, extent, charset), shp);
      }
    }

    @Override
    void readLayer(LayerInfo layer, Path shp, GeometryColumns columns, FeatureSink sink)
        throws IOException {
      Path dbf = sibling(shp, "dbf");
      Path shx = sibling(shp, "shx");
      Charset charset = charsets.get(layer.name());
      int srid = layer.crs() == null ? 0 : layer.crs().epsg().orElse(0);
      try (FileChannel shpChannel = FileChannel.open(shp);
          FileChannel shxChannel = FileChannel.open(shx);
          DbfRecords records = dbf == null ? null : new DbfRecords(dbf, charset)) {
        ShapefileReader reader = new ShapefileReader(shpChannel);
        IndexFile index = new IndexFile(shxChannel);
        int n = index.getRecordCount();
        for (int i = 0; i < n; i++) {
          Geometry g;
          try {
            g = reader.geomAt(index.getOffset(i));
          } catch (RuntimeException e) {
            throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
                "the shape of row " + (i + 1) + " in " + shp.getFileName() + " cannot be read ("
                    + e + "); export the file again", e);
          }
          if (g != null) {
            if (g.isEmpty() && g instanceof MultiPolygon) {
              g = null; // H2GIS's null polygon shape
            } else {
              g.setSRID(srid);
            }
          }
          Map<String, Object> attrs = records == null ? new LinkedHashMap<>() : records.next();
          sink.accept(new SourceFeature(i + 1, g, attrs));
          if ((i + 1) % 100_000 == 0) {
            options.report("READING", i + 1, n);
          }
        }
      }
    }
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }

  /** The file with the same base name and this extension (any case), or null. */
  static Path sibling(Path shp, String ext) throws IOException {
    String base = AbstractSource.baseName(shp).toLowerCase(Locale.ROOT);
    Path dir = shp.toAbsolutePath().getParent();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).equals(base + "." + ext))
          .findFirst()
          .orElse(null);
    }
  }

  static String geometryType(ShapeType type) {
    if (type.isPointType()) {
      return "Point";
    }
    if (type.isMultiPointType()) {
      return "MultiPoint";
    }
    if (type.isLineType()) {
      return "MultiLineString";
    }
    if (type.isPolygonType()) {
      return "MultiPolygon";
    }
    return null;
  }

  private static Charset charset(Path dbf, Path cpg, Charset forced) throws IOException {
    if (forced != null) {
      return forced;
    }
    if (cpg != null) {
      String text = Files.readString(cpg, StandardCharsets.ISO_8859_1);
      Optional<Charset> c = Encodings.named(text);
      if (c.isPresent()) {
        return c.get();
      }
    }
    if (dbf == null) {
      return StandardCharsets.UTF_8;
    }
    byte[] head = new byte[32];
    int headerLength;
    try (InputStream in = Files.newInputStream(dbf)) {
      int n = in.readNBytes(head, 0, 32);
      if (n < 32) {
        return StandardCharsets.UTF_8;
      }
      headerLength = (head[8] & 0xff) | ((head[9] & 0xff) << 8);
    }
    int ldid = head[29] & 0xff;
    if (ldid == 0x4d || ldid == 0x7a) {
      return Encodings.GBK;
    }
    return Encodings.detect(dbf, headerLength);
  }

  private static DbaseFileHeader dbfHeader(Path dbf, Charset charset) throws IOException {
    try (FileChannel ch = FileChannel.open(dbf)) {
      DbaseFileHeader header = new DbaseFileHeader();
      header.readHeader(ch, charset.name());
      return header;
    } catch (IOException | RuntimeException e) {
      throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
          "the .dbf " + dbf.getFileName() + " cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static FieldType fieldType(DbaseFileHeader h, int i) {
    return switch (Character.toUpperCase(h.getFieldType(i))) {
      case 'N' -> h.getFieldDecimalCount(i) == 0 && h.getFieldLength(i) <= 18 ? FieldType.INTEGER : FieldType.DECIMAL;
      case 'F', 'O' -> FieldType.DECIMAL;
      case 'L' -> FieldType.BOOLEAN;
      case 'D' -> FieldType.DATE;
      case 'I', '+' -> FieldType.INTEGER;
      default -> FieldType.TEXT;
    };
  }

  /** Reads .dbf records one after the other. */
  private static final class DbfRecords implements AutoCloseable {
    private final DbaseFileHeader header;
    private final DataInputStream in;
    private final Charset charset;
    private final byte[] record;
    private final int[] offsets;
    private final FieldType[] types;
    private final String[] names;
    private final int count;
    private int read;

    DbfRecords(Path dbf, Charset charset) throws IOException {
      this.header = dbfHeader(dbf, charset);
      this.charset = charset;
      this.count = header.getNumRecords();
      InputStream raw = new BufferedInputStream(Files.newInputStream(dbf), 1 << 16);
      raw.skipNBytes(header.getHeaderLength());
      this.in = new DataInputStream(raw);
      this.record = new byte[header.getRecordLength()];
      int n = header.getNumFields();
      offsets = new int[n + 1];
      types = new FieldType[n];
      names = new String[n];
      offsets[0] = 1;
      for (int i = 0; i < n; i++) {
        offsets[i + 1] = offsets[i] + header.getFieldLength(i);
        types[i] = fieldType(header, i);
        names[i] = header.getFieldName(i);
      }
    }

    Map<String, Object> next() throws IOException {
      Map<String, Object> out = new LinkedHashMap<>();
      if (read >= count) {
        for (String n : names) {
          out.put(n, null);
        }
        return out;
      }
      try {
        in.readFully(record);
      } catch (java.io.EOFException e) {
        throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
            "the .dbf ends before record " + (read + 1) + " of " + count + "; export the file again");
      }
      read++;
      for (int i = 0; i < names.length; i++) {
        out.put(names[i], value(i));
      }
      return out;
    }

    private Object value(int i) {
      int start = offsets[i];
      int end = Math.min(offsets[i + 1], record.length);
      char type = Character.toUpperCase(header.getFieldType(i));
      if (type == 'C' || types[i] == FieldType.TEXT) {
        int s = start;
        int e = end;
        while (e > s && (record[e - 1] == ' ' || record[e - 1] == 0)) {
          e--;
        }
        while (s < e && record[s] == ' ') {
          s++;
        }
        if (s == e) {
          return null;
        }
        int nul = s;
        while (nul < e && record[nul] != 0) {
          nul++;
        }
        return new String(record, s, nul - s, charset);
      }
      String text = new String(record, start, end - start, StandardCharsets.ISO_8859_1).strip();
      if (text.isEmpty() || text.startsWith("*") || text.chars().allMatch(c -> c == 0)) {
        return null;
      }
      switch (types[i]) {
        case INTEGER -> {
          try {
            return Long.parseLong(text);
          } catch (NumberFormatException e) {
            try {
              return (long) Double.parseDouble(text);
            } catch (NumberFormatException e2) {
              return null;
            }
          }
        }
        case DECIMAL -> {
          try {
            return Double.parseDouble(text.replace(',', '.'));
          } catch (NumberFormatException e) {
            return null;
          }
        }
        case BOOLEAN -> {
          char c = Character.toUpperCase(text.charAt(0));
          return c == 'T' || c == 'Y' ? Boolean.TRUE : c == 'F' || c == 'N' ? Boolean.FALSE : null;
        }
        case DATE -> {
          if (text.length() != 8 || text.equals("00000000")) {
            return null;
          }
          try {
            return LocalDate.of(Integer.parseInt(text.substring(0, 4)),
                Integer.parseInt(text.substring(4, 6)), Integer.parseInt(text.substring(6, 8)));
          } catch (RuntimeException e) {
            return null;
          }
        }
        default -> {
          return text;
        }
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  // ---------------------------------------------------------------- writing

  static void write(List<OutputLayer> layers, Crs crs, OutputStream out, WriteOptions options)
      throws IOException {
    Path tmp = Files.createTempDirectory("wangge-shp");
    try {
      ZipOutputStream zip = new ZipOutputStream(CsvFormat.nonClosing(out));
      List<String> used = new ArrayList<>();
      for (OutputLayer layer : layers) {
        String base = GisFiles.uniqueName(GisFiles.safeName(layer.name()), used);
        Path dir = Files.createDirectory(tmp.resolve("l" + used.size()));
        writeLayer(layer, crs, dir, base, options);
        for (String ext : List.of("shp", "shx", "dbf", "prj", "cpg")) {
          Path f = dir.resolve(base + "." + ext);
          zip.putNextEntry(new ZipEntry(base + "." + ext));
          Files.copy(f, zip);
          zip.closeEntry();
        }
        GisFiles.deleteTree(dir);
      }
      zip.finish();
      out.flush();
    } finally {
      GisFiles.deleteTree(tmp);
    }
  }

  static ShapeType shapeType(String geometryType) {
    String t = geometryType == null ? "" : geometryType;
    return switch (t) {
      case "Point" -> ShapeType.POINT;
      case "MultiPoint" -> ShapeType.MULTIPOINT;
      case "LineString", "MultiLineString" -> ShapeType.ARC;
      case "Polygon", "MultiPolygon" -> ShapeType.POLYGON;
      default ->
          throw new IllegalArgumentException(
              "a shapefile holds one kind of geometry: Point, MultiPoint, (Multi)LineString or"
                  + " (Multi)Polygon, not '" + geometryType + "'");
    };
  }

  /** Writes base.shp/.shx/.dbf/.prj/.cpg into dir. */
  static long writeLayer(OutputLayer layer, Crs crs, Path dir, String base, WriteOptions options)
      throws IOException {
    Charset charset = options.charsetOrUtf8();
    boolean gbk = !charset.equals(StandardCharsets.UTF_8);
    ShapeType type = shapeType(layer.geometryType());
    List<org.wangge.gisdata.io.Field> fields = layer.fields();
    int n = fields.size();
    int[] widths = new int[n];
    Path values = dir.resolve(base + ".values.tmp");
    long count = 0;
    try (FileChannel shp = FileChannel.open(dir.resolve(base + ".shp"), StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileChannel shx = FileChannel.open(dir.resolve(base + ".shx"), StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, StandardOpenOption.READ);
        DataOutputStream tmp = new DataOutputStream(new BufferedOutputStream(
            Files.newOutputStream(values), 1 << 16))) {
      ShapefileWriter writer = new ShapefileWriter(shp, shx);
      writer.writeHeaders(type);
      initBounds(writer);
      long[] c = {0};
      layer.features().produce((wgs84, vals) -> {
        Geometry g = wgs84 == null || wgs84.isEmpty() ? null : forShape(crs.fromWgs84(wgs84), type);
        writer.writeGeometry(g);
        for (int i = 0; i < n; i++) {
          Object v = Values.coerce(i < vals.size() ? vals.get(i) : null, fields.get(i).type());
          byte[] b = encode(v, fields.get(i).type(), charset);
          if (b == null) {
            tmp.writeShort(-1);
          } else {
            tmp.writeShort(b.length);
            tmp.write(b);
            widths[i] = Math.max(widths[i], b.length);
          }
        }
        c[0]++;
        if (c[0] % 100_000 == 0) {
          options.report("WRITING", c[0], 0);
        }
      });
      count = c[0];
      writer.writeHeaders(type);
      writer.close();
    }
    // .dbf: header with fitted widths, then the records from the temporary file.
    DbaseFileHeader header = new DbaseFileHeader();
    header.setEncoding(gbk ? "cp936" : "UTF-8");
    List<String> names = new ArrayList<>();
    char[] dbfTypes = new char[n];
    int[] fieldWidths = new int[n];
    for (int i = 0; i < n; i++) {
      org.wangge.gisdata.io.Field f = fields.get(i);
      String name = dbfName(f.name(), names, charset);
      names.add(name);
      FieldType t = f.type();
      char dt;
      int w;
      int decimals = 0;
      switch (t) {
        case INTEGER -> {
          dt = 'N';
          w = Math.max(1, Math.min(18, widths[i]));
        }
        case DECIMAL -> {
          dt = 'N';
          w = Math.max(3, Math.min(33, widths[i]));
          decimals = DECIMALS;
          w = Math.max(w, decimals + 2);
        }
        case BOOLEAN -> {
          dt = 'L';
          w = 1;
        }
        case DATE -> {
          dt = 'D';
          w = 8;
        }
        default -> {
          dt = 'C';
          w = Math.max(1, Math.min(254, widths[i]));
        }
      }
      dbfTypes[i] = dt;
      fieldWidths[i] = w;
      try {
        header.addColumn(name, dt, w, decimals);
      } catch (org.h2gis.functions.io.dbf.internal.DbaseFileException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    header.setNumRecords((int) count);
    try (FileChannel dbf = FileChannel.open(dir.resolve(base + ".dbf"), StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        DataInputStream tmp = new DataInputStream(new BufferedInputStream(Files.newInputStream(values), 1 << 16))) {
      header.writeHeader(dbf);
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(dbf), 1 << 16);
      byte[] record = new byte[header.getRecordLength()];
      for (long r = 0; r < count; r++) {
        int pos = 0;
        record[pos++] = ' ';
        for (int i = 0; i < n; i++) {
          int len = tmp.readShort();
          int w = fieldWidths[i];
          if (len < 0) {
            byte fill = switch (dbfTypes[i]) {
              case 'N' -> (byte) ' ';
              case 'L' -> (byte) '?';
              case 'D' -> (byte) ' ';
              default -> (byte) ' ';
            };
            java.util.Arrays.fill(record, pos, pos + w, fill);
          } else {
            byte[] b = tmp.readNBytes(len);
            if (dbfTypes[i] == 'N') {
              // right-aligned
              int pad = Math.max(0, w - b.length);
              java.util.Arrays.fill(record, pos, pos + pad, (byte) ' ');
              System.arraycopy(b, 0, record, pos + pad, Math.min(b.length, w));
            } else {
              int m = Math.min(b.length, w);
              System.arraycopy(b, 0, record, pos, m);
              java.util.Arrays.fill(record, pos + m, pos + w, (byte) ' ');
            }
          }
          pos += w;
        }
        out.write(record);
      }
      out.write(0x1A);
      out.flush();
      // H2GIS writes the year of last update as year % 100; dBASE wants years since 1900.
      dbf.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (LocalDate.now(java.time.ZoneOffset.UTC).getYear() - 1900)}), 1);
    }
    Files.delete(values);
    Files.writeString(dir.resolve(base + ".prj"), crs.esriWkt(), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve(base + ".cpg"), gbk ? "GBK" : "UTF-8", StandardCharsets.US_ASCII);
    return count;
  }

  /** Decimals written for DECIMAL fields. */
  static final int DECIMALS = 8;

  private static byte[] encode(Object v, FieldType t, Charset charset) {
    if (v == null) {
      return null;
    }
    return switch (t) {
      case INTEGER -> Long.toString((Long) v).getBytes(StandardCharsets.US_ASCII);
      case DECIMAL -> {
        double d = (Double) v;
        if (!Double.isFinite(d)) {
          yield null;
        }
        yield new java.math.BigDecimal(d).setScale(DECIMALS, java.math.RoundingMode.HALF_EVEN)
            .toPlainString().getBytes(StandardCharsets.US_ASCII);
      }
      case BOOLEAN -> ((Boolean) v ? "T" : "F").getBytes(StandardCharsets.US_ASCII);
      case DATE -> {
        LocalDate d = (LocalDate) v;
        yield String.format(Locale.ROOT, "%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth())
            .getBytes(StandardCharsets.US_ASCII);
      }
      case DATETIME -> ((Instant) v).toString().getBytes(StandardCharsets.US_ASCII);
      case TEXT -> truncate(v.toString(), charset, 254);
    };
  }

  /** The text's bytes, cut at a character boundary to at most max bytes. */
  static byte[] truncate(String s, Charset charset, int max) {
    byte[] b = s.getBytes(charset);
    if (b.length <= max) {
      return b;
    }
    int end = s.length();
    while (end > 0) {
      end--;
      if (Character.isLowSurrogate(s.charAt(end)) && end > 0) {
        end--;
      }
      b = s.substring(0, end).getBytes(charset);
      if (b.length <= max) {
        return b;
      }
    }
    return new byte[0];
  }

  /** A .dbf field name: at most 10 bytes, unique (case-insensitive). */
  private static String dbfName(String name, List<String> used, Charset charset) {
    String n = new String(truncate(name, charset, 10), charset);
    if (n.isEmpty()) {
      n = "FIELD";
    }
    String candidate = n;
    int i = 1;
    while (containsIgnoreCase(used, candidate)) {
      String suffix = "_" + i++;
      candidate = new String(truncate(n, charset, 10 - suffix.length()), charset) + suffix;
    }
    return candidate;
  }

  private static boolean containsIgnoreCase(List<String> list, String s) {
    for (String x : list) {
      if (x.equalsIgnoreCase(s)) {
        return true;
      }
    }
    return false;
  }

  /** A geometry as the shape type wants it, rings oriented as ESRI requires (shells clockwise). */
  private static Geometry forShape(Geometry g, ShapeType type) {
    GeometryFactory f = g.getFactory();
    if (type == ShapeType.POLYGON) {
      List<Polygon> polys = new ArrayList<>();
      for (int i = 0; i < g.getNumGeometries(); i++) {
        if (g.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
          polys.add(orient(p, f));
        }
      }
      if (polys.isEmpty()) {
        return null;
      }
      return f.createMultiPolygon(polys.toArray(Polygon[]::new));
    }
    if (type == ShapeType.ARC) {
      List<LineString> lines = new ArrayList<>();
      for (int i = 0; i < g.getNumGeometries(); i++) {
        if (g.getGeometryN(i) instanceof LineString l && !l.isEmpty()) {
          lines.add(l);
        }
      }
      return lines.isEmpty() ? null : f.createMultiLineString(lines.toArray(LineString[]::new));
    }
    if (type == ShapeType.MULTIPOINT && g instanceof Point p) {
      return f.createMultiPoint(new Point[] {p});
    }
    if (type == ShapeType.POINT && !(g instanceof Point)) {
      throw new IllegalArgumentException("a Point shapefile cannot hold a " + g.getGeometryType());
    }
    return g;
  }

  private static Polygon orient(Polygon p, GeometryFactory f) {
    LinearRing shell = p.getExteriorRing();
    if (Orientation.isCCW(shell.getCoordinateSequence())) {
      shell = shell.reverse();
    }
    LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
    for (int i = 0; i < holes.length; i++) {
      LinearRing h = p.getInteriorRingN(i);
      holes[i] = Orientation.isCCW(h.getCoordinateSequence()) ? h : h.reverse();
    }
    return f.createPolygon(shell, holes);
  }

  /**
   * H2GIS's writer starts its bounds from the first geometry and fails when the first is null;
   * start them empty instead.
   */
  private static void initBounds(ShapefileWriter writer) {
    try {
      Field bounds = ShapefileWriter.class.getDeclaredField("bounds");
      bounds.setAccessible(true);
      bounds.set(writer, new Envelope());
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Older/newer H2GIS: a null first geometry may then fail, reported to the caller.
    }
  }
}
