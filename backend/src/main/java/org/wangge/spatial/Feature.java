package org.wangge.spatial;

import org.locationtech.jts.geom.Geometry;

/**
 * An RFC 7946 Feature. The geometry is written as GeoJSON by {@link GeoJsonConfiguration}.
 *
 * @param id the feature's identifier (a code), or {@code null}
 * @param geometry lon/lat, or {@code null}
 * @param properties any JSON-serialisable value, usually a record
 */
public record Feature<P>(String type, String id, Geometry geometry, P properties) {

  public static <P> Feature<P> of(String id, Geometry geometry, P properties) {
    return new Feature<>("Feature", id, geometry, properties);
  }
}
