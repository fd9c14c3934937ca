package org.wangge.area;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.wangge.gisdata.grid.GridIndex;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.spatial.Wgs84;

/**
 * Answers "which grid covers this point?" from memory, never from a table scan. Holds ONE
 * immutable {@link Snapshot} of the current grid versions (the {@link GridIndex} with the
 * shared-edge rule, the current version of every grid, the indexes of the levels above the grids
 * and the boundary stamp they were read at) in one volatile field, and swaps a new snapshot in
 * whenever {@link GridBoundariesPublished} is heard. A caller takes {@link #snapshot()} once per
 * lookup and asks it everything (the grid, the nearest grid, that grid's current version, the area
 * above): all answers then come from the same set of boundaries, never a mix of the old and the
 * new. Thread-safe.
 *
 * <p>A point on an edge or vertex shared by several grids goes to the grid with the lowest code (see
 * {@link GridIndex}). Coordinates are longitude/latitude in EPSG:4326.
 *
 * <p>Every instance also polls the boundary stamp ({@link BoundaryVersions#stamp()}, one row, one
 * primary-key read) every {@code wangge.area.boundary-poll-interval} (default 5 s) and rebuilds when
 * it changed, so boundaries published through another instance reach this one within that interval.
 */
@Service
public class GridLocator implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(GridLocator.class);

  /** The levels above the grids, smallest first: where a point no grid covers is looked for. */
  private static final List<AreaLevel> UPPER_LEVELS =
      List.of(AreaLevel.COMMUNITY, AreaLevel.STREET, AreaLevel.DISTRICT, AreaLevel.CITY);

  private final AreaRepository areas;
  private final BoundaryVersions versions;

  /** The one reference every lookup starts from; replaced whole, never changed in place. */
  private volatile Snapshot current = Snapshot.EMPTY;

  GridLocator(AreaRepository areas, BoundaryVersions versions) {
    this.areas = areas;
    this.versions = versions;
  }

  /**
   * The current snapshot. Take it once per lookup (or per pass over many points) and read
   * everything from it; a later call may return a newer one.
   */
  public Snapshot snapshot() {
    return current;
  }

  /** The boundary stamp of the current snapshot (changes when another publish is seen). */
  public long stamp() {
    return current.stamp();
  }

  @Override
  public void afterSingletonsInstantiated() {
    rebuild();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(GridBoundariesPublished event) {
    rebuild();
  }

  /** Rebuilds when the boundary stamp changed since the current snapshot was loaded. */
  @Scheduled(
      initialDelayString = "${wangge.area.boundary-poll-interval:PT5S}",
      fixedDelayString = "${wangge.area.boundary-poll-interval:PT5S}")
  void poll() {
    try {
      if (versions.stamp() != current.stamp()) {
        rebuild();
      }
    } catch (RuntimeException e) {
      log.warn("Could not read the boundary stamp: {}", e.getMessage());
    }
  }

  /** Reloads the current grids and swaps the new snapshot in. */
  public synchronized void rebuild() {
    long start = System.nanoTime();
    long seen = versions.stamp();
    Map<AreaLevel, List<GridShape>> upper = new EnumMap<>(AreaLevel.class);
    for (AreaLevel level : UPPER_LEVELS) {
      upper.put(level, shapes(level));
    }
    Snapshot rebuilt = Snapshot.of(seen, shapes(AreaLevel.GRID), upper);
    swap(rebuilt);
    log.info(
        "Grid locator indexed {} grids in {} ms: {}",
        rebuilt.gridCount(),
        (System.nanoTime() - start) / 1_000_000,
        rebuilt);
  }

  /** Makes {@code next} the snapshot every later lookup starts from. */
  void swap(Snapshot next) {
    current = next;
  }

  private List<GridShape> shapes(AreaLevel level) {
    return areas.findCurrentByLevel(level).stream()
        .map(a -> new GridShape(a.id(), a.code(), a.version(), a.boundary()))
        .toList();
  }

  /**
   * One set of current boundaries, immutable: the grid index and everything read with it. All its
   * answers come from the boundaries read at {@link #stamp()}. Thread-safe; {@link #locate}
   * allocates nothing for a point inside a grid.
   */
  public static final class Snapshot {

    static final Snapshot EMPTY = of(Long.MIN_VALUE, List.of(), Map.of());

    private final long stamp;
    private final GridIndex<GridShape> grids;

    /** By rank in {@link #grids}: the match for a point strictly inside that grid. */
    private final GridMatch[] inside;

    private final Map<String, GridMatch> byCode;
    private final Map<AreaLevel, GridIndex<GridShape>> upperLevels;
    private final STRtree tree;

    private Snapshot(
        long stamp, GridIndex<GridShape> grids, Map<AreaLevel, GridIndex<GridShape>> upperLevels) {
      this.stamp = stamp;
      this.grids = grids;
      this.upperLevels = upperLevels;
      this.inside = new GridMatch[grids.size()];
      Map<String, GridMatch> codes = new HashMap<>();
      var strTree = new STRtree();
      for (int r = 0; r < grids.size(); r++) {
        GridShape g = grids.area(r);
        inside[r] = new GridMatch(g.id(), g.code(), g.version(), false, 1);
        codes.putIfAbsent(g.code(), inside[r]);
        strTree.insert(g.boundary().getEnvelopeInternal(), g);
      }
      strTree.build();
      this.tree = strTree;
      this.byCode = Map.copyOf(codes);
    }

    /**
     * A snapshot of these boundaries.
     *
     * @param stamp the boundary stamp read before the boundaries
     * @param grids the current grid versions
     * @param upper the current areas of the levels above the grids, by level
     */
    static Snapshot of(long stamp, List<GridShape> grids, Map<AreaLevel, List<GridShape>> upper) {
      Map<AreaLevel, GridIndex<GridShape>> levels = new EnumMap<>(AreaLevel.class);
      upper.forEach((level, shapes) -> levels.put(level, index(shapes)));
      return new Snapshot(stamp, index(grids), levels);
    }

    private static GridIndex<GridShape> index(List<GridShape> shapes) {
      return GridIndex.of(shapes, GridShape::code, GridShape::boundary);
    }

    /** The boundary stamp read just before these boundaries were loaded. */
    public long stamp() {
      return stamp;
    }

    /**
     * The grid covering the point by the shared-edge rule, or empty when the point lies outside
     * every grid of this snapshot.
     *
     * @param lon longitude, degrees, EPSG:4326
     * @param lat latitude, degrees, EPSG:4326
     */
    public Optional<GridMatch> locate(double lon, double lat) {
      return Optional.ofNullable(match(lon, lat));
    }

    /** {@link #locate}, or {@code null}: for loops over many points. */
    public GridMatch match(double lon, double lat) {
      long found = grids.locateWithCount(lon, lat);
      if (found < 0) {
        return null;
      }
      int covering = GridIndex.coveringAreas(found);
      if (covering == 0) {
        return inside[GridIndex.rank(found)];
      }
      GridShape g = grids.area(GridIndex.rank(found));
      return new GridMatch(g.id(), g.code(), g.version(), true, covering);
    }

    /**
     * Every grid holding the point in its interior, in code order: one in a valid coverage,
     * several where grids overlap, none on an edge or outside. For overlap checks (it allocates).
     */
    public List<GridMatch> holdingInside(double lon, double lat) {
      List<GridMatch> result = new ArrayList<>(1);
      for (int r : grids.holdingInside(lon, lat)) {
        result.add(inside[r]);
      }
      return result;
    }

    /**
     * The grid nearest to the point within {@code maxDistanceMetres}, measured on the sphere from
     * the point to the grid's boundary, or empty when none is that close. Meant for points outside
     * every grid; slow compared to {@link #locate} (an STR-tree query and exact distances). Ties go
     * to the lower code.
     */
    public Optional<NearestGrid> nearest(double lon, double lat, double maxDistanceMetres) {
      double dLon = Wgs84.metresToDegreesLon(maxDistanceMetres, lat);
      double dLat = Wgs84.metresToDegreesLat(maxDistanceMetres);
      @SuppressWarnings("unchecked")
      List<GridShape> candidates =
          tree.query(new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat));
      Geometry point = Wgs84.point(lon, lat);
      return candidates.stream()
          .map(
              shape -> {
                Coordinate nearest = DistanceOp.nearestPoints(shape.boundary(), point)[0];
                double metres = Wgs84.distanceMetres(lon, lat, nearest.x, nearest.y);
                return new NearestGrid(shape.code(), metres);
              })
          .filter(n -> n.distanceMetres() <= maxDistanceMetres)
          .min(
              Comparator.comparingDouble(NearestGrid::distanceMetres)
                  .thenComparing(NearestGrid::code));
    }

    /**
     * The smallest area above the grid level (community, then street, district, city) of this
     * snapshot that covers the point (same shared-edge rule), or empty when the point lies outside
     * the whole jurisdiction.
     */
    public Optional<GridMatch> smallestAreaCovering(double lon, double lat) {
      for (AreaLevel level : UPPER_LEVELS) {
        GridIndex<GridShape> index = upperLevels.get(level);
        GridIndex.Match m = index == null ? null : index.match(lon, lat);
        if (m != null) {
          GridShape a = index.area(m.rank());
          return Optional.of(
              new GridMatch(a.id(), a.code(), a.version(), m.onBoundary(), m.coveringAreas()));
        }
      }
      return Optional.empty();
    }

    /** The version of a grid in this snapshot (id and version; not a point match), or empty. */
    public Optional<GridMatch> currentGrid(String gridCode) {
      return Optional.ofNullable(byCode.get(gridCode));
    }

    /** The grids of this snapshot, in code order. */
    public List<GridShape> grids() {
      return grids.areas();
    }

    /** Number of grids in this snapshot. */
    public int gridCount() {
      return grids.size();
    }

    @Override
    public String toString() {
      return "Snapshot[stamp " + stamp + ", " + grids + "]";
    }
  }
}
