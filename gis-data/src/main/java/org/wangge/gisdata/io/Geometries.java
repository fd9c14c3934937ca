package org.wangge.gisdata.io;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/** Geometry type names and layer extent/type accumulation. */
final class Geometries {

  private Geometries() {}

  /** Accumulates a layer's count, extent and geometry type while scanning. */
  static final class Summary {
    long count;
    final Envelope extent = new Envelope();
    String type;
    boolean mixed;

    void add(Geometry g) {
      count++;
      if (g == null) {
        return;
      }
      if (!g.isEmpty()) {
        extent.expandToInclude(g.getEnvelopeInternal());
      }
      String t = g.getGeometryType();
      if (type == null) {
        type = t;
      } else if (!type.equals(t)) {
        String u = union(type, t);
        if (u == null) {
          mixed = true;
          type = "Geometry";
        } else if (!mixed) {
          type = u;
        }
      }
    }

    double[] extentArray() {
      return extent.isNull()
          ? null
          : new double[] {extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY()};
    }
  }

  /** The multi type covering both, or null. */
  static String union(String a, String b) {
    if (a.equals(b)) {
      return a;
    }
    String ba = base(a);
    if (ba.equals(base(b))) {
      return "Multi" + ba;
    }
    return null;
  }

  static String base(String t) {
    return t.startsWith("Multi") ? t.substring(5) : t;
  }
}
