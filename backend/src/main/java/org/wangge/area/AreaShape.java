package org.wangge.area;

import org.locationtech.jts.geom.MultiPolygon;

/** An area's current version with its boundary (lon/lat, SRID 4326). */
public record AreaShape(AreaView area, MultiPolygon boundary) {

  static AreaShape of(Area area) {
    return new AreaShape(AreaView.of(area), area.boundary());
  }
}
