package org.wangge.dispatch;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wangge.dispatch.*}.
 *
 * @param nearestGridToleranceMetres a point outside every grid goes to the nearest grid if it is at
 *     most this far (default 50 m)
 * @param warningFraction the yellow warning comes when this share of the working time has passed
 *     (default 0.8)
 */
@ConfigurationProperties("wangge.dispatch")
record DispatchProperties(Double nearestGridToleranceMetres, Double warningFraction) {

  DispatchProperties {
    nearestGridToleranceMetres = nearestGridToleranceMetres == null ? 50.0 : nearestGridToleranceMetres;
    warningFraction = warningFraction == null ? 0.8 : warningFraction;
    if (nearestGridToleranceMetres < 0) {
      throw new IllegalArgumentException("wangge.dispatch.nearest-grid-tolerance-metres must be >= 0");
    }
    if (warningFraction <= 0 || warningFraction >= 1) {
      throw new IllegalArgumentException("wangge.dispatch.warning-fraction must be between 0 and 1");
    }
  }
}
