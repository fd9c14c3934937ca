package org.wangge.planning;

import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

/**
 * The plan edits' geometry, routed to {@link BoundaryEdits}. The operations {@link BoundaryEdits}
 * does not offer yet (move a shared edge, replace with neighbours adjusted, balanced split) throw
 * {@link UnsupportedOperationException}: the API answers 501 for those edit kinds until they land.
 */
final class GeometryOps {

  private GeometryOps() {}

  static List<Geometry> moveSharedEdge(Geometry a, Geometry b, LineString line) {
    throw new UnsupportedOperationException("MOVE_EDGE is not available yet (BoundaryEdits.moveSharedEdge)");
  }

  static Map<String, Geometry> replace(String key, Geometry boundary, Map<String, Geometry> neighbours) {
    throw new UnsupportedOperationException("REPLACE is not available yet (BoundaryEdits.replace)");
  }

  /** Parts, households per part and imbalance. */
  record Balanced(List<? extends Geometry> parts, int[] householdsPerPart, double imbalance) {}

  static Balanced balancedSplit(Geometry grid, Geometry community, double[] lons, double[] lats, int[] households, int parts) {
    throw new UnsupportedOperationException("AUTO_SPLIT is not available yet (BoundaryEdits.balancedSplit)");
  }
}
