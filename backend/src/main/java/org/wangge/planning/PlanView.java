package org.wangge.planning;

import java.time.Instant;
import java.util.List;
import org.wangge.spatial.FeatureCollection;

/**
 * A plan with its grids, the grids it started from, its validation and its impact.
 *
 * @param edits the whole history, undone edits included ({@code undone: true})
 * @param grids the plan's grids (feature id = key)
 * @param baseGrids the grids the plan started from (feature id = code)
 * @param validFrom when the published versions took effect ({@code null} for a draft)
 */
public record PlanView(
    long id,
    String name,
    String areaCode,
    String status,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    Instant basedOn,
    Instant publishedAt,
    String publishedBy,
    Instant validFrom,
    boolean canUndo,
    boolean canRedo,
    List<Edit> edits,
    FeatureCollection<GridProperties> grids,
    FeatureCollection<BaseProperties> baseGrids,
    PlanValidationView validation,
    PlanImpact impact) {

  /**
   * One edit of the history, with who made it and when.
   *
   * @param summary in English (the page words it from kind, removed and added)
   * @param removed the grids the edit replaced (states before)
   * @param added the grids it made (states after)
   */
  public record Edit(
      int seq, String kind, String actor, Instant at, String summary, boolean undone, List<GridRef> removed, List<GridRef> added) {}

  /** A plan grid as an edit left or found it: key, code ({@code null} for a new grid), name. */
  public record GridRef(String key, String code, String name) {}

  /**
   * Properties of a plan grid.
   *
   * @param code {@code null} for a new grid (numbered at publish)
   * @param changed whether its boundary, name or code differs from the base grid of its code
   * @param baseCodes the base grids it was made from
   */
  public record GridProperties(
      String key,
      String code,
      String name,
      String communityCode,
      boolean changed,
      List<String> baseCodes,
      int households,
      int residents,
      int addresses) {}

  /** Properties of a base grid. */
  public record BaseProperties(String code, String name, int version, int households) {}
}
