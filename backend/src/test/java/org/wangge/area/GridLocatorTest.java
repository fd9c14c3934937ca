package org.wangge.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.wangge.area.SharedEdgeFixture.A;
import static org.wangge.area.SharedEdgeFixture.B;
import static org.wangge.area.SharedEdgeFixture.C;
import static org.wangge.area.SharedEdgeFixture.D;
import static org.wangge.area.SharedEdgeFixture.GRIDS;
import static org.wangge.area.SharedEdgeFixture.PROBES;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wangge.area.SharedEdgeFixture.Probe;

/** The grid locator's snapshot: the shared-edge rule, the nearest grid, and atomic swaps. */
class GridLocatorTest {

  private static final GridLocator.Snapshot SNAPSHOT = SharedEdgeFixture.snapshot(1, GRIDS);

  @Test
  void everyProbeGoesToTheGridOfTheRule() {
    for (Probe p : PROBES) {
      assertThat(SNAPSHOT.locate(p.lon(), p.lat()).map(GridMatch::code))
          .as(p.where())
          .isEqualTo(Optional.ofNullable(SharedEdgeFixture.expected(p)));
    }
  }

  @Test
  void pointOnSharedEdgeGoesToLowerGridCode() {
    GridMatch onEdge = SNAPSHOT.match(114.94, 27.81); // C (…004) | D (…002)
    assertThat(onEdge.code()).isEqualTo(D);
    assertThat(onEdge.id()).isEqualTo(4);
    assertThat(onEdge.onBoundary()).isTrue();
    assertThat(onEdge.coveringGrids()).isEqualTo(2);
    assertThat(SNAPSHOT.match(114.92, 27.81).code()).isEqualTo(A); // A (…003) | C (…004)
  }

  @Test
  void pointOnVertexSharedByThreeGridsGoesToLowestCode() {
    GridMatch vertex = SNAPSHOT.match(114.92, 27.82);
    assertThat(vertex.code()).isEqualTo(B);
    assertThat(vertex.coveringGrids()).isEqualTo(3);
    assertThat(SNAPSHOT.match(114.94, 27.82).code()).isEqualTo(B); // B, C, D
  }

  @Test
  void pointInsideGetsTheGridsOneSharedMatch() {
    GridMatch inside = SNAPSHOT.match(114.925, 27.815);
    assertThat(inside).isEqualTo(new GridMatch(3, C, 1, false, 1));
    assertThat(SNAPSHOT.match(114.926, 27.816)).isSameAs(inside);
    assertThat(SNAPSHOT.holdingInside(114.925, 27.815)).containsExactly(inside);
    assertThat(SNAPSHOT.holdingInside(114.92, 27.81)).isEmpty();
  }

  @Test
  void holeAndOutsideAreNotLocated() {
    assertThat(SNAPSHOT.locate(114.9325, 27.8075)).isEmpty();
    assertThat(SNAPSHOT.locate(114.99, 27.82)).isEmpty();
  }

  @Test
  void nearestGridIsMeasuredInMetresToItsBoundary() {
    // 0.001° of longitude east of D at 27.83°N is about 98.5 m.
    var nearest = SNAPSHOT.nearest(114.961, 27.83, 500).orElseThrow();
    assertThat(nearest.code()).isEqualTo(D);
    assertThat(nearest.distanceMetres()).isCloseTo(98.3, within(0.5));
  }

  @Test
  void nearestGridBeyondTheSearchDistanceIsEmpty() {
    assertThat(SNAPSHOT.nearest(114.97, 27.83, 500)).isEmpty();
  }

  @Test
  void smallestAreaCoveringAPointOutsideEveryGrid() {
    assertThat(SNAPSHOT.smallestAreaCovering(114.962, 27.82).orElseThrow().code())
        .isEqualTo(SharedEdgeFixture.COMMUNITY);
    assertThat(SNAPSHOT.smallestAreaCovering(114.99, 27.82)).isEmpty();
  }

  @Test
  void currentGridAndCountComeFromTheSnapshot() {
    assertThat(SNAPSHOT.currentGrid(C).orElseThrow()).isEqualTo(new GridMatch(3, C, 1, false, 1));
    assertThat(SNAPSHOT.currentGrid("360502001001999")).isEmpty();
    assertThat(SNAPSHOT.gridCount()).isEqualTo(4);
    assertThat(SNAPSHOT.grids()).extracting(GridShape::code).containsExactly(B, D, A, C);
    assertThat(SNAPSHOT.stamp()).isEqualTo(1);
  }

  /**
   * Two boundary sets whose answers differ everywhere they can (other ids and versions for every
   * grid; the edge A|C moved east to 114.93 in the second). Readers take one snapshot per lookup
   * and ask it everything, as the dispatcher does, while a writer swaps the sets back and forth:
   * every answer must be entirely the first set's or entirely the second's.
   */
  @Test
  void lookupsDuringSwapsNeverMixTwoBoundarySets() throws InterruptedException {
    List<GridShape> second = new ArrayList<>(SharedEdgeFixture.redrawn(GRIDS));
    second.set(0, SharedEdgeFixture.shape(101, A, 2,
        "POLYGON((114.90 27.80, 114.93 27.80, 114.93 27.82, 114.92 27.82, 114.92 27.84, 114.90 27.84, 114.90 27.80))"));
    second.set(2, SharedEdgeFixture.shape(103, C, 2,
        "POLYGON((114.93 27.80, 114.94 27.80, 114.94 27.82, 114.93 27.82, 114.93 27.80))"));
    GridLocator.Snapshot one = SharedEdgeFixture.snapshot(1, GRIDS);
    GridLocator.Snapshot two = SharedEdgeFixture.snapshot(2, second);
    GridLocator locator = SharedEdgeFixture.locator(one);

    List<double[]> points = new ArrayList<>();
    PROBES.forEach(p -> points.add(new double[] {p.lon(), p.lat()}));
    var random = new SplittableRandom(16);
    for (int i = 0; i < 200; i++) {
      points.add(new double[] {114.895 + random.nextDouble() * 0.07, 27.795 + random.nextDouble() * 0.05});
    }
    Map<Integer, Answer> inOne = new java.util.HashMap<>();
    Map<Integer, Answer> inTwo = new java.util.HashMap<>();
    for (int i = 0; i < points.size(); i++) {
      inOne.put(i, Answer.of(one, points.get(i)));
      inTwo.put(i, Answer.of(two, points.get(i)));
    }
    long differing = inOne.keySet().stream().filter(i -> !inOne.get(i).equals(inTwo.get(i))).count();
    assertThat(differing).as("the premise: the sets answer differently").isGreaterThan(points.size() / 2);

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
    var wrong = new ConcurrentLinkedQueue<String>();
    AtomicInteger seenOne = new AtomicInteger();
    AtomicInteger seenTwo = new AtomicInteger();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      readers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int k = 0; k < 200_000; k++) {
                      int i = k % points.size();
                      Answer answer = Answer.of(locator.snapshot(), points.get(i));
                      if (answer.equals(inOne.get(i))) {
                        seenOne.incrementAndGet();
                      } else if (answer.equals(inTwo.get(i))) {
                        seenTwo.incrementAndGet();
                      } else {
                        wrong.add(i + ": " + answer + " is neither " + inOne.get(i) + " nor " + inTwo.get(i));
                      }
                    }
                  }));
    }
    for (Thread r : readers) {
      r.join();
    }
    stop.set(true);
    writer.join();
    assertThat(wrong).isEmpty();
    assertThat(swaps.get()).isGreaterThan(100);
    assertThat(seenOne.get()).isPositive();
    assertThat(seenTwo.get()).isPositive();
  }

  /** Everything a router asks about one point, from one snapshot. */
  private record Answer(long stamp, GridMatch grid, Optional<NearestGrid> nearest, Optional<GridMatch> nearestVersion, Optional<GridMatch> area) {
    static Answer of(GridLocator.Snapshot s, double[] p) {
      GridMatch grid = s.match(p[0], p[1]);
      Optional<NearestGrid> nearest = Optional.empty();
      Optional<GridMatch> version = Optional.empty();
      Optional<GridMatch> area = Optional.empty();
      if (grid == null) {
        nearest = s.nearest(p[0], p[1], 300);
        version = nearest.flatMap(n -> s.currentGrid(n.code()));
        area = s.smallestAreaCovering(p[0], p[1]);
      } else {
        version = s.currentGrid(grid.code());
      }
      return new Answer(s.stamp(), grid, nearest, version, area);
    }
  }
}
