package org.wangge.gisdata.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mil.nga.geopackage.BoundingBox;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.geopackage.srs.SpatialReferenceSystemDao;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.wangge.gisdata.crs.Crs;

/**
 * OGC GeoPackage with NGA's library (schema: spatial reference systems, contents, geometry
 * columns, tables) and plain JDBC on its SQLite connection for the rows, read with a cursor and
 * written in batches in one transaction. Systems other than 4326 are registered by hand with
 * their EPSG code and WKT (GeoPackages made by NGA do not know EPSG:4490 or the Gauss-Krüger
 * systems).
 */
final class GeoPackageFormat {

  private GeoPackageFormat() {}

  // ---------------------------------------------------------------- reading

  static final class Source extends AbstractSource {

    private final List<GeoPackage> open = new ArrayList<>();
    private final Map<String, TableInfo> tables = new LinkedHashMap<>();

    record TableInfo(GeoPackage gp, String table, String geometryColumn, List<String> columns,
        List<FieldType> types) {}

    Source(List<Path> files, ReadOptions options) throws IOException {
      super(FileFormat.GEOPACKAGE, options);
      for (Path file : files) {
        GeoPackage gp;
        try {
          gp = GeoPackageManager.open(file.toFile(), false);
        } catch (RuntimeException e) {
          close();
          throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
              file.getFileName() + " is not a readable GeoPackage (" + e.getMessage() + ")", e);
        }
        open.add(gp);
        try {
          List<String> featureTables = gp.getFeatureTables();
          if (featureTables.isEmpty()) {
            throw new GisFileException("file", GisFileException.Kind.NO_GEOMETRY,
                file.getFileName() + " holds no feature tables (only tiles or attributes?)");
          }
          for (String table : featureTables) {
            FeatureDao dao = gp.getFeatureDao(table);
            String geomCol = dao.getGeometryColumnName();
            List<String> cols = new ArrayList<>();
            List<FieldType> types = new ArrayList<>();
            List<Field> fields = new ArrayList<>();
            for (FeatureColumn c : dao.getTable().getColumns()) {
              if (c.isPrimaryKey() || c.isGeometry() || c.getDataType() == GeoPackageDataType.BLOB) {
                continue;
              }
              FieldType t = type(c.getDataType());
              cols.add(c.getName());
              types.add(t);
              fields.add(new Field(c.getName(), t));
            }
            SpatialReferenceSystem srs = dao.getSrs();
            Crs crs = null;
            String note;
            if (srs == null) {
              note = "the GeoPackage table has no spatial reference system";
            } else {
              String org = srs.getOrganization() == null ? "" : srs.getOrganization();
              long code = srs.getOrganizationCoordsysId();
              if (org.equalsIgnoreCase("EPSG")) {
                try {
                  crs = Crs.epsg((int) code);
                } catch (IllegalArgumentException e) {
                  crs = Crs.fromWkt(srs.getDefinition()).orElse(null);
                }
              } else {
                crs = Crs.fromWkt(srs.getDefinition()).orElse(null);
              }
              note = crs != null
                  ? "from the GeoPackage srs " + org + ":" + code + " (" + srs.getSrsName() + ")"
                  : "the GeoPackage names an unknown coordinate system " + org + ":" + code + " ("
                      + srs.getSrsName() + ")";
            }
            long count = dao.count();
            String geometryType = typeName(dao.getGeometryType());
            double[] extent = extent(gp, table, geomCol, count);
            tables.put(table, new TableInfo(gp, table, geomCol, cols, types));
            add(new LayerInfo(table, geometryType, count, fields, crs, note, extent, null), file);
          }
        } catch (GisFileException e) {
          close();
          throw e;
        } catch (RuntimeException | SQLException e) {
          close();
          throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
              file.getFileName() + " cannot be read as a GeoPackage (" + e.getMessage() + ")", e);
        }
      }
    }

    private static double[] extent(GeoPackage gp, String table, String geomCol, long count)
        throws SQLException, GisFileException {
      if (count == 0) {
        return null;
      }
      BoundingBox box = null;
      try {
        box = gp.getContentsBoundingBox(table);
      } catch (RuntimeException e) {
        box = null;
      }
      if (box != null && box.getMinLongitude() <= box.getMaxLongitude()
          && !(box.getMinLongitude() == 0 && box.getMaxLongitude() == 0 && box.getMinLatitude() == 0
              && box.getMaxLatitude() == 0)) {
        return new double[] {box.getMinLongitude(), box.getMinLatitude(), box.getMaxLongitude(),
            box.getMaxLatitude()};
      }
      // Not recorded: scan the geometries' envelopes.
      Envelope env = new Envelope();
      WKBReader wkb = new WKBReader();
      try (Statement st = gp.getConnection().getConnection().createStatement();
          ResultSet rs = st.executeQuery("SELECT " + quote(geomCol) + " FROM " + quote(table))) {
        while (rs.next()) {
          Geometry g = geometry(rs.getBytes(1), wkb);
          if (g != null && !g.isEmpty()) {
            env.expandToInclude(g.getEnvelopeInternal());
          }
        }
      }
      return env.isNull() ? null : new double[] {env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY()};
    }

    @Override
    void readLayer(LayerInfo layer, Path file, GeometryColumns columns, FeatureSink sink)
        throws IOException {
      TableInfo t = tables.get(layer.name());
      int srid = layer.crs() == null ? 0 : layer.crs().epsg().orElse(0);
      WKBReader wkb = new WKBReader(new GeometryFactory(new PrecisionModel(), srid));
      StringBuilder sql = new StringBuilder("SELECT ").append(quote(t.geometryColumn()));
      for (String c : t.columns()) {
        sql.append(", ").append(quote(c));
      }
      sql.append(" FROM ").append(quote(t.table())).append(" ORDER BY rowid");
      try (Statement st = t.gp().getConnection().getConnection().createStatement()) {
        st.setFetchSize(1000);
        try (ResultSet rs = st.executeQuery(sql.toString())) {
          long row = 0;
          while (rs.next()) {
            row++;
            Geometry g = geometry(rs.getBytes(1), wkb);
            if (g != null) {
              g.setSRID(srid);
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (int i = 0; i < t.columns().size(); i++) {
              attrs.put(t.columns().get(i), value(rs, i + 2, t.types().get(i)));
            }
            sink.accept(new SourceFeature(row, g, attrs));
            if (row % 100_000 == 0) {
              options.report("READING", row, layer.featureCount());
            }
          }
        }
      } catch (SQLException e) {
        throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
            "the GeoPackage table " + t.table() + " cannot be read (" + e.getMessage() + ")", e);
      }
    }

    @Override
    public void close() {
      for (GeoPackage gp : open) {
        try {
          gp.close();
        } catch (RuntimeException ignored) {
          // closing anyway
        }
      }
      open.clear();
    }
  }

  private static Object value(ResultSet rs, int i, FieldType t) throws SQLException {
    Object o = rs.getObject(i);
    if (o == null) {
      return null;
    }
    return switch (t) {
      case INTEGER -> o instanceof Number n ? (Object) n.longValue() : Values.parse(o.toString(), t);
      case DECIMAL -> o instanceof Number n ? (Object) n.doubleValue() : Values.parse(o.toString(), t);
      case BOOLEAN -> o instanceof Number n ? (Object) (n.intValue() != 0) : Values.parse(o.toString(), t);
      case DATE, DATETIME -> Values.parse(o.toString(), t);
      case TEXT -> o.toString();
    };
  }

  /** A GeoPackage binary geometry as JTS (null for null or an empty flag without WKB). */
  static Geometry geometry(byte[] b, WKBReader reader) throws GisFileException {
    if (b == null || b.length < 8) {
      return null;
    }
    if (b[0] != 'G' || b[1] != 'P') {
      throw new GisFileException("file", "a GeoPackage geometry lacks its GP header");
    }
    int flags = b[3];
    int envelope = (flags >> 1) & 0x07;
    int envelopeBytes = switch (envelope) {
      case 0 -> 0;
      case 1 -> 32;
      case 2, 3 -> 48;
      case 4 -> 64;
      default -> throw new GisFileException("file", "a GeoPackage geometry has a bad envelope code");
    };
    int start = 8 + envelopeBytes;
    if (start >= b.length) {
      return null;
    }
    try {
      byte[] wkb = java.util.Arrays.copyOfRange(b, start, b.length);
      return reader.read(wkb);
    } catch (ParseException e) {
      throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
          "a GeoPackage geometry cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static FieldType type(GeoPackageDataType t) {
    if (t == null) {
      return FieldType.TEXT;
    }
    return switch (t) {
      case BOOLEAN -> FieldType.BOOLEAN;
      case TINYINT, SMALLINT, MEDIUMINT, INT, INTEGER -> FieldType.INTEGER;
      case FLOAT, DOUBLE, REAL -> FieldType.DECIMAL;
      case DATE -> FieldType.DATE;
      case DATETIME -> FieldType.DATETIME;
      default -> FieldType.TEXT;
    };
  }

  private static String typeName(mil.nga.sf.GeometryType t) {
    if (t == null) {
      return null;
    }
    return switch (t) {
      case POINT -> "Point";
      case LINESTRING -> "LineString";
      case POLYGON -> "Polygon";
      case MULTIPOINT -> "MultiPoint";
      case MULTILINESTRING -> "MultiLineString";
      case MULTIPOLYGON -> "MultiPolygon";
      case GEOMETRYCOLLECTION -> "GeometryCollection";
      default -> "Geometry";
    };
  }

  static String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  // ---------------------------------------------------------------- writing

  static void write(List<OutputLayer> layers, Crs crs, OutputStream out, WriteOptions options)
      throws IOException {
    Path dir = Files.createTempDirectory("wangge-gpkg");
    Path file = dir.resolve("out.gpkg");
    try {
      writeFile(layers, crs, file, options);
      Files.copy(file, out);
      out.flush();
    } finally {
      GisFiles.deleteTree(dir);
    }
  }

  static void writeFile(List<OutputLayer> layers, Crs crs, Path file, WriteOptions options)
      throws IOException {
    GeoPackageManager.create(file.toFile());
    GeoPackage gp = GeoPackageManager.open(file.toFile(), true);
    try {
      SpatialReferenceSystem srs = srs(gp, crs);
      List<String> used = new ArrayList<>();
      for (OutputLayer layer : layers) {
        writeLayer(gp, srs, crs, layer, GisFiles.uniqueName(GisFiles.safeName(layer.name()), used), options);
      }
    } catch (SQLException e) {
      throw new IOException("cannot write the GeoPackage: " + e.getMessage(), e);
    } finally {
      gp.close();
    }
  }

  /** The srs for crs, registered by hand when the GeoPackage does not have it. */
  private static SpatialReferenceSystem srs(GeoPackage gp, Crs crs) throws SQLException {
    int code = crs.epsg().orElse(4326); // GCJ-02 / BD-09: no system can say it
    SpatialReferenceSystemDao dao = gp.getSpatialReferenceSystemDao();
    SpatialReferenceSystem existing = dao.queryForId((long) code);
    if (existing != null) {
      return existing;
    }
    Crs c = crs.epsg().isPresent() ? crs : Crs.WGS84;
    SpatialReferenceSystem srs = new SpatialReferenceSystem();
    srs.setSrsName(c.name());
    srs.setSrsId(code);
    srs.setOrganization("EPSG");
    srs.setOrganizationCoordsysId(code);
    srs.setDefinition(c.esriWkt());
    srs.setDescription(c.name());
    dao.create(srs);
    return srs;
  }

  private static GeoPackageDataType dataType(FieldType t) {
    return switch (t) {
      case TEXT -> GeoPackageDataType.TEXT;
      case INTEGER -> GeoPackageDataType.INTEGER;
      case DECIMAL -> GeoPackageDataType.DOUBLE;
      case BOOLEAN -> GeoPackageDataType.BOOLEAN;
      case DATE -> GeoPackageDataType.DATE;
      case DATETIME -> GeoPackageDataType.DATETIME;
    };
  }

  private static mil.nga.sf.GeometryType geometryType(String name) {
    if (name == null) {
      return mil.nga.sf.GeometryType.GEOMETRY;
    }
    return switch (name) {
      case "Point" -> mil.nga.sf.GeometryType.POINT;
      case "MultiPoint" -> mil.nga.sf.GeometryType.MULTIPOINT;
      case "LineString" -> mil.nga.sf.GeometryType.LINESTRING;
      case "MultiLineString" -> mil.nga.sf.GeometryType.MULTILINESTRING;
      case "Polygon" -> mil.nga.sf.GeometryType.POLYGON;
      case "MultiPolygon" -> mil.nga.sf.GeometryType.MULTIPOLYGON;
      default -> mil.nga.sf.GeometryType.GEOMETRY;
    };
  }

  private static void writeLayer(GeoPackage gp, SpatialReferenceSystem srs, Crs crs,
      OutputLayer layer, String table, WriteOptions options) throws IOException, SQLException {
    mil.nga.geopackage.features.columns.GeometryColumns gc =
        new mil.nga.geopackage.features.columns.GeometryColumns();
    gc.setId(new TableColumnKey(table, "geom"));
    gc.setGeometryType(geometryType(layer.geometryType()));
    gc.setZ((byte) 0);
    gc.setM((byte) 0);
    gc.setSrs(srs);
    List<FeatureColumn> columns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    names.add("fid");
    names.add("geom");
    for (Field f : layer.fields()) {
      String n = f.name();
      int i = 2;
      while (containsIgnoreCase(names, n)) {
        n = f.name() + "_" + i++;
      }
      names.add(n);
      columns.add(FeatureColumn.createColumn(n, dataType(f.type())));
    }
    gp.createFeatureTable(FeatureTableMetadata.create(gc, "fid", columns, new BoundingBox(0, 0, 0, 0)));

    Connection conn = gp.getConnection().getConnection();
    boolean autoCommit = conn.getAutoCommit();
    conn.setAutoCommit(false);
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(table)).append(" (geom");
    for (int i = 2; i < names.size(); i++) {
      sql.append(", ").append(quote(names.get(i)));
    }
    sql.append(") VALUES (?");
    for (int i = 2; i < names.size(); i++) {
      sql.append(", ?");
    }
    sql.append(")");
    Envelope extent = new Envelope();
    long[] count = {0};
    List<Field> fields = layer.fields();
    long srsId = srs.getSrsId();
    WKBWriter wkbWriter = new WKBWriter(2, org.locationtech.jts.io.ByteOrderValues.LITTLE_ENDIAN);
    try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
      layer.features().produce((wgs84, values) -> {
        try {
          if (wgs84 == null) {
            ps.setNull(1, java.sql.Types.BLOB);
          } else {
            Geometry g = crs.fromWgs84(wgs84);
            if (!g.isEmpty()) {
              extent.expandToInclude(g.getEnvelopeInternal());
            }
            ps.setBytes(1, gpkgBinary(g, srsId, wkbWriter));
          }
          for (int i = 0; i < fields.size(); i++) {
            Object v = Values.coerce(i < values.size() ? values.get(i) : null, fields.get(i).type());
            int p = i + 2;
            if (v == null) {
              ps.setNull(p, java.sql.Types.NULL);
            } else if (v instanceof Long l) {
              ps.setLong(p, l);
            } else if (v instanceof Double d) {
              ps.setDouble(p, d);
            } else if (v instanceof Boolean b) {
              ps.setInt(p, b ? 1 : 0);
            } else if (v instanceof LocalDate d) {
              ps.setString(p, d.toString());
            } else if (v instanceof Instant t) {
              ps.setString(p, t.toString());
            } else {
              ps.setString(p, v.toString());
            }
          }
          ps.addBatch();
          count[0]++;
          if (count[0] % 1000 == 0) {
            ps.executeBatch();
          }
          if (count[0] % 100_000 == 0) {
            options.report("WRITING", count[0], 0);
          }
        } catch (SQLException e) {
          throw new IOException("cannot write row " + (count[0] + 1) + " of " + table + ": " + e.getMessage(), e);
        }
      });
      ps.executeBatch();
    }
    if (!extent.isNull()) {
      try (PreparedStatement ps = conn.prepareStatement(
          "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?")) {
        ps.setDouble(1, extent.getMinX());
        ps.setDouble(2, extent.getMinY());
        ps.setDouble(3, extent.getMaxX());
        ps.setDouble(4, extent.getMaxY());
        ps.setString(5, table);
        ps.executeUpdate();
      }
    }
    conn.commit();
    conn.setAutoCommit(autoCommit);
  }

  private static boolean containsIgnoreCase(List<String> list, String s) {
    for (String x : list) {
      if (x.equalsIgnoreCase(s)) {
        return true;
      }
    }
    return false;
  }

  /** GeoPackage binary: "GP", version 0, flags (little endian, envelope xy unless empty), srs id, envelope, WKB. */
  static byte[] gpkgBinary(Geometry g, long srsId, WKBWriter writer) {
    byte[] wkb = writer.write(g);
    boolean empty = g.isEmpty();
    int envelopeBytes = empty ? 0 : 32;
    ByteBuffer b = ByteBuffer.allocate(8 + envelopeBytes + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'G').put((byte) 'P').put((byte) 0);
    int flags = 0x01 /* little endian */ | (empty ? 0x10 | 0 : 0x02 /* envelope xy */);
    b.put((byte) flags);
    b.putInt((int) srsId);
    if (!empty) {
      Envelope e = g.getEnvelopeInternal();
      b.putDouble(e.getMinX()).putDouble(e.getMaxX()).putDouble(e.getMinY()).putDouble(e.getMaxY());
    }
    b.put(wkb);
    return b.array();
  }
}
