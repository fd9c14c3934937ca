package org.wangge.incident;

import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.wangge.web.InvalidInputException;

/**
 * Reports and actions made offline and sent later (queued on the phone): their {@code observedAt}
 * (when the user made them) may not lie in the future beyond {@link #CLOCK_SKEW}, and an item sent
 * more than {@code wangge.field.late-after} after it is late. Its timeline entry keeps both times.
 */
@Component
class QueuedItems {

  /** How far a phone's clock may run ahead of the server's. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final FieldChecksProperties checks;

  QueuedItems(FieldChecksProperties checks) {
    this.checks = checks;
  }

  /** The item's {@code observedAt} (null when not sent); {@code 400} naming it when malformed or in the future. */
  Instant observedAt(String value, Instant now) {
    Instant observedAt = InvalidInputException.instant("observedAt", value);
    if (observedAt != null && observedAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw new InvalidInputException(
          "observedAt", "lies in the future (" + observedAt + ", the server's time is " + now + "); check the phone's clock");
    }
    return observedAt;
  }

  /** Whether an item observed at {@code observedAt} (null: made online) and sent {@code now} is late. */
  boolean late(Instant observedAt, Instant now) {
    return observedAt != null && Duration.between(observedAt, now).compareTo(checks.lateAfter()) > 0;
  }
}
