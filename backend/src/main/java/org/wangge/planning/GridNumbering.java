package org.wangge.planning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * The numbering order of grids inside a community (DOMAIN.md, after Beijing DB11/T 2157-2023):
 * <b>west to east, then north to south</b>, i.e. in rows read like text.
 *
 * <p>Rows are formed from the grids' centroids (lon/lat EPSG:4326). The <em>typical grid
 * height</em> {@code h} is the median of the grids' envelope heights in degrees of latitude. Grids
 * are taken from north to south by centroid latitude; a grid joins the current row when its
 * centroid lies less than {@code h / 2} south of the centroid of the row's first (northernmost)
 * grid, otherwise it starts a new row. Inside a row grids go from west to east by centroid
 * longitude. Ties (equal coordinates) fall back to the key's natural order, so the order is a pure
 * function of the geometries and keys: the same input always numbers the same way, and moving one
 * grid by less than half a typical grid changes at most its own row.
 *
 * <p>Static, stateless and thread-safe. Empty geometries are refused.
 */
public final class GridNumbering {

  private GridNumbering() {}

  /**
   * The keys of {@code grids} in numbering order.
   *
   * @param grids key (a grid code or plan key) → boundary (Polygon or MultiPolygon, lon/lat)
   * @throws IllegalArgumentException if a geometry is null or empty
   */
  public static List<String> order(Map<String, ? extends Geometry> grids) {
    List<Item<String>> items = new ArrayList<>();
    grids.forEach((key, geometry) -> items.add(item(key, key, geometry)));
    return ordered(items);
  }

  /** The geometries in numbering order (ties keep their order in {@code geometries}). */
  public static <G extends Geometry> List<G> sort(Collection<G> geometries) {
    List<Item<G>> items = new ArrayList<>();
    int i = 0;
    for (G g : geometries) {
      items.add(item(String.format("%010d", i++), g, g));
    }
    return ordered(items);
  }

  private record Item<T>(String tie, T value, double lon, double lat, double height) {}

  private static <T> Item<T> item(String tie, T value, Geometry geometry) {
    if (geometry == null || geometry.isEmpty()) {
      throw new IllegalArgumentException("grid " + tie + " has no boundary");
    }
    Point c = geometry.getCentroid();
    return new Item<>(tie, value, c.getX(), c.getY(), geometry.getEnvelopeInternal().getHeight());
  }

  private static <T> List<T> ordered(List<Item<T>> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    double[] heights = items.stream().mapToDouble(Item::height).sorted().toArray();
    double band = median(heights) / 2;
    List<Item<T>> byNorth = new ArrayList<>(items);
    byNorth.sort(
        Comparator.<Item<T>>comparingDouble(it -> -it.lat())
            .thenComparingDouble(Item::lon)
            .thenComparing(Item::tie));
    List<T> result = new ArrayList<>(items.size());
    List<Item<T>> row = new ArrayList<>();
    double rowTop = Double.NaN;
    for (Item<T> it : byNorth) {
      if (!row.isEmpty() && rowTop - it.lat() >= band) {
        flush(row, result);
      }
      if (row.isEmpty()) {
        rowTop = it.lat();
      }
      row.add(it);
    }
    flush(row, result);
    return result;
  }

  private static <T> void flush(List<Item<T>> row, List<T> result) {
    row.sort(
        Comparator.<Item<T>>comparingDouble(Item::lon)
            .thenComparingDouble(it -> -it.lat())
            .thenComparing(Item::tie));
    row.forEach(it -> result.add(it.value()));
    row.clear();
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
