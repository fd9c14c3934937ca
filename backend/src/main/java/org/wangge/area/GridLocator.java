package org.wangge.area;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Answers "which grid covers this point?" from memory, never from a table scan. Holds an immutable
 * {@link GridIndex} over the current grid versions and swaps in a new one atomically whenever
 * {@link GridBoundariesPublished} is heard. Lookups during a swap see the old or the new index,
 * never a mix. Thread-safe.
 *
 * <p>A point on an edge shared by several grids goes to the grid with the lowest code (see {@link
 * GridIndex}). Coordinates are longitude/latitude in EPSG:4326.
 */
@Service
public class GridLocator implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(GridLocator.class);

  private final AreaRepository areas;
  private volatile GridIndex index = new GridIndex(java.util.List.of());

  GridLocator(AreaRepository areas) {
    this.areas = areas;
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

  /** Reloads the current grids and swaps the new index in. */
  public void rebuild() {
    long start = System.nanoTime();
    var shapes =
        areas.findCurrentByLevel(org.wangge.gisdata.model.AreaLevel.GRID).stream()
            .map(a -> new GridShape(a.id(), a.code(), a.version(), a.boundary()))
            .toList();
    var rebuilt = new GridIndex(shapes);
    index = rebuilt;
    log.info(
        "Grid locator indexed {} grids in {} ms: {}",
        shapes.size(),
        (System.nanoTime() - start) / 1_000_000,
        rebuilt);
  }
}
