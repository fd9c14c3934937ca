package org.wangge.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wangge.security.*}.
 *
 * @param maxFailedSignIns consecutive failed sign-ins that lock an account (default 5; 0: never)
 * @param lockDuration how long a locked account stays locked (default 15 minutes)
 * @param intakeReportsPerMinute reports one anonymous client (by address) may file per minute
 *     (default 20; 0: no limit). Signed-in users are not limited.
 * @param receiptKey the secret behind citizens' receipt tokens (at least 32 characters)
 * @param imageSources extra {@code img-src} sources for the Content-Security-Policy, such as a
 *     basemap's tile servers ({@code https://*.tianditu.gov.cn})
 * @param bootstrapAdminPassword when set and no ADMIN exists, an {@code admin} user with this
 *     password is created at start-up (at least 12 characters)
 */
@ConfigurationProperties("wangge.security")
record SecurityProperties(
    Integer maxFailedSignIns,
    Duration lockDuration,
    Integer intakeReportsPerMinute,
    String receiptKey,
    List<String> imageSources,
    String bootstrapAdminPassword) {

  /** The receipt key used when none is configured: fine on a laptop, refused by the prod profile. */
  static final String DEMO_RECEIPT_KEY = "wangge-demo-receipt-key-do-not-use-in-production";

  SecurityProperties {
    maxFailedSignIns = maxFailedSignIns == null ? 5 : maxFailedSignIns;
    lockDuration = lockDuration == null ? Duration.ofMinutes(15) : lockDuration;
    intakeReportsPerMinute = intakeReportsPerMinute == null ? 20 : intakeReportsPerMinute;
    receiptKey = receiptKey == null || receiptKey.isBlank() ? DEMO_RECEIPT_KEY : receiptKey;
    imageSources = imageSources == null ? List.of() : List.copyOf(imageSources);
    if (maxFailedSignIns < 0) {
      throw new IllegalArgumentException("wangge.security.max-failed-sign-ins must be 0 or more");
    }
    if (lockDuration.isNegative() || lockDuration.isZero()) {
      throw new IllegalArgumentException("wangge.security.lock-duration must be positive, e.g. 15m");
    }
    if (intakeReportsPerMinute < 0) {
      throw new IllegalArgumentException("wangge.security.intake-reports-per-minute must be 0 or more");
    }
    if (receiptKey.length() < 32) {
      throw new IllegalArgumentException(
          "wangge.security.receipt-key must be at least 32 characters (e.g. `openssl rand -base64 32`)");
    }
    for (String source : imageSources) {
      if (!source.matches("[A-Za-z0-9.*:/_-]+")) {
        throw new IllegalArgumentException(
            "wangge.security.image-sources: '" + source + "' is not a CSP source such as https://t0.tianditu.gov.cn");
      }
    }
  }
}
