package org.wangge.planning;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * One grid of a plan.
 *
 * @param key the plan's own identifier of the grid ({@code k1}, {@code k2}, ...), stable across edits
 *     that keep the grid
 * @param code the grid code it will have when published, or {@code null} for a new grid (numbered
 *     at publish)
 * @param baseCodes the codes of the base grids it was made from
 * @param boundary lon/lat, SRID 4326, Polygon or MultiPolygon
 */
record PlanGrid(String key, String code, String name, String communityCode, List<String> baseCodes, Geometry boundary) {

  PlanGrid withBoundary(Geometry g) {
    return new PlanGrid(key, code, name, communityCode, baseCodes, g);
  }
}
