package org.wangge.gisdata.crs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.Projection;

/**
 * A coordinate reference system in which GIS files reach us, with conversion to and from WGS84
 * (EPSG:4326, lon/lat). Supported: WGS84, CGCS2000 (EPSG:4490), Web Mercator (EPSG:3857), GCJ-02,
 * BD-09 and the CGCS2000 Gauss-Krüger systems EPSG:4491–4554 (6° zones 4491–4512, 3° zones
 * 4513–4554; each with and without the zone number prefixed to the easting).
 *
 * <p>CGCS2000 is converted as the identity to WGS84 (they agree to centimetres, as {@link
 * CoordinateSystem} does), so the Gauss-Krüger systems are the transverse Mercator projection of
 * the WGS84 coordinates on the CGCS2000 ellipsoid (proj4j), and Web Mercator the spherical Mercator
 * of them. GCJ-02 and BD-09 use {@link ChinaOffsets}. Axis order is always x = easting/longitude, y
 * = northing/latitude (EPSG:4490's official lat/lon order is not applied).
 *
 * <p>Immutable and thread-safe; equality by {@link #code()}.
 */
public final class Crs {

  private enum Kind {
    WGS84,
    CGCS2000,
    MERCATOR,
    GCJ02,
    BD09,
    GAUSS_KRUGER
  }

  private static final double CGCS2000_A = 6378137.0;
  private static final double CGCS2000_RF = 298.257222101;

  public static final Crs WGS84 =
      new Crs("EPSG:4326", 4326, "WGS 84", Kind.WGS84, 0, 0, 0, null, wgs84Gcs());

  public static final Crs CGCS2000 =
      new Crs("EPSG:4490", 4490, "China Geodetic Coordinate System 2000", Kind.CGCS2000, 0, 0, 0,
          null, cgcs2000Gcs());

  public static final Crs WEB_MERCATOR =
      new Crs("EPSG:3857", 3857, "WGS 84 / Pseudo-Mercator", Kind.MERCATOR, 0, 0, 0,
          projection("+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1"
              + " +units=m +no_defs"),
          "PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\"," + wgs84Gcs()
              + ",PROJECTION[\"Mercator_Auxiliary_Sphere\"],PARAMETER[\"False_Easting\",0.0],"
              + "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",0.0],"
              + "PARAMETER[\"Standard_Parallel_1\",0.0],PARAMETER[\"Auxiliary_Sphere_Type\",0.0],"
              + "UNIT[\"Meter\",1.0]]");

  public static final Crs GCJ02 =
      new Crs("GCJ-02", 0, "GCJ-02 (China's offset lon/lat, Amap/Tencent)", Kind.GCJ02, 0, 0, 0,
          null, wgs84Gcs());

  public static final Crs BD09 =
      new Crs("BD-09", 0, "BD-09 (Baidu's offset lon/lat)", Kind.BD09, 0, 0, 0, null, wgs84Gcs());

  private static final Map<String, Crs> BY_CODE;

  static {
    Map<String, Crs> all = new LinkedHashMap<>();
    for (Crs c : List.of(WGS84, CGCS2000, WEB_MERCATOR, GCJ02, BD09)) {
      all.put(c.code, c);
    }
    for (int code = 4491; code <= 4554; code++) {
      Crs c = gaussKruger(code);
      all.put(c.code, c);
    }
    BY_CODE = Collections.unmodifiableMap(all);
  }

  /** Names {@link #parse} accepts, for error messages. */
  public static final String ACCEPTED_NAMES =
      "EPSG:4326 (or 4326, WGS84, CRS84), EPSG:4490 (CGCS2000), EPSG:3857, EPSG:4491..4554"
          + " (CGCS2000 Gauss-Kruger), GCJ-02, BD-09; also as"
          + " http://www.opengis.net/def/crs/EPSG/0/<code> or urn:ogc:def:crs:EPSG::<code>";

  private static final GeometryFactory WGS84_FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

  private final String code;
  private final int epsg;
  private final String name;
  private final Kind kind;
  private final double centralMeridian;
  private final double falseEasting;
  private final int degrees; // 3 or 6 for Gauss-Kruger
  private final Projection projection;
  private final String esriWkt;
  private final GeometryFactory factory;

  private Crs(String code, int epsg, String name, Kind kind, double centralMeridian,
      double falseEasting, int degrees, Projection projection, String esriWkt) {
    this.code = code;
    this.epsg = epsg;
    this.name = name;
    this.kind = kind;
    this.centralMeridian = centralMeridian;
    this.falseEasting = falseEasting;
    this.degrees = degrees;
    this.projection = projection;
    this.esriWkt = esriWkt;
    this.factory = new GeometryFactory(new PrecisionModel(), epsg);
  }

  private static Crs gaussKruger(int code) {
    int degrees;
    int zone;
    boolean prefixed;
    double cm;
    if (code <= 4512) {
      degrees = 6;
      prefixed = code <= 4501;
      int i = prefixed ? code - 4491 : code - 4502; // 0..10
      zone = 13 + i;
      cm = 75 + 6 * i;
    } else {
      degrees = 3;
      prefixed = code <= 4533;
      int i = prefixed ? code - 4513 : code - 4534; // 0..20
      zone = 25 + i;
      cm = 75 + 3 * i;
    }
    double fe = prefixed ? zone * 1_000_000.0 + 500_000.0 : 500_000.0;
    int cmInt = (int) cm;
    String name =
        "CGCS2000 / " + (degrees == 3 ? "3-degree " : "") + "Gauss-Kruger "
            + (prefixed ? "zone " + zone : "CM " + cmInt + "E");
    String esriName =
        "CGCS2000_" + (degrees == 3 ? "3_Degree_" : "") + "GK_"
            + (prefixed ? "Zone_" + zone : "CM_" + cmInt + "E");
    String wkt =
        "PROJCS[\"" + esriName + "\"," + cgcs2000Gcs() + ",PROJECTION[\"Gauss_Kruger\"],"
            + "PARAMETER[\"False_Easting\"," + fe + "],PARAMETER[\"False_Northing\",0.0],"
            + "PARAMETER[\"Central_Meridian\"," + cm + "],PARAMETER[\"Scale_Factor\",1.0],"
            + "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
    Projection p =
        projection("+proj=tmerc +lat_0=0 +lon_0=" + cmInt + " +k=1 +x_0=" + (long) fe
            + " +y_0=0 +ellps=GRS80 +units=m +no_defs");
    return new Crs("EPSG:" + code, code, name, Kind.GAUSS_KRUGER, cm, fe, degrees, p, wkt);
  }

  private static Projection projection(String params) {
    return new CRSFactory().createFromParameters(null, params).getProjection();
  }

  private static String wgs84Gcs() {
    return "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
        + "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
  }

  private static String cgcs2000Gcs() {
    return "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\","
        + "SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],"
        + "UNIT[\"Degree\",0.0174532925199433]]";
  }

  /**
   * The system with this EPSG code: 4326, 4490, 3857 or 4491..4554.
   *
   * @throws IllegalArgumentException for any other code
   */
  public static Crs epsg(int code) {
    Crs c = BY_CODE.get("EPSG:" + code);
    if (c == null) {
      throw new IllegalArgumentException(
          "EPSG:" + code + " is not a supported coordinate system; supported: " + ACCEPTED_NAMES);
    }
    return c;
  }

  private static final Pattern EPSG_FORM =
      Pattern.compile(
          "(?:EPSG:{1,2}|HTTPS?://WWW\\.OPENGIS\\.NET/DEF/CRS/EPSG/[0-9.]+/"
              + "|URN:OGC:DEF:CRS:EPSG:[0-9.]*:)?([0-9]{4,5})");

  /**
   * The system with this name: "EPSG:4547", "4547", "epsg:4547", "CRS84", "WGS84", "CGCS2000",
   * "GCJ-02", "GCJ02", "BD-09", "BD09", "http://www.opengis.net/def/crs/EPSG/0/4547",
   * "urn:ogc:def:crs:EPSG::4547", the OGC CRS84 URI. Case-insensitive, blanks around ignored.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Crs parse(String name) {
    Objects.requireNonNull(name, "name");
    String n = name.strip().toUpperCase(Locale.ROOT);
    switch (n) {
      case "CRS84", "WGS84", "WGS-84", "WGS 84", "OGC:CRS84",
          "HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84",
          "HTTPS://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84" -> {
        return WGS84;
      }
      case "CGCS2000", "CGCS 2000" -> {
        return CGCS2000;
      }
      case "GCJ-02", "GCJ02" -> {
        return GCJ02;
      }
      case "BD-09", "BD09" -> {
        return BD09;
      }
      default -> {}
    }
    Matcher m = EPSG_FORM.matcher(n);
    if (m.matches()) {
      int code = Integer.parseInt(m.group(1));
      Crs c = BY_CODE.get("EPSG:" + code);
      if (c != null) {
        return c;
      }
      throw new IllegalArgumentException(
          "EPSG:" + code + " is not a supported coordinate system; supported: " + ACCEPTED_NAMES);
    }
    throw new IllegalArgumentException(
        "unknown coordinate system '" + name + "'; accepted: " + ACCEPTED_NAMES);
  }

  /** Every supported system, in a stable order (geographic first, then by EPSG code). */
  public static List<Crs> supported() {
    return List.copyOf(BY_CODE.values());
  }

  /**
   * Recognises the system a WKT describes (a shapefile .prj in ESRI or OGC flavour, WKT1 or WKT2, a
   * GeoPackage definition): a top-level {@code AUTHORITY["EPSG",n]} / {@code ID["EPSG",n]} if
   * present, else by datum + projection parameters (central meridian, false easting, scale)
   * matched against the supported systems. Empty when it cannot tell (unknown datum such as Xian
   * 1980 or Beijing 1954, another projection, unsupported EPSG code, unparsable text).
   */
  public static Optional<Crs> fromWkt(String wkt) {
    if (wkt == null || wkt.isBlank()) {
      return Optional.empty();
    }
    Wkt.Node root;
    try {
      root = Wkt.parse(wkt);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Integer code = root.authorityCode();
    if (code != null) {
      return Optional.ofNullable(BY_CODE.get("EPSG:" + code));
    }
    String top = root.keyword;
    if (top.equals("GEOGCS") || top.equals("GEOGCRS") || top.equals("GEODCRS")
        || top.equals("GEOGRAPHICCRS")) {
      return geographic(root);
    }
    if (top.equals("PROJCS") || top.equals("PROJCRS") || top.equals("PROJECTEDCRS")) {
      return projected(root);
    }
    return Optional.empty();
  }

  private enum Datum {
    WGS84,
    CGCS2000,
    OTHER
  }

  private static Datum datum(Wkt.Node geog) {
    if (geog == null) {
      return Datum.OTHER;
    }
    Integer code = geog.authorityCode();
    if (code != null) {
      return code == 4326 ? Datum.WGS84 : code == 4490 ? Datum.CGCS2000 : Datum.OTHER;
    }
    Wkt.Node datum = geog.child("DATUM", "GEODETICDATUM", "TRF");
    String dn = datum == null ? "" : norm(datum.text(0));
    String gn = norm(geog.text(0));
    Wkt.Node spheroid = datum == null ? null : datum.child("SPHEROID", "ELLIPSOID");
    double a = spheroid == null ? Double.NaN : spheroid.number(1);
    double rf = spheroid == null ? Double.NaN : spheroid.number(2);
    if (dn.contains("CHINA2000") || dn.contains("CGCS2000") || gn.contains("CGCS2000")
        || gn.contains("CHINAGEODETICCOORDINATESYSTEM2000")) {
      return close(a, CGCS2000_A, 0.01) && close(rf, CGCS2000_RF, 1e-6) ? Datum.CGCS2000 : Datum.OTHER;
    }
    if (dn.equals("WGS1984") || dn.equals("DWGS1984") || dn.equals("WGS84")
        || dn.equals("WORLDGEODETICSYSTEM1984")) {
      return close(a, 6378137.0, 0.01) && close(rf, 298.257223563, 1e-6) ? Datum.WGS84 : Datum.OTHER;
    }
    return Datum.OTHER;
  }

  private static Optional<Crs> geographic(Wkt.Node g) {
    if (!degreeUnit(g)) {
      return Optional.empty();
    }
    return switch (datum(g)) {
      case WGS84 -> Optional.of(WGS84);
      case CGCS2000 -> Optional.of(CGCS2000);
      case OTHER -> Optional.empty();
    };
  }

  private static boolean degreeUnit(Wkt.Node g) {
    Wkt.Node unit = g.child("UNIT", "ANGLEUNIT");
    if (unit == null) {
      return true; // WKT2 may put the unit on each axis; assume degrees
    }
    return close(unit.number(1), Math.PI / 180, 1e-12);
  }

  private static Optional<Crs> projected(Wkt.Node p) {
    Wkt.Node geog = p.child("GEOGCS", "BASEGEOGCRS", "BASEGEODCRS", "GEOGCRS");
    Datum datum = datum(geog);
    String projName = "";
    Wkt.Node projection = p.child("PROJECTION");
    if (projection != null) {
      projName = norm(projection.text(0));
    } else {
      Wkt.Node conversion = p.child("CONVERSION");
      Wkt.Node method = conversion == null ? null : conversion.child("METHOD", "PROJECTION");
      projName = method == null ? "" : norm(method.text(0));
    }
    Map<String, Double> params = new LinkedHashMap<>();
    List<Wkt.Node> paramNodes = new ArrayList<>(p.children("PARAMETER"));
    Wkt.Node conversion = p.child("CONVERSION");
    if (conversion != null) {
      paramNodes.addAll(conversion.children("PARAMETER"));
    }
    for (Wkt.Node n : paramNodes) {
      params.put(norm(n.text(0)), n.number(1));
    }
    Wkt.Node unit = p.child("UNIT", "LENGTHUNIT");
    if (unit != null && !close(unit.number(1), 1.0, 1e-9)) {
      return Optional.empty();
    }
    String pn = norm(p.text(0));
    if (projName.contains("MERCATORAUXILIARYSPHERE") || pn.contains("PSEUDOMERCATOR")
        || pn.contains("WEBMERCATOR") || projName.contains("POPULARVISUALISATION")) {
      return datum == Datum.WGS84 ? Optional.of(WEB_MERCATOR) : Optional.empty();
    }
    if (!(projName.equals("TRANSVERSEMERCATOR") || projName.equals("GAUSSKRUGER"))
        || datum != Datum.CGCS2000) {
      return Optional.empty();
    }
    double cm = param(params, 0, "CENTRALMERIDIAN", "LONGITUDEOFNATURALORIGIN", "LONGITUDEOFORIGIN");
    double fe = param(params, 0, "FALSEEASTING");
    double fn = param(params, 0, "FALSENORTHING");
    double k = param(params, 1, "SCALEFACTOR", "SCALEFACTORATNATURALORIGIN");
    double lat0 = param(params, 0, "LATITUDEOFORIGIN", "LATITUDEOFNATURALORIGIN");
    if (!close(fn, 0, 1e-6) || !close(k, 1, 1e-9) || !close(lat0, 0, 1e-9)) {
      return Optional.empty();
    }
    // Prefer the 3° family when the name says so; both families share some meridians.
    boolean threeDegree = pn.contains("3DEGREE");
    Crs match = null;
    for (Crs c : BY_CODE.values()) {
      if (c.kind == Kind.GAUSS_KRUGER && close(c.centralMeridian, cm, 1e-9)
          && close(c.falseEasting, fe, 1e-3)) {
        if (match == null || (c.degrees == 3) == threeDegree) {
          match = c;
        }
      }
    }
    return Optional.ofNullable(match);
  }

  private static double param(Map<String, Double> params, double fallback, String... names) {
    for (String n : names) {
      Double v = params.get(n);
      if (v != null) {
        return v;
      }
    }
    return fallback;
  }

  private static String norm(String s) {
    return s == null ? "" : s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
  }

  private static boolean close(double a, double b, double tolerance) {
    return Math.abs(a - b) <= tolerance;
  }

  /** "EPSG:4547", "GCJ-02", "BD-09". */
  public String code() {
    return code;
  }

  /** The EPSG code; empty for GCJ-02 and BD-09. */
  public OptionalInt epsg() {
    return epsg == 0 ? OptionalInt.empty() : OptionalInt.of(epsg);
  }

  /** A human name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E". */
  public String name() {
    return name;
  }

  /** True for Web Mercator and the Gauss-Krüger systems (metres). */
  public boolean projected() {
    return projection != null;
  }

  /**
   * The ESRI-flavour WKT for a shapefile .prj (as GDAL writes it); GCJ-02 and BD-09 give WGS84's
   * GEOGCS, as no WKT can describe them.
   */
  public String esriWkt() {
    return esriWkt;
  }

  /** Central meridian of a Gauss-Krüger system in degrees; NaN for the others. */
  double centralMeridian() {
    return kind == Kind.GAUSS_KRUGER ? centralMeridian : Double.NaN;
  }

  /** This system's coordinates of a point in WGS84 {@code {lon, lat}}. */
  public double[] toWgs84(double x, double y) {
    return switch (kind) {
      case WGS84, CGCS2000 -> new double[] {x, y};
      case GCJ02 -> ChinaOffsets.gcj02ToWgs84(x, y);
      case BD09 -> ChinaOffsets.bd09ToWgs84(x, y);
      case MERCATOR, GAUSS_KRUGER -> {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
          yield new double[] {Double.NaN, Double.NaN};
        }
        ProjCoordinate out = projection.inverseProject(new ProjCoordinate(x, y), new ProjCoordinate());
        yield new double[] {out.x, out.y};
      }
    };
  }

  /** WGS84 {@code {lon, lat}} converted to this system {@code {x, y}}. */
  public double[] fromWgs84(double lon, double lat) {
    return switch (kind) {
      case WGS84, CGCS2000 -> new double[] {lon, lat};
      case GCJ02 -> ChinaOffsets.wgs84ToGcj02(lon, lat);
      case BD09 -> ChinaOffsets.wgs84ToBd09(lon, lat);
      case MERCATOR, GAUSS_KRUGER -> {
        if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
          yield new double[] {Double.NaN, Double.NaN};
        }
        ProjCoordinate out = projection.project(new ProjCoordinate(lon, lat), new ProjCoordinate());
        yield new double[] {out.x, out.y};
      }
    };
  }

  /** A new geometry in WGS84 (SRID 4326, lon/lat). */
  public Geometry toWgs84(Geometry g) {
    if (g == null) {
      return null;
    }
    Geometry copy = WGS84_FACTORY.createGeometry(g);
    if (kind != Kind.WGS84 && kind != Kind.CGCS2000) {
      copy.apply(new Mapper(true));
      copy.geometryChanged();
    }
    return copy;
  }

  /** A new geometry in this system (SRID = the EPSG code, 0 for GCJ-02/BD-09). */
  public Geometry fromWgs84(Geometry g) {
    if (g == null) {
      return null;
    }
    Geometry copy = factory.createGeometry(g);
    if (kind != Kind.WGS84 && kind != Kind.CGCS2000) {
      copy.apply(new Mapper(false));
      copy.geometryChanged();
    }
    return copy;
  }

  private final class Mapper implements CoordinateSequenceFilter {
    private final boolean toWgs84;

    Mapper(boolean toWgs84) {
      this.toWgs84 = toWgs84;
    }

    @Override
    public void filter(CoordinateSequence seq, int i) {
      double[] r = toWgs84 ? toWgs84(seq.getX(i), seq.getY(i)) : fromWgs84(seq.getX(i), seq.getY(i));
      seq.setOrdinate(i, 0, r[0]);
      seq.setOrdinate(i, 1, r[1]);
    }

    @Override
    public boolean isDone() {
      return false;
    }

    @Override
    public boolean isGeometryChanged() {
      return true;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Crs other && other.code.equals(code);
  }

  @Override
  public int hashCode() {
    return code.hashCode();
  }

  @Override
  public String toString() {
    return code;
  }
}
