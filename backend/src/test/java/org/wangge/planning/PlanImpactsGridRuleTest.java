package org.wangge.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wangge.area.SharedEdgeFixture.COMMUNITY;
import static org.wangge.area.SharedEdgeFixture.GRIDS;
import static org.wangge.area.SharedEdgeFixture.PROBES;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.address.AddressService.AddressPoint;
import org.wangge.area.GridShape;
import org.wangge.area.SharedEdgeFixture;
import org.wangge.area.SharedEdgeFixture.Probe;
import org.wangge.gisdata.grid.GridIndex;

/**
 * Plan impacts locate addresses by the grid locator's rule: in the base grids, and among the plan's
 * grids, where a new grid (no code yet) is ordered as the code it will get when the plan is
 * published, so an address on an edge goes where the locator will put it after publishing.
 */
class PlanImpactsGridRuleTest {

  private static final List<BaseGrid> BASE =
      GRIDS.stream().map(g -> new BaseGrid(g.id(), g.code(), g.version(), "网格" + g.id(), COMMUNITY, g.boundary())).toList();

  @Test
  void addressesGoToTheBaseGridOfTheRule() {
    List<AddressPoint> points = new ArrayList<>();
    for (int i = 0; i < PROBES.size(); i++) {
      points.add(new AddressPoint(i, PROBES.get(i).lon(), PROBES.get(i).lat(), 1, 2));
    }
    var data = new PlanImpacts.AreaData(BASE, points, List.of(), Map.of());
    for (int i = 0; i < PROBES.size(); i++) {
      Probe p = PROBES.get(i);
      String expected = SharedEdgeFixture.expected(p);
      int b = data.baseOf[i];
      assertThat(b < 0 ? null : BASE.get(b).code()).as(p.where()).isEqualTo(expected);
    }
  }

  private static PlanGrid plan(String key, String code, GridShape g) {
    return new PlanGrid(key, code, "网格" + key, COMMUNITY, code == null ? List.of() : List.of(code), g.boundary());
  }

  private static String locate(GridIndex<PlanGrid> index, Probe p) {
    int rank = index.locate(p.lon(), p.lat());
    return rank == GridIndex.NONE ? null : index.area(rank).key();
  }

  @Test
  void aNewGridIsOrderedAsTheCodeItWillGet() {
    // D is redrawn as a new grid: published, it takes the community's next code, …005.
    List<PlanGrid> grids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      grids.add(plan("k" + (i + 1), GRIDS.get(i).code(), GRIDS.get(i)));
    }
    grids.add(plan("k4", null, GRIDS.get(3)));
    var index = PlanImpacts.index(grids);
    List<GridShape> published = new ArrayList<>(GRIDS.subList(0, 3));
    published.add(new GridShape(4, COMMUNITY + "005", 1, GRIDS.get(3).boundary()));
    for (Probe p : PROBES) {
      String code = SharedEdgeFixture.expected(p, published);
      String key = code == null ? null : grids.stream().filter(g -> code.equals(g.code() == null ? COMMUNITY + "005" : g.code())).findFirst().orElseThrow().key();
      assertThat(locate(index, p)).as(p.where()).isEqualTo(key);
    }
    assertThat(locate(index, new Probe("edge C|D", 114.94, 27.81))).isEqualTo("k3"); // C (…004) before …005
  }

  @Test
  void newGridsOfOneCommunityAreOrderedAsTheyWillBeNumbered() {
    // D split into a north and a south half, both new: numbered north first, so the north half
    // takes the edge between them.
    GridShape north = SharedEdgeFixture.shape(5, "n", 1, "POLYGON((114.94 27.82, 114.96 27.82, 114.96 27.84, 114.94 27.84, 114.94 27.82))");
    GridShape south = SharedEdgeFixture.shape(6, "s", 1, "POLYGON((114.94 27.80, 114.96 27.80, 114.96 27.82, 114.94 27.82, 114.94 27.80))");
    var index = PlanImpacts.index(List.of(plan("south", null, south), plan("north", null, north), plan("c", GRIDS.get(2).code(), GRIDS.get(2))));
    assertThat(locate(index, new Probe("edge north|south", 114.95, 27.82))).isEqualTo("north");
    assertThat(locate(index, new Probe("vertex C|north|south", 114.94, 27.82))).isEqualTo("c");
  }
}
