package org.wangge.address;

import java.util.function.IntPredicate;
import org.wangge.spatial.Wgs84;

/**
 * An immutable 2-d tree over lon/lat points held in two arrays, answering "which point is nearest to
 * this one, on the sphere, within so many metres?" exactly. Safe for concurrent lookups.
 *
 * <p>The tree is implicit: one {@code int} per point (a permutation of the point indexes, each
 * subrange's median at its middle, splitting on longitude and latitude in turn), so it costs 4 bytes
 * a point next to the coordinates themselves. A JTS {@code STRtree} or {@code KdTree} would cost
 * about 90 bytes a point (an envelope or coordinate, a node and a boxed index per point): 180 MB at
 * two million addresses.
 *
 * <p>{@link #nearest} searches boxes of growing radius. The box for radius r holds every point
 * within r metres of the query: its latitude span is r / R, its longitude span asin(sin(r / R) /
 * cos(lat)) (widest at the query's latitude for a spherical cap; the whole circle of longitudes once
 * the cap reaches a pole), and a box crossing the antimeridian is searched as two boxes. The nearest
 * point found in a box is the answer as soon as it lies within that box's radius. Distances are
 * great-circle (haversine) metres, {@link Wgs84#distanceMetres}; x is longitude.
 *
 * <p>A search may be limited to the points a filter allows: a point it refuses is passed over inside
 * the box search, as if it were not in the tree, and the search goes on (to wider boxes if need be)
 * until it finds the nearest allowed point or reaches the distance limit. The answer is the nearest
 * allowed point, never "the nearest point, if allowed".
 */
final class PointIndex {

  /** First search radius, metres: about the spacing of doors in a town. */
  private static final double FIRST_RADIUS_METRES = 50;

  /** Widens each box by this many degrees against rounding. */
  private static final double SLACK_DEGREES = 1e-9;

  private final double[] lon;
  private final double[] lat;
  private final int[] tree;

  /** Indexes {@code lon.length} points; the arrays are kept, not copied, and must not change. */
  PointIndex(double[] lon, double[] lat, int size) {
    this.lon = lon;
    this.lat = lat;
    this.tree = new int[size];
    for (int i = 0; i < size; i++) {
      tree[i] = i;
    }
    build(0, size, 0);
  }

  private void build(int from, int to, int depth) {
    while (to - from > 1) {
      int mid = (from + to) >>> 1;
      select(from, to - 1, mid, (depth & 1) == 0 ? lon : lat);
      build(from, mid, depth + 1);
      from = mid + 1;
      depth++;
    }
  }

  /** Quickselect: puts the k-th smallest (by {@code axis}) of tree[lo..hi] at k. */
  private void select(int lo, int hi, int k, double[] axis) {
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      // Median of three as the pivot, to stay O(n) on sorted input (addresses come in code order).
      if (axis[tree[mid]] < axis[tree[lo]]) {
        swap(mid, lo);
      }
      if (axis[tree[hi]] < axis[tree[lo]]) {
        swap(hi, lo);
      }
      if (axis[tree[hi]] < axis[tree[mid]]) {
        swap(hi, mid);
      }
      double pivot = axis[tree[mid]];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (axis[tree[i]] < pivot) {
          i++;
        }
        while (axis[tree[j]] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(i++, j--);
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  private void swap(int a, int b) {
    int t = tree[a];
    tree[a] = tree[b];
    tree[b] = t;
  }

  /** The nearest point and its distance. */
  record Hit(int index, double distanceMetres) {}

  /**
   * The point nearest to (lon, lat) within {@code maxDistanceMetres}, or null; of several at the
   * same distance, the lowest index.
   */
  Hit nearest(double qLon, double qLat, double maxDistanceMetres) {
    return nearest(qLon, qLat, maxDistanceMetres, null);
  }

  /**
   * The point nearest to (lon, lat) within {@code maxDistanceMetres} among those {@code allowed}
   * accepts (by index; null: every point), or null; of several at the same distance, the lowest
   * index. Points refused are skipped during the search, which goes on past them.
   */
  Hit nearest(double qLon, double qLat, double maxDistanceMetres, IntPredicate allowed) {
    if (tree.length == 0 || !(maxDistanceMetres >= 0)) {
      return null;
    }
    double radius = Math.min(maxDistanceMetres, FIRST_RADIUS_METRES);
    while (true) {
      var search = new Search(qLon, qLat, allowed);
      searchWithin(search, radius);
      if (search.best >= 0 && search.bestMetres <= radius) {
        return new Hit(search.best, search.bestMetres);
      }
      if (radius >= maxDistanceMetres) {
        return null;
      }
      radius = Math.min(maxDistanceMetres, radius * 4);
    }
  }

  private void searchWithin(Search search, double metres) {
    double r = metres / Wgs84.EARTH_RADIUS_METRES; // radians
    double dLat = Math.toDegrees(r) + SLACK_DEGREES;
    double minLat = search.lat - dLat;
    double maxLat = search.lat + dLat;
    if (maxLat >= 90 || minLat <= -90 || r >= Math.PI / 2) {
      visit(search, 0, tree.length, 0, -180, Math.max(-90, minLat), 180, Math.min(90, maxLat));
      return;
    }
    double dLon =
        Math.toDegrees(Math.asin(Math.sin(r) / Math.cos(Math.toRadians(search.lat))))
            + SLACK_DEGREES;
    double minLon = search.lon - dLon;
    double maxLon = search.lon + dLon;
    if (minLon < -180) {
      visit(search, 0, tree.length, 0, minLon + 360, minLat, 180, maxLat);
      visit(search, 0, tree.length, 0, -180, minLat, maxLon, maxLat);
    } else if (maxLon > 180) {
      visit(search, 0, tree.length, 0, minLon, minLat, 180, maxLat);
      visit(search, 0, tree.length, 0, -180, minLat, maxLon - 360, maxLat);
    } else {
      visit(search, 0, tree.length, 0, minLon, minLat, maxLon, maxLat);
    }
  }

  private void visit(
      Search search,
      int from,
      int to,
      int depth,
      double minLon,
      double minLat,
      double maxLon,
      double maxLat) {
    while (from < to) {
      int mid = (from + to) >>> 1;
      int p = tree[mid];
      double x = lon[p];
      double y = lat[p];
      if (x >= minLon && x <= maxLon && y >= minLat && y <= maxLat) {
        search.offer(p, x, y);
      }
      double split = (depth & 1) == 0 ? x : y;
      double min = (depth & 1) == 0 ? minLon : minLat;
      double max = (depth & 1) == 0 ? maxLon : maxLat;
      boolean left = min <= split;
      boolean right = max >= split;
      if (left && right) {
        visit(search, from, mid, depth + 1, minLon, minLat, maxLon, maxLat);
        from = mid + 1;
      } else if (left) {
        to = mid;
      } else if (right) {
        from = mid + 1;
      } else {
        return;
      }
      depth++;
    }
  }

  private static final class Search {
    final double lon;
    final double lat;
    /** Null: every point. */
    final IntPredicate allowed;
    int best = -1;
    double bestMetres = Double.POSITIVE_INFINITY;

    Search(double lon, double lat, IntPredicate allowed) {
      this.lon = lon;
      this.lat = lat;
      this.allowed = allowed;
    }

    void offer(int index, double x, double y) {
      if (allowed != null && !allowed.test(index)) {
        return; // not in the caller's set: as if absent, and the search goes on
      }
      double metres = Wgs84.distanceMetres(lon, lat, x, y);
      if (metres < bestMetres || metres == bestMetres && index < best) {
        best = index;
        bestMetres = metres;
      }
    }
  }
}
