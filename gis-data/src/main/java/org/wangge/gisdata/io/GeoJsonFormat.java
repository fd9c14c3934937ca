package org.wangge.gisdata.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.wangge.gisdata.crs.Crs;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * GeoJSON (RFC 7946) read and written streaming with Jackson: a FeatureCollection (or a single
 * Feature) is read one feature at a time. A legacy {@code crs} member naming an EPSG code (as GDAL
 * writes for projected data) is honoured; without it the data is WGS84 by RFC 7946.
 */
final class GeoJsonFormat {

  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
          .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private GeoJsonFormat() {}

  /** Callback per raw feature: geometry JSON tree (Map) and properties. */
  interface RawSink {
    void accept(Object geometry, Map<String, Object> properties) throws IOException;
  }

  /** The crs member's name, if any, reported before any feature (null if absent). */
  static final class Header {
    String crsName;
    String name;
  }

  /** Streams the features of a GeoJSON file. */
  static void scan(Path file, Header header, RawSink sink) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), in)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
            "not GeoJSON: the file must hold a JSON object (a FeatureCollection)");
      }
      String type = null;
      boolean featuresSeen = false;
      Map<String, Object> single = new LinkedHashMap<>();
      while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        t = p.nextToken();
        switch (name) {
          case "type" -> {
            type = t == JsonToken.VALUE_STRING ? p.getString() : null;
            single.put("type", type);
          }
          case "name" -> {
            Object n = value(p, t);
            header.name = n instanceof String str ? str : null;
            single.put("name", n);
          }
          case "crs" -> {
            Object crs = value(p, t);
            header.crsName = crsName(crs);
          }
          case "features" -> {
            if (t != JsonToken.START_ARRAY) {
              throw new GisFileException("file", "not GeoJSON: \"features\" must be an array");
            }
            featuresSeen = true;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
              Object f = value(p, t);
              if (f instanceof Map<?, ?> m) {
                emit(m, sink);
              } else {
                throw new GisFileException("file", "not GeoJSON: a feature is not an object");
              }
            }
          }
          default -> single.put(name, value(p, t));
        }
      }
      if (!featuresSeen) {
        if ("Feature".equals(type)) {
          emit(single, sink);
        } else if (type != null && single.containsKey("coordinates") || "GeometryCollection".equals(type)) {
          sink.accept(single, Map.of());
        } else {
          throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
              "not GeoJSON: no \"features\" array; export a FeatureCollection");
        }
      }
    } catch (JacksonException e) {
      throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
          "not valid JSON: " + e.getOriginalMessage() + " (" + location(e) + ")", e);
    }
  }

  private static String location(JacksonException e) {
    return e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static String crsName(Object crs) {
    if (crs instanceof Map<?, ?> m && m.get("properties") instanceof Map<?, ?> props) {
      Object n = props.get("name");
      if (n != null) {
        return n.toString();
      }
      Object code = props.get("code");
      if (code != null) {
        return "EPSG:" + code;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static void emit(Map<?, ?> feature, RawSink sink) throws IOException {
    Object props = feature.get("properties");
    Map<String, Object> p = props instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    Object id = feature.get("id");
    if (id != null && !p.containsKey("id")) {
      Map<String, Object> withId = new LinkedHashMap<>();
      withId.put("id", id);
      withId.putAll(p);
      p = withId;
    }
    sink.accept(feature.get("geometry"), p);
  }

  /** A JSON value as Map / List / String / Long / Double / Boolean / null. */
  static Object value(JsonParser p, JsonToken t) {
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = p.currentName();
          m.put(name, value(p, p.nextToken()));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        JsonToken n;
        while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
          l.add(value(p, n));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getString();
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT, LONG -> p.getLongValue();
          default -> p.getDoubleValue();
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IllegalStateException("unexpected JSON token " + t);
    }
  }

  /** A GeoJSON geometry tree (Map) as JTS, in the factory's SRID; null for null. */
  static Geometry geometry(Object json, GeometryFactory f) throws GisFileException {
    if (json == null) {
      return null;
    }
    if (!(json instanceof Map<?, ?> m)) {
      throw new GisFileException("file", "not GeoJSON: a geometry is not an object");
    }
    Object type = m.get("type");
    Object c = m.get("coordinates");
    try {
      return switch (String.valueOf(type)) {
        case "Point" -> c == null || ((List<?>) c).isEmpty() ? f.createPoint() : f.createPoint(coord(c));
        case "MultiPoint" -> {
          List<?> l = (List<?>) c;
          Point[] pts = new Point[l.size()];
          for (int i = 0; i < pts.length; i++) {
            pts[i] = f.createPoint(coord(l.get(i)));
          }
          yield f.createMultiPoint(pts);
        }
        case "LineString" -> f.createLineString(coords(c));
        case "MultiLineString" -> {
          List<?> l = (List<?>) c;
          LineString[] ls = new LineString[l.size()];
          for (int i = 0; i < ls.length; i++) {
            ls[i] = f.createLineString(coords(l.get(i)));
          }
          yield f.createMultiLineString(ls);
        }
        case "Polygon" -> polygon(c, f);
        case "MultiPolygon" -> {
          List<?> l = (List<?>) c;
          Polygon[] ps = new Polygon[l.size()];
          for (int i = 0; i < ps.length; i++) {
            ps[i] = polygon(l.get(i), f);
          }
          yield f.createMultiPolygon(ps);
        }
        case "GeometryCollection" -> {
          List<?> l = (List<?>) m.get("geometries");
          Geometry[] gs = new Geometry[l == null ? 0 : l.size()];
          for (int i = 0; i < gs.length; i++) {
            gs[i] = geometry(l.get(i), f);
          }
          yield f.createGeometryCollection(gs);
        }
        default ->
            throw new GisFileException("file", "not GeoJSON: unknown geometry type '" + type + "'");
      };
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
          "a " + type + " geometry has malformed coordinates (" + e.getMessage() + ")", e);
    }
  }

  private static Polygon polygon(Object c, GeometryFactory f) {
    List<?> rings = (List<?>) c;
    if (rings.isEmpty()) {
      return f.createPolygon();
    }
    LinearRing shell = ring(rings.get(0), f);
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = ring(rings.get(i), f);
    }
    return f.createPolygon(shell, holes);
  }

  /** A ring as given, closed if the file forgot (never otherwise repaired). */
  private static LinearRing ring(Object c, GeometryFactory f) {
    Coordinate[] cs = coords(c);
    if (cs.length > 0 && !cs[0].equals2D(cs[cs.length - 1])) {
      Coordinate[] closed = java.util.Arrays.copyOf(cs, cs.length + 1);
      closed[cs.length] = cs[0].copy();
      cs = closed;
    }
    if (cs.length > 0 && cs.length < 4) {
      // Too few points for a ring: pad so JTS accepts it; it stays invalid (a validity check
      // reports it), the reader does not repair.
      Coordinate[] padded = new Coordinate[4];
      for (int i = 0; i < 4; i++) {
        padded[i] = cs[Math.min(i, cs.length - 1)].copy();
      }
      cs = padded;
    }
    return f.createLinearRing(cs);
  }

  private static Coordinate[] coords(Object c) {
    List<?> l = (List<?>) c;
    Coordinate[] cs = new Coordinate[l.size()];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = coord(l.get(i));
    }
    return cs;
  }

  private static Coordinate coord(Object c) {
    List<?> l = (List<?>) c;
    return new Coordinate(((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue());
  }

  // ---------------------------------------------------------------- reading

  static final class Source extends AbstractSource {

    Source(List<Path> files, ReadOptions options) throws IOException {
      super(FileFormat.GEOJSON, options);
      for (Path file : files) {
        String name = baseName(file);
        Header header = new Header();
        Geometries.Summary summary = new Geometries.Summary();
        Map<String, FieldType> fields = new LinkedHashMap<>();
        GeometryFactory f = new GeometryFactory();
        scan(
            file,
            header,
            (g, props) -> {
              summary.add(geometry(g, f));
              for (Map.Entry<String, Object> e : props.entrySet()) {
                FieldType t = Values.typeOfValue(plain(e.getValue()));
                if (!fields.containsKey(e.getKey())) {
                  fields.put(e.getKey(), t);
                } else if (t != null) {
                  fields.put(e.getKey(), Values.widen(fields.get(e.getKey()), t));
                }
              }
              if (summary.count % 50_000 == 0) {
                options.report("READING", summary.count, 0);
              }
            });
        Crs crs;
        String note;
        if (header.crsName == null) {
          crs = Crs.WGS84;
          note = "GeoJSON is WGS84 by RFC 7946";
        } else {
          Crs parsed;
          try {
            parsed = Crs.parse(header.crsName);
          } catch (IllegalArgumentException e) {
            parsed = null;
          }
          crs = parsed;
          note = parsed == null
              ? "the GeoJSON names an unknown coordinate system \"" + header.crsName + "\""
              : "from the GeoJSON crs member \"" + header.crsName + "\"";
        }
        List<Field> fieldList = new ArrayList<>();
        fields.forEach((k, v) -> fieldList.add(new Field(k, v == null ? FieldType.TEXT : v)));
        if (header.name != null && !header.name.isBlank() && files.size() == 1) {
          name = header.name;
        }
        add(new LayerInfo(name, summary.type, summary.count, fieldList, crs, note,
            summary.extentArray(), null), file);
      }
    }

    @Override
    void readLayer(LayerInfo layer, Path file, GeometryColumns columns, FeatureSink sink)
        throws IOException {
      int srid = layer.crs() == null ? 0 : layer.crs().epsg().orElse(0);
      GeometryFactory f = new GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(), srid);
      long[] row = {0};
      scan(
          file,
          new Header(),
          (g, props) -> {
            row[0]++;
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (Field field : layer.fields()) {
              Object v = props.containsKey(field.name()) ? plain(props.get(field.name())) : null;
              attrs.put(field.name(), v == null ? null : Values.coerce(v, field.type()));
            }
            sink.accept(new SourceFeature(row[0], geometry(g, f), attrs));
            if (row[0] % 50_000 == 0) {
              options.report("READING", row[0], layer.featureCount());
            }
          });
    }
  }

  /** Nested JSON (objects, arrays) as JSON text; scalars as they are. */
  static Object plain(Object v) {
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      StringBuilder b = new StringBuilder();
      json(v, b);
      return b.toString();
    }
    if (v instanceof String s) {
      FieldType t = Values.typeOf(s);
      if (t == FieldType.DATE || t == FieldType.DATETIME) {
        return Values.parse(s, t);
      }
    }
    return v;
  }

  private static void json(Object v, StringBuilder b) {
    if (v instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        json(String.valueOf(e.getKey()), b);
        b.append(':');
        json(e.getValue(), b);
      }
      b.append('}');
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          b.append(',');
        }
        json(l.get(i), b);
      }
      b.append(']');
    } else if (v instanceof String s) {
      b.append('"');
      for (char ch : s.toCharArray()) {
        switch (ch) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          default -> {
            if (ch < 0x20) {
              b.append(String.format("\\u%04x", (int) ch));
            } else {
              b.append(ch);
            }
          }
        }
      }
      b.append('"');
    } else {
      b.append(v);
    }
  }

  // ---------------------------------------------------------------- writing

  /** Writes one layer as a FeatureCollection; a crs member for anything but WGS84/CRS84. */
  static long write(OutputLayer layer, Crs crs, OutputStream out, WriteOptions options)
      throws IOException {
    long[] count = {0};
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeStringProperty("type", "FeatureCollection");
      g.writeStringProperty("name", layer.name());
      if (!crs.equals(Crs.WGS84) && crs.epsg().isPresent()) {
        g.writeName("crs");
        g.writeStartObject();
        g.writeStringProperty("type", "name");
        g.writeName("properties");
        g.writeStartObject();
        g.writeStringProperty("name", "urn:ogc:def:crs:EPSG::" + crs.epsg().getAsInt());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeName("features");
      g.writeStartArray();
      List<Field> fields = layer.fields();
      boolean projected = crs.projected();
      layer
          .features()
          .produce(
              (wgs84, values) -> {
                g.writeStartObject();
                g.writeStringProperty("type", "Feature");
                g.writeName("properties");
                g.writeStartObject();
                for (int i = 0; i < fields.size(); i++) {
                  Field field = fields.get(i);
                  Object v = Values.coerce(i < values.size() ? values.get(i) : null, field.type());
                  g.writeName(field.name());
                  writeValue(g, v);
                }
                g.writeEndObject();
                g.writeName("geometry");
                if (wgs84 == null) {
                  g.writeNull();
                } else {
                  writeGeometry(g, crs.fromWgs84(wgs84), projected ? 3 : 8);
                }
                g.writeEndObject();
                count[0]++;
                if (count[0] % 50_000 == 0) {
                  options.report("WRITING", count[0], 0);
                }
              });
      g.writeEndArray();
      g.writeEndObject();
    } catch (JacksonException e) {
      throw new IOException("cannot write GeoJSON: " + e.getOriginalMessage(), e);
    }
    out.flush();
    return count[0];
  }

  private static void writeValue(JsonGenerator g, Object v) {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      if (Double.isFinite(d)) {
        g.writeNumber(d);
      } else {
        g.writeNull();
      }
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof LocalDate || v instanceof Instant) {
      g.writeString(v.toString());
    } else {
      g.writeString(v.toString());
    }
  }

  static void writeGeometry(JsonGenerator g, Geometry geom, int decimals) {
    g.writeStartObject();
    g.writeStringProperty("type", geom.getGeometryType());
    if (geom instanceof GeometryCollection gc
        && !(geom instanceof MultiPoint || geom instanceof MultiLineString || geom instanceof MultiPolygon)) {
      g.writeName("geometries");
      g.writeStartArray();
      for (int i = 0; i < gc.getNumGeometries(); i++) {
        writeGeometry(g, gc.getGeometryN(i), decimals);
      }
      g.writeEndArray();
    } else {
      g.writeName("coordinates");
      coordinates(g, geom, decimals);
    }
    g.writeEndObject();
  }

  private static void coordinates(JsonGenerator g, Geometry geom, int decimals) {
    if (geom instanceof Point p) {
      if (p.isEmpty()) {
        g.writeStartArray();
        g.writeEndArray();
      } else {
        position(g, p.getCoordinate(), decimals);
      }
    } else if (geom instanceof LineString l) {
      positions(g, l.getCoordinates(), decimals);
    } else if (geom instanceof Polygon p) {
      g.writeStartArray();
      if (!p.isEmpty()) {
        positions(g, p.getExteriorRing().getCoordinates(), decimals);
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
          positions(g, p.getInteriorRingN(i).getCoordinates(), decimals);
        }
      }
      g.writeEndArray();
    } else {
      g.writeStartArray();
      for (int i = 0; i < geom.getNumGeometries(); i++) {
        coordinates(g, geom.getGeometryN(i), decimals);
      }
      g.writeEndArray();
    }
  }

  private static void positions(JsonGenerator g, Coordinate[] cs, int decimals) {
    g.writeStartArray();
    for (Coordinate c : cs) {
      position(g, c, decimals);
    }
    g.writeEndArray();
  }

  private static void position(JsonGenerator g, Coordinate c, int decimals) {
    g.writeStartArray();
    g.writeNumber(round(c.x, decimals));
    g.writeNumber(round(c.y, decimals));
    g.writeEndArray();
  }

  private static BigDecimal round(double v, int decimals) {
    return BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
  }
}
