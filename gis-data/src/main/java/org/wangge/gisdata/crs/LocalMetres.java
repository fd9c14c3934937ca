package org.wangge.gisdata.crs;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * A local equirectangular projection around a centre: x metres east and y metres north of it ↔
 * longitude/latitude (EPSG:4326). Metres per degree are the ellipsoidal ones at the centre's
 * latitude, so lengths and areas are good to a few parts in a thousand over a city (the scale error
 * grows with the distance in latitude from the centre: about 0.1 % at 20 km). It is linear, so areas
 * scale by one constant, and identical input coordinates give identical output coordinates, so
 * exactly shared vertices stay exactly shared.
 *
 * <p>Used wherever Wangge measures in metres (tolerances, areas, cut lines, the synthetic city);
 * for exact work between published systems use {@link CoordinateSystem}. Immutable, thread-safe.
 */
public final class LocalMetres {

  /** Longitude/latitude, SRID 4326, floating precision: the factory of every lon/lat result. */
  public static final GeometryFactory LON_LAT = new GeometryFactory(new PrecisionModel(), 4326);

  private final double lon0;
  private final double lat0;
  private final double metresPerDegreeLon;
  private final double metresPerDegreeLat;

  private LocalMetres(double lon0, double lat0) {
    this.lon0 = lon0;
    this.lat0 = lat0;
    double phi = Math.toRadians(lat0);
    this.metresPerDegreeLat = 111132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
    this.metresPerDegreeLon = Math.max(1e-6, 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi));
  }

  /** The projection centred on a point (longitude, latitude in degrees). */
  public static LocalMetres at(double lon0, double lat0) {
    return new LocalMetres(lon0, lat0);
  }

  /** The projection centred on the middle of an envelope (lon/lat). */
  public static LocalMetres around(Envelope lonLat) {
    return new LocalMetres(lonLat.centre().x, lonLat.centre().y);
  }

  /** The projection centred on the middle of a geometry's envelope (lon/lat). */
  public static LocalMetres around(Geometry lonLat) {
    return around(lonLat.getEnvelopeInternal());
  }

  public double x(double lon) {
    return (lon - lon0) * metresPerDegreeLon;
  }

  public double y(double lat) {
    return (lat - lat0) * metresPerDegreeLat;
  }

  public double lon(double x) {
    return lon0 + x / metresPerDegreeLon;
  }

  public double lat(double y) {
    return lat0 + y / metresPerDegreeLat;
  }

  /** Degrees that span at most {@code metres} in every direction (a degree of latitude is longer). */
  public double degrees(double metres) {
    return metres / metresPerDegreeLat;
  }

  /** Square metres per square degree at the centre. */
  public double squareMetresPerSquareDegree() {
    return metresPerDegreeLon * metresPerDegreeLat;
  }

  /** Area in m² of a lon/lat geometry. */
  public double squareMetres(Geometry lonLat) {
    return lonLat.getArea() * squareMetresPerSquareDegree();
  }

  /** A copy of a lon/lat geometry in metres (same factory). */
  public Geometry toMetres(Geometry lonLat) {
    Geometry g = lonLat.copy();
    g.apply(
        new Filter() {
          @Override
          void map(CoordinateSequence seq, int i) {
            seq.setOrdinate(i, 0, x(seq.getX(i)));
            seq.setOrdinate(i, 1, y(seq.getY(i)));
          }
        });
    return g;
  }

  /** A copy of a metric geometry in lon/lat, built by {@link #LON_LAT} (SRID 4326). */
  public Geometry toLonLat(Geometry metres) {
    Geometry g = LON_LAT.createGeometry(metres);
    g.apply(
        new Filter() {
          @Override
          void map(CoordinateSequence seq, int i) {
            seq.setOrdinate(i, 0, lon(seq.getX(i)));
            seq.setOrdinate(i, 1, lat(seq.getY(i)));
          }
        });
    return g;
  }

  private abstract static class Filter implements CoordinateSequenceFilter {
    abstract void map(CoordinateSequence seq, int i);

    @Override
    public void filter(CoordinateSequence seq, int i) {
      map(seq, i);
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
