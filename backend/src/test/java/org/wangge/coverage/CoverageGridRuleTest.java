package org.wangge.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wangge.area.SharedEdgeFixture.GRIDS;
import static org.wangge.area.SharedEdgeFixture.PROBES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.area.SharedEdgeFixture;
import org.wangge.area.SharedEdgeFixture.Probe;
import org.wangge.coverage.CoverageService.AddressPlacer;

/**
 * The coverage report counts an address in the grid the grid locator's rule gives it, on shared
 * edges and vertices too (it used to take any grid whose edge held the point), both for ordinary
 * grids and for suspect ones (that may overlap another and are asked for every grid holding the
 * point).
 */
class CoverageGridRuleTest {

  private static final Map<String, Integer> INDEX = new HashMap<>();

  static {
    for (int i = 0; i < GRIDS.size(); i++) {
      INDEX.put(GRIDS.get(i).code(), i);
    }
  }

  private static String place(boolean suspect, Probe p) {
    boolean[] flags = new boolean[GRIDS.size()];
    Arrays.fill(flags, suspect);
    var placer =
        new AddressPlacer(
            SharedEdgeFixture.snapshot(1, GRIDS), INDEX, flags, SharedEdgeFixture.COMMUNITY_SHAPE.boundary());
    List<Integer> holding = new ArrayList<>();
    int g = placer.place(p.lon(), p.lat(), holding);
    assertThat(holding).as(p.where()).hasSizeLessThanOrEqualTo(1);
    if (g == AddressPlacer.NO_GRID) {
      return "no grid";
    }
    return g < 0 ? null : GRIDS.get(g).code();
  }

  @Test
  void addressesOnEdgesAndVerticesCountInTheGridOfTheRule() {
    for (boolean suspect : new boolean[] {false, true}) {
      for (Probe p : PROBES) {
        String expected = SharedEdgeFixture.expected(p);
        boolean inCommunity =
            SharedEdgeFixture.COMMUNITY_SHAPE.boundary().covers(org.wangge.spatial.Wgs84.point(p.lon(), p.lat()));
        assertThat(place(suspect, p))
            .as("%s (suspect %s)", p.where(), suspect)
            .isEqualTo(expected != null ? expected : inCommunity ? "no grid" : null);
      }
    }
  }

  @Test
  void anAddressOnTheOutlineThatTheRuleGivesToAnotherAreasGridIsThatAreas() {
    // The report's subtree holds only C; on the edge A|C the rule says A (a lower code): the
    // address is A's, not counted in C, and not "in no grid".
    Map<String, Integer> onlyC = Map.of(GRIDS.get(2).code(), 0);
    var placer =
        new AddressPlacer(SharedEdgeFixture.snapshot(1, GRIDS), onlyC, new boolean[1], GRIDS.get(2).boundary());
    assertThat(placer.place(114.92, 27.81, new ArrayList<>())).isEqualTo(AddressPlacer.OTHER_AREA);
    assertThat(placer.place(114.925, 27.815, new ArrayList<>())).isZero();
  }
}
