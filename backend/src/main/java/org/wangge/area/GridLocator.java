package org.wangge.area;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.wangge.gisdata.model.AreaLevel;

/**
 * Answers "which grid covers this point?" from memory, never from a table scan. Holds an immutable
 * {@link GridIndex} over the current grid versions and swaps in a new one atomically whenever
 * {@link GridBoundariesPublished} is heard. Lookups during a swap see the old or the new index,
 * never a mix. Thread-safe.
 *
 * <p>A point on an edge shared by several grids goes to the grid with the lowest code (see {@link
 * GridIndex}). Coordinates are longitude/latitude in EPSG:4326.
 *
 * <p>Every instance also polls the boundary stamp ({@link BoundaryVersions#stamp()}, one row, one
 * primary-key read) every {@code wangge.area.boundary-poll-interval} (default 5 s) and rebuilds when
 * it changed, so boundaries published through another instance reach this one within that interval.
 */
@Service
public class GridLocator implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(GridLocator.class);

  private final AreaRepository areas;
  private final BoundaryVersions versions;

  /** The boundary stamp read just before the current index was loaded. */
  private volatile long stamp = Long.MIN_VALUE;

  private volatile GridIndex index = new GridIndex(List.of());

  /** Indexes of the levels above the grids, for points that no grid covers. */
  private volatile Map<AreaLevel, GridIndex> upperLevels = Map.of();

  /** The current version of each grid, by code. */
  private volatile Map<String, GridMatch> currentGrids = Map.of();

  GridLocator(AreaRepository areas, BoundaryVersions versions) {
    this.areas = areas;
    this.versions = versions;
  }

  /** The grid covering the point, or empty when the point lies outside every current grid. */
  public Optional<GridMatch> locate(double lon, double lat) {
    return Optional.ofNullable(index.locate(lon, lat));
  }

  /**
   * The current grid nearest to the point, within {@code maxDistanceMetres} of its boundary, or
   * empty when none is that close.
   */
  public Optional<NearestGrid> nearest(double lon, double lat, double maxDistanceMetres) {
    return index.nearest(lon, lat, maxDistanceMetres);
  }

  /**
   * The smallest current area above the grid level (community, then street, district, city) that
   * covers the point, or empty when the point lies outside the whole jurisdiction.
   */
  public Optional<GridMatch> smallestAreaCovering(double lon, double lat) {
    for (AreaLevel level : List.of(AreaLevel.COMMUNITY, AreaLevel.STREET, AreaLevel.DISTRICT, AreaLevel.CITY)) {
      GridIndex levelIndex = upperLevels.get(level);
      GridMatch match = levelIndex == null ? null : levelIndex.locate(lon, lat);
      if (match != null) {
        return Optional.of(match);
      }
    }
    return Optional.empty();
  }

  /** The current version of a grid (id and version; not a point match), or empty. */
  public Optional<GridMatch> currentGrid(String gridCode) {
    return Optional.ofNullable(currentGrids.get(gridCode));
  }

  /** Number of grids in the current index. */
  public int gridCount() {
    return index.size();
  }

  @Override
  public void afterSingletonsInstantiated() {
    rebuild();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(GridBoundariesPublished event) {
    rebuild();
  }

  /** Rebuilds when the boundary stamp changed since the current index was loaded. */
  @Scheduled(
      initialDelayString = "${wangge.area.boundary-poll-interval:PT5S}",
      fixedDelayString = "${wangge.area.boundary-poll-interval:PT5S}")
  void poll() {
    try {
      if (versions.stamp() != stamp) {
        rebuild();
      }
    } catch (RuntimeException e) {
      log.warn("Could not read the boundary stamp: {}", e.getMessage());
    }
  }

  /** The boundary stamp of the current index (changes when another publish is seen). */
  public long stamp() {
    return stamp;
  }

  /** Reloads the current grids and swaps the new index in. */
  public synchronized void rebuild() {
    long start = System.nanoTime();
    long seen = versions.stamp();
    var shapes = shapes(AreaLevel.GRID);
    Map<AreaLevel, GridIndex> upper = new EnumMap<>(AreaLevel.class);
    for (AreaLevel level : List.of(AreaLevel.COMMUNITY, AreaLevel.STREET, AreaLevel.DISTRICT, AreaLevel.CITY)) {
      upper.put(level, new GridIndex(shapes(level)));
    }
    Map<String, GridMatch> byCode = new HashMap<>();
    shapes.forEach(g -> byCode.put(g.code(), new GridMatch(g.id(), g.code(), g.version(), false, 1)));
    var rebuilt = new GridIndex(shapes);
    index = rebuilt;
    upperLevels = upper;
    currentGrids = Map.copyOf(byCode);
    stamp = seen;
    log.info(
        "Grid locator indexed {} grids in {} ms: {}",
        shapes.size(),
        (System.nanoTime() - start) / 1_000_000,
        rebuilt);
  }

  private List<GridShape> shapes(AreaLevel level) {
    return areas.findCurrentByLevel(level).stream()
        .map(a -> new GridShape(a.id(), a.code(), a.version(), a.boundary()))
        .toList();
  }
}
