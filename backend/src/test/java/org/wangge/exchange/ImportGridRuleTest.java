package org.wangge.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wangge.area.SharedEdgeFixture.GRIDS;
import static org.wangge.area.SharedEdgeFixture.PROBES;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wangge.area.GridShape;
import org.wangge.area.SharedEdgeFixture;
import org.wangge.area.SharedEdgeFixture.Probe;
import org.wangge.gisdata.grid.GridIndex;

/**
 * The import locates addresses in the grids of the result (imported grids and the stored ones they
 * do not replace) by the grid locator's rule: whichever grids come from the file and whichever are
 * stored, every point goes to the same grid as through the locator.
 */
class ImportGridRuleTest {

  private static String locate(GridIndex<GridShape> grids, Probe p) {
    int rank = grids.locate(p.lon(), p.lat());
    return rank == GridIndex.NONE ? null : grids.code(rank);
  }

  @Test
  void importedAndStoredGridsFollowTheSharedEdgeRule() {
    // The file brings B and D (new codes); A and C are stored.
    var stored = SharedEdgeFixture.snapshot(1, List.of(GRIDS.get(0), GRIDS.get(2)));
    var result = ImportRun.resultGrids(List.of(GRIDS.get(1), GRIDS.get(3)), stored);
    for (Probe p : PROBES) {
      assertThat(locate(result, p)).as(p.where()).isEqualTo(SharedEdgeFixture.expected(p));
    }
  }

  @Test
  void importedGridsReplaceTheStoredOnesOfTheirCode() {
    // Stored: all four, but C stored with a boundary that is A's (a stale version). The file
    // redraws C: only the file's C counts.
    var staleC = new GridShape(3, GRIDS.get(2).code(), 1, GRIDS.get(0).boundary());
    var stored = SharedEdgeFixture.snapshot(1, List.of(GRIDS.get(0), GRIDS.get(1), staleC, GRIDS.get(3)));
    var result = ImportRun.resultGrids(List.of(GRIDS.get(2)), stored);
    assertThat(result.size()).isEqualTo(4);
    for (Probe p : PROBES) {
      assertThat(locate(result, p)).as(p.where()).isEqualTo(SharedEdgeFixture.expected(p));
    }
  }
}
