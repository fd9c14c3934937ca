package org.wangge.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import org.wangge.web.InvalidInputException;

/**
 * The period an evaluation covers: every instant {@code t} with {@code from <= t < to}
 * (half-open, so consecutive periods never count a case twice).
 */
record EvaluationPeriod(Instant from, Instant to) {

  /** The longest period one request may cover. */
  static final Duration MAX_LENGTH = Duration.ofDays(366);

  /** The period when the request names none: the 30 days up to now. */
  static final Duration DEFAULT_LENGTH = Duration.ofDays(30);

  /**
   * Reads the request's {@code from}, {@code to} and {@code period} parameters.
   *
   * <ul>
   *   <li>{@code period=week} or {@code month}: the week or calendar month (in {@code zone}) that
   *       starts at {@code from}; without {@code from}, the current week (from Monday 00:00) or
   *       month (from the 1st, 00:00). {@code to} may not be given with it.
   *   <li>otherwise {@code from} and {@code to}, ISO-8601 instants: both optional, a missing
   *       {@code to} is now and a missing {@code from} is 30 days before {@code to}.
   * </ul>
   *
   * {@code from} must come before {@code to}, at most 366 days apart; anything else is bad input
   * naming the field.
   */
  static EvaluationPeriod parse(String fromText, String toText, String periodText, Instant now, ZoneId zone) {
    Instant from = InvalidInputException.instant("from", fromText);
    Instant to = InvalidInputException.instant("to", toText);
    if (periodText != null && !periodText.isBlank()) {
      String period = periodText.strip().toLowerCase(Locale.ROOT);
      if (!period.equals("week") && !period.equals("month")) {
        throw new InvalidInputException("period", "must be week or month, got '" + periodText + "'");
      }
      if (to != null) {
        throw new InvalidInputException("to", "may not be given with period: the period's end follows from its start");
      }
      boolean week = period.equals("week");
      ZonedDateTime start;
      if (from != null) {
        start = from.atZone(zone);
      } else {
        LocalDate today = LocalDate.ofInstant(now, zone);
        start =
            (week
                    ? today.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                    : today.withDayOfMonth(1))
                .atStartOfDay(zone);
      }
      return new EvaluationPeriod(start.toInstant(), (week ? start.plusWeeks(1) : start.plusMonths(1)).toInstant());
    }
    if (to == null) {
      to = now;
    }
    if (from == null) {
      from = to.minus(DEFAULT_LENGTH);
    }
    if (!from.isBefore(to)) {
      throw new InvalidInputException("to", "must be after from (" + from + "), got " + to);
    }
    if (Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
      throw new InvalidInputException("to", "must be at most 366 days after from (" + from + "), got " + to);
    }
    return new EvaluationPeriod(from, to);
  }
}
