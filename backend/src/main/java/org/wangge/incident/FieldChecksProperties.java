package org.wangge.incident;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The checks on what phones send ({@code wangge.field.*}; the field package binds other keys of
 * the same prefix).
 *
 * @param photoMaxDistanceMetres a handling photo taken farther than this from its case is flagged
 *     {@code FAR_FROM_CASE} (default 200 m)
 * @param lateAfter a report or action sent more than this after its {@code observedAt} (made
 *     offline, queued on the phone) is flagged late (default 7 days)
 */
@ConfigurationProperties("wangge.field")
record FieldChecksProperties(Double photoMaxDistanceMetres, Duration lateAfter) {

  FieldChecksProperties {
    photoMaxDistanceMetres = photoMaxDistanceMetres == null ? 200.0 : photoMaxDistanceMetres;
    lateAfter = lateAfter == null ? Duration.ofDays(7) : lateAfter;
    if (!(photoMaxDistanceMetres > 0)) {
      throw new IllegalArgumentException("wangge.field.photo-max-distance-metres must be > 0");
    }
    if (lateAfter.isNegative() || lateAfter.isZero()) {
      throw new IllegalArgumentException("wangge.field.late-after must be a positive duration such as 7d");
    }
  }
}
