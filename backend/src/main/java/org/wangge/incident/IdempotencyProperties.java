package org.wangge.incident;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wangge.idempotency.*} (docs/idempotency.md).
 *
 * @param keyTtl how long an {@code Idempotency-Key} is remembered after its first use (default
 *     {@code 24h}); after that the key may be used again for a new request
 */
@ConfigurationProperties("wangge.idempotency")
record IdempotencyProperties(Duration keyTtl) {

  IdempotencyProperties {
    keyTtl = keyTtl == null ? Duration.ofHours(24) : keyTtl;
    if (keyTtl.isNegative() || keyTtl.isZero()) {
      throw new IllegalArgumentException("wangge.idempotency.key-ttl must be > 0, got " + keyTtl);
    }
  }
}
