package org.wangge.planning;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * The coverage check of a plan: each community's plan grids against the community boundary
 * ({@link org.wangge.coverage.CoverageCheck}). {@code valid} is false when any problem is of
 * severity HIGH or MEDIUM; such a plan cannot be published (422). {@code warnings}: the coverage
 * report's staffing rule ({@link org.wangge.coverage.StaffingRule}) on the grids the plan changes
 * (a new grid has no member until it has a code); they do not stop publishing.
 */
public record PlanValidationView(boolean valid, List<Problem> problems, List<Problem> warnings) {

  PlanValidationView withWarnings(List<Problem> staffing) {
    return new PlanValidationView(valid, problems, List.copyOf(staffing));
  }

  /**
   * One problem.
   *
   * @param codes the plan keys of the grids concerned
   * @param geometry where (lon/lat)
   */
  public record Problem(String kind, String severity, List<String> codes, String message, double areaSquareMetres, Geometry geometry) {}
}
