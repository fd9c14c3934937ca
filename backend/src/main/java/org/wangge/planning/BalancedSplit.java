package org.wangge.planning;

import java.util.List;
import org.locationtech.jts.geom.Polygon;

/**
 * A suggested split of one grid into parts balanced by households ({@link
 * BoundaryEdits#balancedSplit}).
 *
 * @param parts the parts (lon/lat), in {@link GridNumbering} order; together they cover the grid
 *     inside its community exactly, share their edges vertex for vertex and do not overlap
 * @param householdsPerPart households of the addresses inside each part, in the order of {@code
 *     parts} (an address on a shared edge counts once, for the first part in that order)
 * @param imbalance {@code (max − min) / mean} of {@code householdsPerPart}: 0 is a perfect balance
 */
public record BalancedSplit(List<Polygon> parts, int[] householdsPerPart, double imbalance) {

  public BalancedSplit {
    parts = List.copyOf(parts);
    householdsPerPart = householdsPerPart.clone();
  }

  @Override
  public int[] householdsPerPart() {
    return householdsPerPart.clone();
  }
}
