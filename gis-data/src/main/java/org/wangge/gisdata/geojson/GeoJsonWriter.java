package org.wangge.gisdata.geojson;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.gisdata.model.AreaRecord;
import org.wangge.gisdata.model.CategoryRecord;
import org.wangge.gisdata.model.City;
import org.wangge.gisdata.model.DepartmentRecord;
import org.wangge.gisdata.model.IncidentRecord;
import org.wangge.gisdata.model.MemberRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * Writes the exchange model as RFC 7946 GeoJSON, streaming (Jackson 3 core).
 *
 * <ul>
 *   <li>UTF-8, compact, no {@code crs} member; positions are {@code [longitude, latitude]} in
 *       EPSG:4326 (CGCS2000 agrees to centimetres), taken as x and y of JTS coordinates.
 *   <li>Polygons follow the right-hand rule: exterior rings counter-clockwise, holes clockwise,
 *       whatever the orientation of the input.
 *   <li>Coordinates are written with at most 7 decimals (about 1 cm), rounded half-even, trailing
 *       zeros stripped, never in exponent form: the output is byte-for-byte deterministic.
 *   <li>Each record is a Feature with {@code id} (its code or number), a geometry and its other
 *       fields as properties under their record names (camelCase); {@code null} fields are written
 *       as {@code null}; enums by name; instants as ISO-8601 UTC strings ({@link
 *       Instant#toString}).
 *   <li>Departments and categories, which have no geometry, are plain JSON arrays of objects.
 * </ul>
 *
 * <p>The {@code write…(…, OutputStream)} methods write one document and flush, but do not close the
 * stream. I/O failures surface as Jackson's unchecked {@link JacksonException} (from {@link
 * #writeCity}: as {@link IOException}). Stateless; thread-safe.
 */
public final class GeoJsonWriter {

  /** File names written by {@link #writeCity}. */
  public static final String AREAS = "areas.geojson";

  public static final String ADDRESSES = "addresses.geojson";
  public static final String MEMBERS = "members.geojson";
  public static final String INCIDENTS = "incidents.geojson";
  public static final String DEPARTMENTS = "departments.json";
  public static final String CATEGORIES = "categories.json";

  /** Largest number of decimals written for a coordinate. */
  public static final int DECIMALS = 7;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
          .build();

  private GeoJsonWriter() {}

  /**
   * Writes areas as a FeatureCollection of (Multi)Polygons with code, name, level, parentCode,
   * households, residents.
   */
  public static void writeAreas(List<AreaRecord> areas, OutputStream out) {
    writeCollection(
        areas,
        out,
        (gen, a) -> {
          gen.writeStringProperty("id", a.code());
          gen.writeName("geometry");
          writeGeometry(gen, a.boundary());
          gen.writeName("properties");
          gen.writeStartObject();
          gen.writeStringProperty("code", a.code());
          gen.writeStringProperty("name", a.name());
          gen.writeStringProperty("level", a.level() == null ? null : a.level().name());
          gen.writeStringProperty("parentCode", a.parentCode());
          gen.writeNumberProperty("households", a.households());
          gen.writeNumberProperty("residents", a.residents());
          gen.writeEndObject();
        });
  }

  /** Writes addresses as a FeatureCollection of Points. */
  public static void writeAddresses(List<AddressRecord> addresses, OutputStream out) {
    writeCollection(
        addresses,
        out,
        (gen, a) -> {
          gen.writeStringProperty("id", a.code());
          gen.writeName("geometry");
          writePoint(gen, a.lon(), a.lat());
          gen.writeName("properties");
          gen.writeStartObject();
          gen.writeStringProperty("code", a.code());
          gen.writeStringProperty("fullText", a.fullText());
          gen.writeStringProperty("road", a.road());
          gen.writeStringProperty("number", a.number());
          gen.writeStringProperty("building", a.building());
          gen.writeStringProperty("unit", a.unit());
          gen.writeNumberProperty("households", a.households());
          gen.writeNumberProperty("residents", a.residents());
          gen.writeStringProperty("gridCode", a.gridCode());
          gen.writeEndObject();
        });
  }

  /**
   * Writes members as a FeatureCollection: a Point at the last known position, or a {@code null}
   * geometry for members never seen.
   */
  public static void writeMembers(List<MemberRecord> members, OutputStream out) {
    writeCollection(
        members,
        out,
        (gen, m) -> {
          gen.writeStringProperty("id", m.code());
          gen.writeName("geometry");
          if (m.lon() == null || m.lat() == null) {
            gen.writeNull();
          } else {
            writePoint(gen, m.lon(), m.lat());
          }
          gen.writeName("properties");
          gen.writeStartObject();
          gen.writeStringProperty("code", m.code());
          gen.writeStringProperty("name", m.name());
          gen.writeStringProperty("phone", m.phone());
          gen.writeStringProperty("role", m.role() == null ? null : m.role().name());
          gen.writeName("gridCodes");
          gen.writeStartArray();
          for (String code : m.gridCodes()) {
            gen.writeString(code);
          }
          gen.writeEndArray();
          gen.writeBooleanProperty("onDuty", m.onDuty());
          gen.writeStringProperty("lastSeenAt", instant(m.lastSeenAt()));
          gen.writeEndObject();
        });
  }

  /** Writes incidents as a FeatureCollection of Points. */
  public static void writeIncidents(List<IncidentRecord> incidents, OutputStream out) {
    writeCollection(
        incidents,
        out,
        (gen, i) -> {
          gen.writeStringProperty("id", i.number());
          gen.writeName("geometry");
          writePoint(gen, i.lon(), i.lat());
          gen.writeName("properties");
          gen.writeStartObject();
          gen.writeStringProperty("number", i.number());
          gen.writeStringProperty("categoryCode", i.categoryCode());
          gen.writeStringProperty("source", i.source() == null ? null : i.source().name());
          gen.writeStringProperty("risk", i.risk() == null ? null : i.risk().name());
          gen.writeStringProperty("status", i.status() == null ? null : i.status().name());
          gen.writeStringProperty("description", i.description());
          gen.writeStringProperty("addressCode", i.addressCode());
          gen.writeStringProperty("gridCode", i.gridCode());
          gen.writeStringProperty("assigneeCode", i.assigneeCode());
          gen.writeStringProperty("departmentCode", i.departmentCode());
          gen.writeStringProperty("reportedAt", instant(i.reportedAt()));
          gen.writeStringProperty("dueAt", instant(i.dueAt()));
          gen.writeStringProperty("closedAt", instant(i.closedAt()));
          gen.writeEndObject();
        });
  }

  /** Writes departments as a JSON array of {code, name, phone}. */
  public static void writeDepartments(List<DepartmentRecord> departments, OutputStream out) {
    writeArray(
        departments,
        out,
        (gen, d) -> {
          gen.writeStringProperty("code", d.code());
          gen.writeStringProperty("name", d.name());
          gen.writeStringProperty("phone", d.phone());
        });
  }

  /** Writes categories as a JSON array of objects with the record's fields. */
  public static void writeCategories(List<CategoryRecord> categories, OutputStream out) {
    writeArray(
        categories,
        out,
        (gen, c) -> {
          gen.writeStringProperty("code", c.code());
          gen.writeStringProperty("name", c.name());
          gen.writeStringProperty("nameEn", c.nameEn());
          gen.writeStringProperty("level", c.level().name());
          gen.writeStringProperty("parentCode", c.parentCode());
          gen.writeStringProperty("departmentCode", c.departmentCode());
          gen.writeName("coDepartmentCodes");
          gen.writeStartArray();
          for (String d : c.coDepartmentCodes()) {
            gen.writeString(d);
          }
          gen.writeEndArray();
          gen.writeBooleanProperty("gridAdmitted", c.gridAdmitted());
          gen.writeNumberProperty("deadlineHours", c.deadlineHours());
          gen.writeStringProperty("clockType", c.clockType().name());
          gen.writeStringProperty(
              "defaultRisk", c.defaultRisk() == null ? null : c.defaultRisk().name());
          gen.writeNumberProperty("dedupRadiusMetres", c.dedupRadiusMetres());
          gen.writeBooleanProperty("raisesAlarm", c.raisesAlarm());
          gen.writeName("questions");
          gen.writeStartArray();
          for (var q : c.questions()) {
            gen.writeStartObject();
            gen.writeStringProperty("code", q.code());
            gen.writeStringProperty("text", q.text());
            gen.writeStringProperty("textEn", q.textEn());
            gen.writeStringProperty("type", q.type());
            gen.writeName("choices");
            gen.writeStartArray();
            for (String choice : q.choices()) {
              gen.writeString(choice);
            }
            gen.writeEndArray();
            gen.writeBooleanProperty("required", q.required());
            gen.writeEndObject();
          }
          gen.writeEndArray();
        });
  }

  /**
   * Writes a whole city into {@code dir} (created if missing): {@value #AREAS}, {@value
   * #ADDRESSES}, {@value #MEMBERS}, {@value #INCIDENTS}, {@value #DEPARTMENTS}, {@value
   * #CATEGORIES}. Existing files are replaced.
   *
   * @throws IOException if a directory or file cannot be written
   */
  public static void writeCity(City city, Path dir) throws IOException {
    Files.createDirectories(dir);
    writeFile(dir.resolve(AREAS), out -> writeAreas(city.areas(), out));
    writeFile(dir.resolve(ADDRESSES), out -> writeAddresses(city.addresses(), out));
    writeFile(dir.resolve(MEMBERS), out -> writeMembers(city.members(), out));
    writeFile(dir.resolve(INCIDENTS), out -> writeIncidents(city.incidents(), out));
    writeFile(dir.resolve(DEPARTMENTS), out -> writeDepartments(city.departments(), out));
    writeFile(dir.resolve(CATEGORIES), out -> writeCategories(city.categories(), out));
  }

  /** Something that writes one document to a stream. */
  @FunctionalInterface
  public interface Body {
    void write(OutputStream out);
  }

  /**
   * Writes one file through a buffer, e.g. {@code writeFile(path, out -> writeAreas(areas, out))}.
   *
   * @throws IOException if the file cannot be written
   */
  public static void writeFile(Path file, Body body) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      body.write(out);
    } catch (JacksonIOException e) {
      throw e.getCause() != null ? e.getCause() : new IOException(e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Writes a GeoJSON geometry object (or {@code null}) at the generator's current position: for a
   * property value, a Feature's geometry, or from a Jackson serializer. Supports every JTS geometry
   * type; empty geometries are written with empty coordinate arrays. Z and M are dropped.
   *
   * @throws IllegalArgumentException if a coordinate is NaN or infinite
   */
  public static void writeGeometry(JsonGenerator gen, Geometry geometry) {
    if (geometry == null) {
      gen.writeNull();
      return;
    }
    gen.writeStartObject();
    if (geometry instanceof GeometryCollection collection
        && !(geometry instanceof MultiPoint)
        && !(geometry instanceof MultiLineString)
        && !(geometry instanceof MultiPolygon)) {
      gen.writeStringProperty("type", "GeometryCollection");
      gen.writeName("geometries");
      gen.writeStartArray();
      for (int i = 0; i < collection.getNumGeometries(); i++) {
        writeGeometry(gen, collection.getGeometryN(i));
      }
      gen.writeEndArray();
      gen.writeEndObject();
      return;
    }
    gen.writeStringProperty("type", type(geometry));
    gen.writeName("coordinates");
    switch (geometry) {
      case Point p -> {
        if (p.isEmpty()) {
          gen.writeStartArray();
          gen.writeEndArray();
        } else {
          writePosition(gen, p.getX(), p.getY());
        }
      }
      case LineString l -> writePositions(gen, l.getCoordinates(), false);
      case Polygon p -> writePolygon(gen, p);
      case MultiPoint mp -> {
        gen.writeStartArray();
        for (int i = 0; i < mp.getNumGeometries(); i++) {
          Point p = (Point) mp.getGeometryN(i);
          writePosition(gen, p.getX(), p.getY());
        }
        gen.writeEndArray();
      }
      case MultiLineString ml -> {
        gen.writeStartArray();
        for (int i = 0; i < ml.getNumGeometries(); i++) {
          writePositions(gen, ml.getGeometryN(i).getCoordinates(), false);
        }
        gen.writeEndArray();
      }
      case MultiPolygon mp -> {
        gen.writeStartArray();
        for (int i = 0; i < mp.getNumGeometries(); i++) {
          writePolygon(gen, (Polygon) mp.getGeometryN(i));
        }
        gen.writeEndArray();
      }
      default ->
          throw new IllegalArgumentException("unsupported geometry " + geometry.getGeometryType());
    }
    gen.writeEndObject();
  }

  /**
   * A coordinate as written: at most {@value #DECIMALS} decimals, rounded half-even, trailing zeros
   * stripped, no exponent, no negative zero ({@code 114.92}, {@code 27.8208}, {@code 0}).
   *
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public static String formatCoordinate(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("coordinate is not a finite number: " + value);
    }
    BigDecimal d = BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN);
    if (d.signum() == 0) {
      return "0";
    }
    return d.stripTrailingZeros().toPlainString();
  }

  private static String type(Geometry geometry) {
    return switch (geometry) {
      case Point p -> "Point";
      case LineString l -> "LineString"; // also a LinearRing
      case Polygon p -> "Polygon";
      case MultiPoint m -> "MultiPoint";
      case MultiLineString m -> "MultiLineString";
      case MultiPolygon m -> "MultiPolygon";
      default ->
          throw new IllegalArgumentException("unsupported geometry " + geometry.getGeometryType());
    };
  }

  private static void writePoint(JsonGenerator gen, double lon, double lat) {
    gen.writeStartObject();
    gen.writeStringProperty("type", "Point");
    gen.writeName("coordinates");
    writePosition(gen, lon, lat);
    gen.writeEndObject();
  }

  private static void writePosition(JsonGenerator gen, double lon, double lat) {
    gen.writeStartArray();
    gen.writeNumber(formatCoordinate(lon));
    gen.writeNumber(formatCoordinate(lat));
    gen.writeEndArray();
  }

  private static void writePolygon(JsonGenerator gen, Polygon polygon) {
    gen.writeStartArray();
    if (!polygon.isEmpty()) {
      Coordinate[] shell = polygon.getExteriorRing().getCoordinates();
      writePositions(gen, shell, !Orientation.isCCWArea(shell));
      for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
        Coordinate[] hole = polygon.getInteriorRingN(i).getCoordinates();
        writePositions(gen, hole, Orientation.isCCWArea(hole));
      }
    }
    gen.writeEndArray();
  }

  private static void writePositions(JsonGenerator gen, Coordinate[] coordinates, boolean reverse) {
    gen.writeStartArray();
    for (int i = 0; i < coordinates.length; i++) {
      Coordinate c = coordinates[reverse ? coordinates.length - 1 - i : i];
      writePosition(gen, c.x, c.y);
    }
    gen.writeEndArray();
  }

  private static String instant(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static <T> void writeCollection(
      List<T> records, OutputStream out, BiConsumer<JsonGenerator, T> feature) {
    try (JsonGenerator gen =
        FACTORY.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8)) {
      gen.writeStartObject();
      gen.writeStringProperty("type", "FeatureCollection");
      gen.writeName("features");
      gen.writeStartArray();
      for (T record : records) {
        gen.writeStartObject();
        gen.writeStringProperty("type", "Feature");
        feature.accept(gen, record);
        gen.writeEndObject();
      }
      gen.writeEndArray();
      gen.writeEndObject();
    }
  }

  private static <T> void writeArray(
      List<T> records, OutputStream out, BiConsumer<JsonGenerator, T> fields) {
    try (JsonGenerator gen =
        FACTORY.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8)) {
      gen.writeStartArray();
      for (T record : records) {
        gen.writeStartObject();
        fields.accept(gen, record);
        gen.writeEndObject();
      }
      gen.writeEndArray();
    }
  }
}
