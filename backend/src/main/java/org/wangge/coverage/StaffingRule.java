package org.wangge.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The one staffing and load rule of a grid (DOMAIN.md: every grid has a grid leader and at least
 * one full-time member; a full-time member serves at most the norm of households), used by the
 * coverage report and by a plan's validation:
 *
 * <ul>
 *   <li>no GRID_LEADER: {@code NO_LEADER}, MEDIUM;
 *   <li>no FULL_TIME member: {@code NO_FULL_TIME_MEMBER}, MEDIUM (then no load is computed);
 *   <li>households / full-time members above the norm: {@code OVERLOADED}, MEDIUM above 1.5 × the
 *       norm, else LOW;
 *   <li>below {@code underloadFraction} × the norm: {@code UNDERLOADED}, LOW.
 * </ul>
 *
 * The norm and the fraction are {@code wangge.coverage.*} ({@link CoverageProperties}). Thread-safe.
 */
@Component
public class StaffingRule {

  private final int norm;
  private final double underloadFraction;

  StaffingRule(CoverageProperties properties) {
    this.norm = properties.householdsPerFullTimeMember();
    this.underloadFraction = properties.underloadFraction();
  }

  /** Households per full-time member above which a grid is OVERLOADED. */
  public int norm() {
    return norm;
  }

  /** Fraction of the norm below which a grid is UNDERLOADED. */
  public double underloadFraction() {
    return underloadFraction;
  }

  /** What the rule finds wrong with one grid's staffing or load. */
  public record Finding(CoverageReport.Kind kind, CoverageProblem.Severity severity, String message) {}

  /**
   * The findings for a grid, in the order NO_LEADER, NO_FULL_TIME_MEMBER, then OVERLOADED or
   * UNDERLOADED; empty when the grid is staffed and fairly loaded.
   *
   * @param label how messages name the grid (its code, or a plan's key)
   */
  public List<Finding> check(String label, int leaders, int fullTimeMembers, long households) {
    List<Finding> findings = new ArrayList<>(2);
    if (leaders == 0) {
      findings.add(new Finding(CoverageReport.Kind.NO_LEADER, CoverageProblem.Severity.MEDIUM, label + " has no grid leader"));
    }
    if (fullTimeMembers == 0) {
      findings.add(new Finding(CoverageReport.Kind.NO_FULL_TIME_MEMBER, CoverageProblem.Severity.MEDIUM,
          label + " has no full-time grid member"));
      return findings;
    }
    double perMember = (double) households / fullTimeMembers;
    double underload = norm * underloadFraction;
    if (perMember > norm) {
      findings.add(new Finding(CoverageReport.Kind.OVERLOADED,
          perMember > 1.5 * norm ? CoverageProblem.Severity.MEDIUM : CoverageProblem.Severity.LOW,
          String.format(Locale.ROOT, "%s: %.0f households per full-time member, above the norm of %d", label, perMember, norm)));
    } else if (perMember < underload) {
      findings.add(new Finding(CoverageReport.Kind.UNDERLOADED, CoverageProblem.Severity.LOW,
          String.format(Locale.ROOT, "%s: %.0f households per full-time member, below %.0f (%.0f %% of the norm)", label,
              perMember, underload, underloadFraction * 100)));
    }
    return findings;
  }
}
