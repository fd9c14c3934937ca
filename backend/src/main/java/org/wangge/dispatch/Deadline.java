package org.wangge.dispatch;

import java.time.Instant;
import java.util.Objects;

/**
 * A deadline counted in working time: {@code warningAt} is the yellow point (a given fraction of
 * the working time has elapsed), {@code dueAt} the red limit (all of it has elapsed). Both are
 * instants, never null, and {@code warningAt} is not after {@code dueAt}.
 *
 * @see WorkingCalendar#deadline(Instant, int, double)
 */
public record Deadline(Instant dueAt, Instant warningAt) {

  public Deadline {
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(warningAt, "warningAt");
    if (warningAt.isAfter(dueAt)) {
      throw new IllegalArgumentException(
          "warningAt " + warningAt + " is after dueAt " + dueAt);
    }
  }
}
