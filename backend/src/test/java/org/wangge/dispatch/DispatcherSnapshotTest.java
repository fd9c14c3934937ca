package org.wangge.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wangge.area.SharedEdgeFixture.A;
import static org.wangge.area.SharedEdgeFixture.C;
import static org.wangge.area.SharedEdgeFixture.GRIDS;
import static org.wangge.area.SharedEdgeFixture.PROBES;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wangge.area.GridLocator;
import org.wangge.area.GridShape;
import org.wangge.area.SharedEdgeFixture;
import org.wangge.area.SharedEdgeFixture.Probe;

/**
 * The dispatcher reads the grid locator through one snapshot per report: it routes by the shared
 * edge rule, and a report routed while boundaries are swapped is routed entirely by the old or
 * entirely by the new boundaries (grid, version, nearest grid, area), never a mix.
 */
class DispatcherSnapshotTest {

  private static final WorkingCalendar CALENDAR =
      WorkingCalendar.of(
          ZoneId.of("Asia/Shanghai"),
          List.of("09:00-12:00", "13:30-17:30"),
          Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
          List.of(),
          List.of());
  private static final Instant REPORTED = Instant.parse("2026-12-07T02:00:00Z");

  private static Dispatcher dispatcher(GridLocator locator) {
    return new Dispatcher(locator, null, ids -> java.util.Map.of(), CALENDAR, new DispatchProperties(null, null));
  }

  /** The routing of a report handled by a department (so no team is asked), or "outside". */
  private static Object route(Dispatcher dispatcher, double lon, double lat) {
    try {
      return dispatcher.route(new RoutingRequest(lon, lat, 7L, "CG", 4, org.wangge.gisdata.model.ClockType.WORKING_HOURS, REPORTED));
    } catch (OutsideJurisdictionException e) {
      return "outside";
    }
  }

  @Test
  void everyProbeIsRoutedToTheGridOfTheRule() {
    Dispatcher dispatcher = dispatcher(SharedEdgeFixture.locator(SharedEdgeFixture.snapshot(1, GRIDS)));
    for (Probe p : PROBES) {
      String expected = SharedEdgeFixture.expected(p);
      Object routing = route(dispatcher, p.lon(), p.lat());
      if (expected != null) {
        assertThat(((Routing) routing).gridCode()).as(p.where()).isEqualTo(expected);
        assertThat(((Routing) routing).reason()).as(p.where()).isIn(RoutingReason.INSIDE_GRID, RoutingReason.SHARED_EDGE);
      } else {
        // Outside every grid: the nearest grid within 50 m, the community, or outside it all.
        if (routing instanceof Routing r) {
          assertThat(r.reason()).as(p.where()).isIn(RoutingReason.NEAREST_GRID, RoutingReason.AREA_CENTRE);
        } else {
          assertThat(routing).as(p.where()).isEqualTo("outside");
        }
      }
    }
  }

  @Test
  void reportsRoutedDuringSwapsAreRoutedByOneBoundarySet() throws InterruptedException {
    List<GridShape> second = new ArrayList<>(SharedEdgeFixture.redrawn(GRIDS));
    second.set(0, SharedEdgeFixture.shape(101, A, 2,
        "POLYGON((114.90 27.80, 114.93 27.80, 114.93 27.82, 114.92 27.82, 114.92 27.84, 114.90 27.84, 114.90 27.80))"));
    second.set(2, SharedEdgeFixture.shape(103, C, 2,
        "POLYGON((114.93 27.80, 114.94 27.80, 114.94 27.82, 114.93 27.82, 114.93 27.80))"));
    GridLocator.Snapshot one = SharedEdgeFixture.snapshot(1, GRIDS);
    GridLocator.Snapshot two = SharedEdgeFixture.snapshot(2, second);
    GridLocator locator = SharedEdgeFixture.locator(one);
    Dispatcher dispatcher = dispatcher(locator);
    Dispatcher byOne = dispatcher(SharedEdgeFixture.locator(one));
    Dispatcher byTwo = dispatcher(SharedEdgeFixture.locator(two));

    // Probes, random points over the community and its surroundings, and points just outside the
    // grids (nearest grid within 50 m) whose nearest grid is another version in each set.
    List<double[]> points = new ArrayList<>();
    PROBES.forEach(p -> points.add(new double[] {p.lon(), p.lat()}));
    var random = new SplittableRandom(14);
    for (int i = 0; i < 100; i++) {
      points.add(new double[] {114.89 + random.nextDouble() * 0.08, 27.79 + random.nextDouble() * 0.06});
      points.add(new double[] {114.90 + random.nextDouble() * 0.06, 27.7998 - random.nextDouble() * 0.0003});
    }
    List<Object> expectedOne = points.stream().map(p -> route(byOne, p[0], p[1])).toList();
    List<Object> expectedTwo = points.stream().map(p -> route(byTwo, p[0], p[1])).toList();
    int differing = 0;
    for (int i = 0; i < points.size(); i++) {
      if (!expectedOne.get(i).equals(expectedTwo.get(i))) {
        differing++;
      }
    }
    assertThat(differing).as("the premise: the sets route differently").isGreaterThan(points.size() / 2);
    assertThat(expectedOne).anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(Routing.class,
        x -> assertThat(x.reason()).isEqualTo(RoutingReason.NEAREST_GRID)));
    assertThat(expectedOne).anySatisfy(r -> assertThat(r).isInstanceOfSatisfying(Routing.class,
        x -> assertThat(x.reason()).isEqualTo(RoutingReason.SHARED_EDGE)));

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger swaps = new AtomicInteger();
    Thread writer =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!stop.get()) {
                    SharedEdgeFixture.swap(locator, swaps.incrementAndGet() % 2 == 0 ? one : two);
                  }
                });
    var mixed = new ConcurrentLinkedQueue<String>();
    AtomicInteger byFirst = new AtomicInteger();
    AtomicInteger bySecond = new AtomicInteger();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      readers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int k = 0; k < 40_000; k++) {
                      int i = k % points.size();
                      Object routing = route(dispatcher, points.get(i)[0], points.get(i)[1]);
                      if (routing.equals(expectedOne.get(i))) {
                        byFirst.incrementAndGet();
                      } else if (routing.equals(expectedTwo.get(i))) {
                        bySecond.incrementAndGet();
                      } else {
                        mixed.add(routing + " is neither " + expectedOne.get(i) + " nor " + expectedTwo.get(i));
                      }
                    }
                  }));
    }
    for (Thread r : readers) {
      r.join();
    }
    stop.set(true);
    writer.join();
    assertThat(mixed).isEmpty();
    assertThat(swaps.get()).isGreaterThan(100);
    assertThat(byFirst.get()).isPositive();
    assertThat(bySecond.get()).isPositive();
  }
}
