package org.wangge.coverage;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * A local equirectangular projection around a centre: x metres east, y metres north of it ↔
 * longitude/latitude (EPSG:4326). Metres per degree are the ellipsoidal ones at the centre's
 * latitude (the formula of gis-data's generator), so lengths and areas are good to a few parts in
 * a thousand over a city (the scale error grows with the distance in latitude from the centre:
 * about 0.1 % at 20 km). Identical input coordinates give identical output coordinates, so
 * exactly shared vertices stay exactly shared. Immutable, thread-safe.
 */
final class LocalMetres {

  /** Longitude/latitude, SRID 4326, floating precision. */
  static final GeometryFactory LON_LAT = new GeometryFactory(new PrecisionModel(), 4326);

  private final double lon0;
  private final double lat0;
  private final double metresPerDegreeLon;
  private final double metresPerDegreeLat;

  LocalMetres(double lon0, double lat0) {
    this.lon0 = lon0;
    this.lat0 = lat0;
    double phi = Math.toRadians(lat0);
    this.metresPerDegreeLat = 111132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
    this.metresPerDegreeLon = Math.max(1e-6, 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi));
  }

  /** The projection centred on the middle of an envelope (lon/lat). */
  static LocalMetres around(Envelope lonLat) {
    return new LocalMetres(lonLat.centre().x, lonLat.centre().y);
  }

  /** A copy of a lon/lat geometry in metres (same factory). */
  Geometry toMetres(Geometry lonLat) {
    Geometry g = lonLat.copy();
    g.apply(
        new Filter() {
          @Override
          void map(CoordinateSequence seq, int i) {
            seq.setOrdinate(i, 0, (seq.getX(i) - lon0) * metresPerDegreeLon);
            seq.setOrdinate(i, 1, (seq.getY(i) - lat0) * metresPerDegreeLat);
          }
        });
    return g;
  }

  /** A copy of a metric geometry in lon/lat, built by {@link #LON_LAT} (SRID 4326). */
  Geometry toLonLat(Geometry metres) {
    Geometry g = LON_LAT.createGeometry(metres);
    g.apply(
        new Filter() {
          @Override
          void map(CoordinateSequence seq, int i) {
            seq.setOrdinate(i, 0, lon0 + seq.getX(i) / metresPerDegreeLon);
            seq.setOrdinate(i, 1, lat0 + seq.getY(i) / metresPerDegreeLat);
          }
        });
    return g;
  }

  /** Area in m² of a lon/lat geometry. */
  double areaSquareMetres(Geometry lonLat) {
    return lonLat.getArea() * metresPerDegreeLon * metresPerDegreeLat;
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
