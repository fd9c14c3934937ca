package org.wangge.planning;

import java.time.Instant;
import java.util.List;

/**
 * A published plan: every plan grid with its code and the version now current.
 *
 * @param retiredCodes codes closed without a successor (merged away)
 * @param reroutedCases open cases moved to their new grid (0 with KEEP)
 */
public record PublishResult(long planId, Instant validFrom, List<Grid> grids, List<String> retiredCodes, int reroutedCases) {

  /** @param version the current version of the code after publishing */
  public record Grid(String key, String code, int version) {}
}
