package org.wangge.gisdata.crs;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.locationtech.jts.geom.Geometry;

/** TEMPORARY stub of the contract's Crs (replaced by gisdata-io's on merge). */
public final class Crs {
  public static final Crs WGS84 = new Crs("EPSG:4326");
  private final String code;

  private Crs(String code) {
    this.code = code;
  }

  public static Crs epsg(int code) {
    if (code == 4326) {
      return WGS84;
    }
    throw new IllegalArgumentException("unsupported EPSG:" + code);
  }

  public static Crs parse(String name) {
    String n = name.trim().toUpperCase();
    if (n.equals("EPSG:4326") || n.equals("4326") || n.equals("WGS84") || n.equals("CRS84")) {
      return WGS84;
    }
    throw new IllegalArgumentException("unknown coordinate system '" + name + "'");
  }

  public static Optional<Crs> fromWkt(String wkt) {
    return Optional.empty();
  }

  public static List<Crs> supported() {
    return List.of(WGS84);
  }

  public String code() {
    return code;
  }

  public OptionalInt epsg() {
    return OptionalInt.of(4326);
  }

  public String name() {
    return code;
  }

  public boolean projected() {
    return false;
  }

  public Geometry toWgs84(Geometry g) {
    Geometry c = g.copy();
    c.setSRID(4326);
    return c;
  }

  public double[] toWgs84(double x, double y) {
    return new double[] {x, y};
  }
}
