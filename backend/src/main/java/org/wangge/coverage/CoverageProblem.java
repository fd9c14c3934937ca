package org.wangge.coverage;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * One problem that {@link CoverageCheck} found among the children of a parent area.
 *
 * <p><b>Severity rule</b> (the same for every caller):
 *
 * <ul>
 *   <li>{@link Kind#INVALID}: always {@link Severity#HIGH} (a broken boundary makes every other
 *       answer about it unreliable);
 *   <li>{@link Kind#GAP}, {@link Kind#OVERLAP}, {@link Kind#NOT_NESTED}: by area — {@link
 *       Severity#HIGH} from {@value CoverageCheck#HIGH_AREA_SQUARE_METRES} m² (room for a house),
 *       {@link Severity#MEDIUM} from {@value CoverageCheck#MEDIUM_AREA_SQUARE_METRES} m², else {@link
 *       Severity#LOW};
 *   <li>{@link Kind#SLIVER}: {@link Severity#MEDIUM}.
 * </ul>
 *
 * @param kind what is wrong
 * @param severity how much it matters, by the rule above
 * @param codes the children concerned, as given to {@link CoverageCheck#check}: for GAP the
 *     children bordering the gap (possibly none), for OVERLAP the pair (in code order), for
 *     NOT_NESTED, INVALID and SLIVER the one child
 * @param geometry where, in lon/lat (EPSG:4326): the gap, the shared part, the part outside the
 *     parent, the error location (a point) or the thin part
 * @param areaSquareMetres the area of {@code geometry} in m², 0 for a point-like problem
 * @param message a human-readable sentence (English; the page translates by kind)
 */
public record CoverageProblem(
    Kind kind, Severity severity, List<String> codes, Geometry geometry, double areaSquareMetres, String message) {

  public CoverageProblem {
    codes = List.copyOf(codes);
  }

  /**
   * Whether this problem stops new boundaries from taking effect: severity HIGH or MEDIUM. The one
   * rule for publishing a plan and for committing an imported area layer.
   */
  public boolean blocks() {
    return severity == Severity.HIGH || severity == Severity.MEDIUM;
  }

  /** What is wrong with a coverage. */
  public enum Kind {
    /** Part of the parent covered by none of its children (includes unfilled holes). */
    GAP,
    /** Two children share more than a line. */
    OVERLAP,
    /** A child reaches outside its parent. */
    NOT_NESTED,
    /** A child's boundary is not a valid polygon (self-intersection, bad ring...). */
    INVALID,
    /** A child (or one part of a multipart child) is a thin strip. */
    SLIVER
  }

  /** How much a problem matters; order is most severe first. */
  public enum Severity {
    HIGH,
    MEDIUM,
    LOW
  }
}
