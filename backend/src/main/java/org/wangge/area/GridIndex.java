package org.wangge.area;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.wangge.spatial.Wgs84;

/**
 * An immutable point-in-grid index: an STR-tree of grid envelopes, each with an indexed
 * point-in-area locator, in the style of GraphHopper's {@code AreaIndex}. Built once per set of
 * boundaries and replaced as a whole when boundaries change; safe for concurrent lookups.
 *
 * <p><b>Shared-edge rule.</b> Grids tile their community, so a point on an edge or vertex shared by
 * several grids is covered by all of them. It goes to the covering grid with the <em>lowest
 * code</em>; a point strictly inside a grid goes to that grid. The rule is deterministic and does
 * not depend on index order.
 *
 * <p>Coordinates are longitude/latitude (EPSG:4326), x = longitude.
 */
final class GridIndex {

  private record Entry(GridShape shape, IndexedPointInAreaLocator locator) {}

  private final STRtree tree;
  private final int size;

  GridIndex(List<GridShape> grids) {
    var strTree = new STRtree();
    for (GridShape grid : grids) {
      var locator = new IndexedPointInAreaLocator(grid.boundary());
      // Build the locator's internal index now, so lookups never race to build it lazily.
      locator.locate(grid.boundary().getEnvelopeInternal().centre());
      strTree.insert(grid.boundary().getEnvelopeInternal(), new Entry(grid, locator));
    }
    strTree.build();
    this.tree = strTree;
    this.size = grids.size();
  }

  int size() {
    return size;
  }

  /**
   * The grid covering the point, by the shared-edge rule, or {@code null} when no grid covers it.
   */
  GridMatch locate(double lon, double lat) {
    var finder = new Finder(new Coordinate(lon, lat));
    tree.query(new Envelope(lon, lon, lat, lat), finder);
    if (finder.best == null) {
      return null;
    }
    GridShape grid = finder.best.shape();
    return new GridMatch(grid.id(), grid.code(), grid.version(), !finder.inside, finder.covering);
  }

  /**
   * The grid nearest to the point within {@code maxDistanceMetres}, measured from the point to the
   * grid's boundary on the sphere. Meant for points outside every grid; slow compared to {@link
   * #locate}.
   */
  Optional<NearestGrid> nearest(double lon, double lat, double maxDistanceMetres) {
    double dLon = Wgs84.metresToDegreesLon(maxDistanceMetres, lat);
    double dLat = Wgs84.metresToDegreesLat(maxDistanceMetres);
    @SuppressWarnings("unchecked")
    List<Entry> candidates = tree.query(new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat));
    Geometry point = Wgs84.point(lon, lat);
    return candidates.stream()
        .map(
            entry -> {
              Coordinate nearest = DistanceOp.nearestPoints(entry.shape().boundary(), point)[0];
              double metres = Wgs84.distanceMetres(lon, lat, nearest.x, nearest.y);
              return new NearestGrid(entry.shape().code(), metres);
            })
        .filter(n -> n.distanceMetres() <= maxDistanceMetres)
        .min(Comparator.comparingDouble(NearestGrid::distanceMetres).thenComparing(NearestGrid::code));
  }

  /** Visits the candidates whose envelope holds the point; stops looking once one holds it inside. */
  private static final class Finder implements org.locationtech.jts.index.ItemVisitor {
    private final Coordinate point;
    Entry best;
    boolean inside;
    int covering;

    Finder(Coordinate point) {
      this.point = point;
    }

    @Override
    public void visitItem(Object item) {
      if (inside) {
        return; // a point inside one grid of a valid coverage is in no other grid
      }
      Entry entry = (Entry) item;
      int location = entry.locator().locate(point);
      if (location == Location.EXTERIOR) {
        return;
      }
      covering++;
      if (location == Location.INTERIOR) {
        best = entry;
        inside = true;
        covering = 1;
      } else if (best == null || entry.shape().code().compareTo(best.shape().code()) < 0) {
        best = entry;
      }
    }
  }
}
