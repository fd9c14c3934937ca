package org.wangge.coverage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * The coverage report of one area: every level below it, its addresses and the staffing of its
 * grids. Served as JSON by {@code GET /api/coverage/{areaCode}} (field order as declared).
 *
 * <p><b>Score</b> (0–100): each problem costs the areas it concerns {@value #HIGH_PENALTY} points
 * when HIGH, {@value #MEDIUM_PENALTY} when MEDIUM, {@value #LOW_PENALTY} when LOW. A GAP and an
 * ADDRESS_IN_NO_GRID concern the parent area whose children leave the gap ({@code parentCode});
 * every other problem concerns each area in {@code codes}. A grid scores {@code 100 − its
 * penalties}; any other area {@code mean(its children's scores) − its own penalties} (100 for the
 * mean when it has no children); never below 0. A level's score is the mean of its areas' scores;
 * the report's is the area's own.
 *
 * @param area the area reported on
 * @param checkedAt when the report was made
 * @param norm the staffing norm used
 * @param score the area's score
 * @param levels one entry per level below the area, top down
 * @param areas every area of the subtree, the area itself first, then by code
 * @param counts problems by kind (every kind, zeros included)
 * @param problems sorted by severity, kind, then code
 * @param load the households per full-time member of the grids
 * @param scoring the points each problem costs, by severity (the rule above)
 */
public record CoverageReport(
    AreaRef area,
    Instant checkedAt,
    Norm norm,
    double score,
    List<LevelScore> levels,
    List<AreaScore> areas,
    Map<String, Integer> counts,
    List<Problem> problems,
    Load load,
    Scoring scoring) {

  public static final int HIGH_PENALTY = 10;
  public static final int MEDIUM_PENALTY = 3;
  public static final int LOW_PENALTY = 1;

  /** What the report may name as a problem's kind: {@link CoverageProblem.Kind}'s, then these. */
  public enum Kind {
    GAP,
    OVERLAP,
    NOT_NESTED,
    INVALID,
    SLIVER,
    /** Addresses whose point lies in no current grid (grouped by the smallest area holding them). */
    ADDRESS_IN_NO_GRID,
    /** Addresses whose point lies inside two or more current grids (grouped by those grids). */
    ADDRESS_IN_SEVERAL_GRIDS,
    /** A grid with no GRID_LEADER member. */
    NO_LEADER,
    /** A grid with no FULL_TIME member. */
    NO_FULL_TIME_MEMBER,
    /** A grid whose households per full-time member exceed the norm. */
    OVERLOADED,
    /** A grid whose households per full-time member are below the underload fraction of the norm. */
    UNDERLOADED
  }

  public record AreaRef(String code, String name, String level) {}

  /**
   * @param householdsPerFullTimeMember above it a grid is OVERLOADED
   * @param underloadFraction below this fraction of it a grid is UNDERLOADED
   */
  public record Norm(int householdsPerFullTimeMember, double underloadFraction) {}

  /** What a problem costs the areas it concerns: {@link #HIGH_PENALTY} etc. */
  public record Scoring(int highPenalty, int mediumPenalty, int lowPenalty) {
    static final Scoring RULE = new Scoring(HIGH_PENALTY, MEDIUM_PENALTY, LOW_PENALTY);
  }

  /**
   * @param areas the areas of this level in the subtree
   * @param problems the problems of this level (whose {@code level} is this one)
   */
  public record LevelScore(String level, int areas, int problems, double score) {}

  /** @param problems the problems concerning this area or any area below it */
  public record AreaScore(String code, String name, String level, double score, int problems) {}

  /**
   * One problem.
   *
   * @param id kind and rank, {@code GAP-1}, {@code GAP-2}…, in the report's order
   * @param level the level of the areas concerned (for a GAP: of the children that leave it)
   * @param parentCode the area whose children are concerned
   * @param codes the areas concerned (GAP: the children next to it, maybe none; OVERLAP and
   *     ADDRESS_IN_SEVERAL_GRIDS: the grids; ADDRESS_IN_NO_GRID: none)
   * @param areaSquareMetres of the geometry, 0 for points and staffing
   * @param households the households concerned (addresses' households, or a grid's for staffing
   *     and load problems), 0 for geometry problems
   * @param addresses the addresses concerned (address problems; a grid's for staffing and load)
   * @param bbox {@code [minLon, minLat, maxLon, maxLat]} of the geometry, else of the areas
   * @param geometry where (lon/lat): the gap, the shared part, the part outside, the error point, the
   *     addresses (MultiPoint); {@code null} for staffing and load (see bbox and codes)
   */
  public record Problem(
      String id,
      String kind,
      String severity,
      String level,
      String parentCode,
      List<String> codes,
      String message,
      double areaSquareMetres,
      long households,
      long addresses,
      double[] bbox,
      Geometry geometry) {

    /** Everything but the geometry, for a GeoJSON Feature's properties. */
    public Map<String, Object> properties() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("id", id);
      p.put("kind", kind);
      p.put("severity", severity);
      p.put("level", level);
      p.put("parentCode", parentCode);
      p.put("codes", codes);
      p.put("message", message);
      p.put("areaSquareMetres", areaSquareMetres);
      p.put("households", households);
      p.put("addresses", addresses);
      p.put("bbox", bbox);
      return p;
    }
  }

  /**
   * @param gridsWithFullTimeMember grids of the area with at least one FULL_TIME member
   * @param mostLoaded the five with the most households per full-time member, most first
   * @param leastLoaded the five with the fewest, fewest first
   * @param grids every grid of the area, by code: its households, addresses and staff
   */
  public record Load(
      int gridsWithFullTimeMember, List<GridLoad> mostLoaded, List<GridLoad> leastLoaded, List<GridStaffing> grids) {}

  /**
   * One grid's households, addresses and staff.
   *
   * @param householdsPerFullTimeMember {@code null} without a full-time member
   */
  public record GridStaffing(
      String code, String name, long households, long addresses, int leaders, int fullTimeMembers,
      Double householdsPerFullTimeMember) {}

  public record GridLoad(
      String code, String name, long households, int fullTimeMembers, double householdsPerFullTimeMember) {}
}
