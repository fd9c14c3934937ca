package org.wangge.coverage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wangge.coverage.*}: the staffing norm and the geometric tolerances of the coverage report.
 * Checked at start-up: a bad value stops the application with a message naming the property.
 *
 * @param householdsPerFullTimeMember the norm (default 200, DOMAIN.md): a grid whose households per
 *     full-time member exceed it is OVERLOADED
 * @param underloadFraction a grid below this fraction of the norm is UNDERLOADED (default 0.5)
 * @param toleranceMetres gaps, overlaps and parts outside narrower than this are ignored (default
 *     0.5)
 * @param sliverWidthMetres a part whose effective width (2·area/perimeter) is below this is a
 *     SLIVER (default 5)
 */
@ConfigurationProperties("wangge.coverage")
record CoverageProperties(
    Integer householdsPerFullTimeMember, Double underloadFraction, Double toleranceMetres, Double sliverWidthMetres) {

  CoverageProperties {
    householdsPerFullTimeMember = householdsPerFullTimeMember == null ? 200 : householdsPerFullTimeMember;
    underloadFraction = underloadFraction == null ? 0.5 : underloadFraction;
    toleranceMetres = toleranceMetres == null ? CoverageCheck.DEFAULT_TOLERANCE_METRES : toleranceMetres;
    sliverWidthMetres = sliverWidthMetres == null ? CoverageCheck.DEFAULT_SLIVER_WIDTH_METRES : sliverWidthMetres;
    if (householdsPerFullTimeMember < 1) {
      throw new IllegalArgumentException(
          "wangge.coverage.households-per-full-time-member must be at least 1, got " + householdsPerFullTimeMember);
    }
    if (!(underloadFraction >= 0 && underloadFraction <= 1)) {
      throw new IllegalArgumentException("wangge.coverage.underload-fraction must be in [0, 1], got " + underloadFraction);
    }
    if (!(toleranceMetres >= 0 && toleranceMetres < 1000)) {
      throw new IllegalArgumentException("wangge.coverage.tolerance-metres must be in [0, 1000), got " + toleranceMetres);
    }
    if (!(sliverWidthMetres >= 0 && sliverWidthMetres < 1000)) {
      throw new IllegalArgumentException("wangge.coverage.sliver-width-metres must be in [0, 1000), got " + sliverWidthMetres);
    }
  }
}
