package org.wangge.planning;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * A local equirectangular projection around a point: x metres east and y metres north of it ↔
 * longitude/latitude in EPSG:4326. Good to a few parts in a thousand over a city, which is plenty
 * for tolerances, areas compared with each other and cut positions; it is linear, so areas scale
 * by one constant. Edits never send an input vertex through it (the results keep the input's
 * coordinates bit for bit); only new geometry (cut lines) is built in it. Immutable, thread-safe.
 */
final class LocalMetric {

  private final double lon0;
  private final double lat0;
  private final double metresPerDegreeLon;
  private final double metresPerDegreeLat;

  private LocalMetric(double lon0, double lat0) {
    this.lon0 = lon0;
    this.lat0 = lat0;
    double phi = Math.toRadians(lat0);
    this.metresPerDegreeLat = 111132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
    this.metresPerDegreeLon =
        Math.max(1.0, 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi));
  }

  /** Centred on the middle of the geometry's envelope. */
  static LocalMetric around(Geometry geometry) {
    Envelope e = geometry.getEnvelopeInternal();
    return new LocalMetric(e.centre().x, e.centre().y);
  }

  double x(double lon) {
    return (lon - lon0) * metresPerDegreeLon;
  }

  double y(double lat) {
    return (lat - lat0) * metresPerDegreeLat;
  }

  double lon(double x) {
    return lon0 + x / metresPerDegreeLon;
  }

  double lat(double y) {
    return lat0 + y / metresPerDegreeLat;
  }

  /** Degrees that span at most {@code metres} in every direction (the latitude degree is longer). */
  double degrees(double metres) {
    return metres / metresPerDegreeLat;
  }

  /** Area in m² of a lon/lat geometry. */
  double squareMetres(Geometry lonLat) {
    return lonLat.getArea() * metresPerDegreeLon * metresPerDegreeLat;
  }

  /** A copy of a lon/lat geometry in metres. */
  Geometry toMetres(Geometry lonLat) {
    Geometry copy = lonLat.copy();
    copy.apply(
        new Filter() {
          @Override
          void map(Coordinate c) {
            c.x = x(c.x);
            c.y = y(c.y);
          }
        });
    copy.geometryChanged();
    return copy;
  }

  /** A copy of a metric geometry in lon/lat. */
  Geometry toLonLat(Geometry metres) {
    Geometry copy = metres.copy();
    copy.apply(
        new Filter() {
          @Override
          void map(Coordinate c) {
            c.x = lon(c.x);
            c.y = lat(c.y);
          }
        });
    copy.geometryChanged();
    return copy;
  }

  private abstract static class Filter implements CoordinateSequenceFilter {
    abstract void map(Coordinate c);

    @Override
    public void filter(CoordinateSequence seq, int i) {
      Coordinate c = seq.getCoordinateCopy(i);
      map(c);
      seq.setOrdinate(i, CoordinateSequence.X, c.x);
      seq.setOrdinate(i, CoordinateSequence.Y, c.y);
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
}
