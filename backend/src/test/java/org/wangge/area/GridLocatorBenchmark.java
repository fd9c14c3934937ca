package org.wangge.area;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Envelope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.synthetic.CitySpec;
import org.wangge.gisdata.synthetic.SyntheticCityGenerator;

/**
 * Point-in-grid lookups per second of the in-memory grid locator behind {@code /api/locate} and
 * routing, as callers use it: take the locator's current {@link GridLocator.Snapshot} (one volatile
 * read), then ask it (the gis-data {@link org.wangge.gisdata.grid.GridIndex} and the grid's
 * ready-made match), over a generated city of 800 (the demo) or 20,000 grids, with random points over the city's
 * bounding box (most inside a grid, some outside the irregular city outline). Run with {@code
 * scripts/bench}; results go to BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GridLocatorBenchmark {

  private static final int POINTS = 1 << 20;

  @Param({"800", "20000"})
  public int grids;

  private GridLocator locator;
  private double[] lons;
  private double[] lats;

  @Setup
  public void setUp() {
    var city =
        SyntheticCityGenerator.generate(
            CitySpec.scaled(grids, grids * 10, 20261122L, LocalDate.of(2026, 11, 1)));
    List<GridShape> shapes =
        city.areas().stream()
            .filter(a -> a.level() == AreaLevel.GRID)
            .map(a -> new GridShape(0, a.code(), 1, a.boundary()))
            .toList();
    locator = new GridLocator(null, null);
    locator.swap(GridLocator.Snapshot.of(1, shapes, Map.of()));
    var extent = new Envelope();
    shapes.forEach(s -> extent.expandToInclude(s.boundary().getEnvelopeInternal()));
    var random = new SplittableRandom(7);
    lons = new double[POINTS];
    lats = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      lons[i] = extent.getMinX() + random.nextDouble() * extent.getWidth();
      lats[i] = extent.getMinY() + random.nextDouble() * extent.getHeight();
    }
  }

  /** Each thread walks the points from its own offset. */
  @State(Scope.Thread)
  public static class Cursor {
    int next = new SplittableRandom().nextInt(POINTS);
  }

  @Benchmark
  @Threads(1)
  public GridMatch locateOneThread(Cursor cursor) {
    int i = cursor.next++ & (POINTS - 1);
    return locator.snapshot().match(lons[i], lats[i]);
  }

  @Benchmark
  @Threads(2)
  public GridMatch locateTwoThreads(Cursor cursor) {
    int i = cursor.next++ & (POINTS - 1);
    return locator.snapshot().match(lons[i], lats[i]);
  }
}
