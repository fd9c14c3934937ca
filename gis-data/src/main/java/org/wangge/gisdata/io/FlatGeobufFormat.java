package org.wangge.gisdata.io;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.wangge.gisdata.crs.Crs;
import org.wololo.flatgeobuf.ColumnMeta;
import org.wololo.flatgeobuf.Constants;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.PackedRTree;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Feature;
import org.wololo.flatgeobuf.generated.GeometryType;

/**
 * FlatGeobuf with org.wololo:flatgeobuf: the header carries the EPSG code of the system (none for
 * GCJ-02/BD-09: those are declared as EPSG:4326), the feature count and extent; no spatial index
 * is written. Features are read one at a time (an index, if present, is skipped). Dates are
 * written as DateTime columns holding "YYYY-MM-DD" and read back as dates.
 */
final class FlatGeobufFormat {

  private FlatGeobufFormat() {}

  // ---------------------------------------------------------------- reading

  static final class Source extends AbstractSource {

    Source(List<Path> files, ReadOptions options) throws IOException {
      super(FileFormat.FLATGEOBUF, options);
      for (Path file : files) {
        HeaderMeta header = header(file);
        List<Field> fields = new ArrayList<>();
        for (ColumnMeta c : header.columns) {
          fields.add(new Field(c.name, fieldType(c.type)));
        }
        Crs crs = null;
        String note;
        if (header.srid == 0) {
          note = "the FlatGeobuf header names no coordinate system";
        } else {
          try {
            crs = Crs.epsg(header.srid);
            note = "from the FlatGeobuf header (EPSG:" + header.srid + ")";
          } catch (IllegalArgumentException e) {
            note = "the FlatGeobuf header names an unsupported coordinate system EPSG:" + header.srid;
          }
        }
        long count = header.featuresCount;
        String type = typeName(header.geometryType);
        double[] extent = header.envelope == null || header.envelope.isNull() ? null
            : new double[] {header.envelope.getMinX(), header.envelope.getMinY(),
                header.envelope.getMaxX(), header.envelope.getMaxY()};
        if (count == 0 || type == null || extent == null) {
          // Count (and type, extent) not in the header: scan.
          Geometries.Summary s = new Geometries.Summary();
          scan(file, header, 0, (row, g, attrs) -> s.add(g));
          count = s.count;
          if (type == null) {
            type = s.type;
          }
          if (extent == null) {
            extent = s.extentArray();
          }
        }
        String name = header.name != null && !header.name.isBlank() ? header.name : baseName(file);
        add(new LayerInfo(name, type, count, fields, crs, note, extent, null), file);
      }
    }

    @Override
    void readLayer(LayerInfo layer, Path file, GeometryColumns columns, FeatureSink sink)
        throws IOException {
      HeaderMeta header = header(file);
      int srid = layer.crs() == null ? 0 : layer.crs().epsg().orElse(0);
      long total = layer.featureCount();
      scan(file, header, srid, (row, g, attrs) -> {
        sink.accept(new SourceFeature(row, g, attrs));
        if (row % 100_000 == 0) {
          options.report("READING", row, total);
        }
      });
    }
  }

  private interface RowSink {
    void accept(long row, Geometry g, Map<String, Object> attrs) throws IOException;
  }

  private static HeaderMeta header(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      byte[] magic = in.readNBytes(8);
      if (magic.length < 8 || !Constants.isFlatgeobuf(ByteBuffer.wrap(magic))) {
        throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
            file.getFileName() + " is not a FlatGeobuf file (wrong magic bytes)");
      }
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return HeaderMeta.read(in);
    } catch (IOException | RuntimeException e) {
      throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
          "the FlatGeobuf header of " + file.getFileName() + " cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static void scan(Path file, HeaderMeta header, int srid, RowSink sink) throws IOException {
    GeometryFactory f = new GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(), srid);
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      in.skipNBytes(header.offset);
      if (header.indexNodeSize > 0 && header.featuresCount > 0) {
        in.skipNBytes(PackedRTree.calcSize((int) header.featuresCount, header.indexNodeSize));
      }
      long row = 0;
      byte[] sizeBytes = new byte[4];
      byte[] buf = new byte[1 << 12];
      while (true) {
        int n = in.readNBytes(sizeBytes, 0, 4);
        if (n == 0) {
          break;
        }
        if (n < 4) {
          throw new EOFException("truncated feature");
        }
        int size = ByteBuffer.wrap(sizeBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (size < 0 || size > (1 << 30)) {
          throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
              "a FlatGeobuf feature has an impossible size " + size + "; the file is damaged");
        }
        if (buf.length < size) {
          buf = new byte[Math.max(size, buf.length * 2)];
        }
        in.readFully(buf, 0, size);
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, size).order(ByteOrder.LITTLE_ENDIAN);
        Feature feature = Feature.getRootAsFeature(bb);
        row++;
        Geometry g = null;
        org.wololo.flatgeobuf.generated.Geometry fg = feature.geometry();
        if (fg != null) {
          int type = header.geometryType != GeometryType.Unknown ? header.geometryType : fg.type();
          g = GeometryConversions.deserialize(fg, type);
          if (g != null) {
            g = f.createGeometry(g);
          }
        }
        sink.accept(row, g, properties(feature, header.columns));
      }
    } catch (EOFException e) {
      throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
          file.getFileName() + " ends in the middle of a feature; the file is truncated", e);
    } catch (RuntimeException e) {
      throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
          "a FlatGeobuf feature in " + file.getFileName() + " cannot be read (" + e + ")", e);
    }
  }

  private static Map<String, Object> properties(Feature feature, List<ColumnMeta> columns) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ColumnMeta c : columns) {
      out.put(c.name, null);
    }
    ByteBuffer p = feature.propertiesAsByteBuffer();
    if (p == null) {
      return out;
    }
    p = p.slice().order(ByteOrder.LITTLE_ENDIAN);
    while (p.remaining() >= 2) {
      int i = Short.toUnsignedInt(p.getShort());
      if (i >= columns.size()) {
        break;
      }
      ColumnMeta c = columns.get(i);
      Object v = switch (c.type) {
        case ColumnType.Bool -> p.get() != 0;
        case ColumnType.Byte -> (long) p.get();
        case ColumnType.UByte -> (long) Byte.toUnsignedInt(p.get());
        case ColumnType.Short -> (long) p.getShort();
        case ColumnType.UShort -> (long) Short.toUnsignedInt(p.getShort());
        case ColumnType.Int -> (long) p.getInt();
        case ColumnType.UInt -> Integer.toUnsignedLong(p.getInt());
        case ColumnType.Long, ColumnType.ULong -> p.getLong();
        case ColumnType.Float -> (double) p.getFloat();
        case ColumnType.Double -> p.getDouble();
        case ColumnType.String, ColumnType.Json, ColumnType.DateTime -> {
          int len = p.getInt();
          byte[] b = new byte[len];
          p.get(b);
          String s = new String(b, StandardCharsets.UTF_8);
          if (c.type == ColumnType.DateTime) {
            Object d = s.length() == 10 ? Values.parseDate(s) : Values.parseInstant(s);
            yield d == null ? s : d;
          }
          yield s;
        }
        case ColumnType.Binary -> {
          int len = p.getInt();
          p.position(p.position() + len);
          yield null;
        }
        default -> throw new IllegalStateException("unknown FlatGeobuf column type " + c.type);
      };
      out.put(c.name, v);
    }
    return out;
  }

  private static FieldType fieldType(byte type) {
    return switch (type) {
      case ColumnType.Bool -> FieldType.BOOLEAN;
      case ColumnType.Byte, ColumnType.UByte, ColumnType.Short, ColumnType.UShort, ColumnType.Int,
          ColumnType.UInt, ColumnType.Long, ColumnType.ULong -> FieldType.INTEGER;
      case ColumnType.Float, ColumnType.Double -> FieldType.DECIMAL;
      case ColumnType.DateTime -> FieldType.DATETIME;
      default -> FieldType.TEXT;
    };
  }

  private static String typeName(byte t) {
    return switch (t) {
      case GeometryType.Point -> "Point";
      case GeometryType.LineString -> "LineString";
      case GeometryType.Polygon -> "Polygon";
      case GeometryType.MultiPoint -> "MultiPoint";
      case GeometryType.MultiLineString -> "MultiLineString";
      case GeometryType.MultiPolygon -> "MultiPolygon";
      case GeometryType.GeometryCollection -> "GeometryCollection";
      default -> null;
    };
  }

  // ---------------------------------------------------------------- writing

  private static byte geometryType(String name) {
    if (name == null) {
      return GeometryType.Unknown;
    }
    return switch (name) {
      case "Point" -> GeometryType.Point;
      case "MultiPoint" -> GeometryType.MultiPoint;
      case "LineString" -> GeometryType.LineString;
      case "MultiLineString" -> GeometryType.MultiLineString;
      case "Polygon" -> GeometryType.Polygon;
      case "MultiPolygon" -> GeometryType.MultiPolygon;
      default -> GeometryType.Unknown;
    };
  }

  private static byte columnType(FieldType t) {
    return switch (t) {
      case TEXT -> ColumnType.String;
      case INTEGER -> ColumnType.Long;
      case DECIMAL -> ColumnType.Double;
      case BOOLEAN -> ColumnType.Bool;
      case DATE, DATETIME -> ColumnType.DateTime;
    };
  }

  static long write(OutputLayer layer, Crs crs, OutputStream out, WriteOptions options)
      throws IOException {
    Path tmp = Files.createTempFile("wangge-fgb", ".features");
    try {
      byte type = geometryType(layer.geometryType());
      List<Field> fields = layer.fields();
      Envelope extent = new Envelope();
      long[] count = {0};
      FlatBufferBuilder builder = new FlatBufferBuilder(1024);
      ByteBuffer props = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      try (OutputStream features = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        layer.features().produce((wgs84, values) -> {
          builder.clear();
          int geometryOffset = 0;
          if (wgs84 != null) {
            Geometry g = fit(crs.fromWgs84(wgs84), type);
            if (!g.isEmpty()) {
              extent.expandToInclude(g.getEnvelopeInternal());
            }
            byte t = type != GeometryType.Unknown ? type : geometryType(g.getGeometryType());
            geometryOffset = GeometryConversions.serialize(builder, g, t);
          }
          ByteBuffer p = props;
          p.clear();
          for (int i = 0; i < fields.size(); i++) {
            Object v = Values.coerce(i < values.size() ? values.get(i) : null, fields.get(i).type());
            if (v == null) {
              continue;
            }
            byte[] text = null;
            if (v instanceof String s) {
              text = s.getBytes(StandardCharsets.UTF_8);
            } else if (v instanceof LocalDate || v instanceof Instant) {
              text = v.toString().getBytes(StandardCharsets.UTF_8);
            }
            int need = 2 + 8 + (text == null ? 0 : 4 + text.length);
            if (p.remaining() < need) {
              ByteBuffer bigger = ByteBuffer.allocate(Math.max(p.capacity() * 2, p.position() + need))
                  .order(ByteOrder.LITTLE_ENDIAN);
              p.flip();
              bigger.put(p);
              p = bigger;
            }
            p.putShort((short) i);
            if (v instanceof Long l) {
              p.putLong(l);
            } else if (v instanceof Double d) {
              p.putDouble(d);
            } else if (v instanceof Boolean b) {
              p.put((byte) (b ? 1 : 0));
            } else {
              p.putInt(text.length);
              p.put(text);
            }
          }
          p.flip();
          int propertiesOffset = 0;
          if (p.hasRemaining()) {
            byte[] bytes = new byte[p.remaining()];
            p.get(bytes);
            propertiesOffset = Feature.createPropertiesVector(builder, bytes);
          }
          int feature = Feature.createFeature(builder, geometryOffset, propertiesOffset, 0);
          builder.finishSizePrefixed(feature);
          features.write(builder.sizedByteArray());
          count[0]++;
          if (count[0] % 100_000 == 0) {
            options.report("WRITING", count[0], 0);
          }
        });
      }
      HeaderMeta header = new HeaderMeta();
      header.name = layer.name();
      header.geometryType = type;
      header.srid = crs.epsg().orElse(4326);
      header.envelope = extent.isNull() ? null : extent;
      header.featuresCount = count[0];
      header.indexNodeSize = 0;
      header.columns = new ArrayList<>();
      for (Field f : fields) {
        ColumnMeta c = new ColumnMeta();
        c.name = f.name();
        c.type = columnType(f.type());
        c.nullable = true;
        header.columns.add(c);
      }
      out.write(Constants.MAGIC_BYTES);
      HeaderMeta.write(header, out, new FlatBufferBuilder(1024));
      Files.copy(tmp, out);
      out.flush();
      return count[0];
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Wraps single geometries when the layer declares the multi type. */
  private static Geometry fit(Geometry g, byte type) {
    GeometryFactory f = g.getFactory();
    if (type == GeometryType.MultiPolygon && g instanceof Polygon p) {
      return f.createMultiPolygon(new Polygon[] {p});
    }
    if (type == GeometryType.MultiLineString && g instanceof LineString l) {
      return f.createMultiLineString(new LineString[] {l});
    }
    if (type == GeometryType.MultiPoint && g instanceof Point p) {
      return f.createMultiPoint(new Point[] {p});
    }
    return g;
  }
}
