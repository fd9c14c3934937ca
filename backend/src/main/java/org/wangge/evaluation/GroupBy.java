package org.wangge.evaluation;

import java.util.Arrays;
import java.util.Locale;
import org.wangge.web.InvalidInputException;

/** How an evaluation breaks its cases down into rows. */
enum GroupBy {
  /**
   * One row per current child area (all of them, also those without cases), plus a row for cases
   * placed at the area itself or in codes no longer current; none for an area without children.
   */
  AREA,
  /** One row per team member the cases are assigned to (only members with figures). */
  MEMBER,
  /** One row per department (every department; a department officer's own only). */
  DEPARTMENT,
  /** No rows: only the total. */
  NONE;

  static GroupBy parse(String text) {
    if (text == null || text.isBlank()) {
      return AREA;
    }
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "groupBy",
          "must be one of " + Arrays.stream(values()).map(g -> g.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + text + "'");
    }
  }

  String parameter() {
    return name().toLowerCase(Locale.ROOT);
  }
}
