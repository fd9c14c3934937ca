package org.wangge.field;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wangge.field.*}. Checked at start-up.
 *
 * @param deviceTokenTtl how long a device stays signed in after the password step (default 30
 *     days); rotation does not extend it
 * @param deviceTokenGrace how long the token just replaced by a rotation is still accepted, once
 *     (default 60 s), so that a lost response does not lock the phone out
 */
@ConfigurationProperties("wangge.field")
record FieldProperties(Duration deviceTokenTtl, Duration deviceTokenGrace) {

  FieldProperties {
    deviceTokenTtl = deviceTokenTtl == null ? Duration.ofDays(30) : deviceTokenTtl;
    deviceTokenGrace = deviceTokenGrace == null ? Duration.ofSeconds(60) : deviceTokenGrace;
    if (deviceTokenTtl.isNegative() || deviceTokenTtl.isZero()) {
      throw new IllegalArgumentException("wangge.field.device-token-ttl must be positive, got " + deviceTokenTtl);
    }
    if (deviceTokenGrace.isNegative()) {
      throw new IllegalArgumentException("wangge.field.device-token-grace must not be negative, got " + deviceTokenGrace);
    }
  }
}
