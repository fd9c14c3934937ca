package org.wangge.dispatch;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.wangge.gisdata.model.ClockType;

/**
 * Working time for deadlines (处置时限): the working periods of a working day (by default 08:30–12:00
 * and 13:30–18:00), weekends, public holidays and make-up working days (调休上班), all in one time
 * zone (by default Asia/Shanghai). Configured by {@code wangge.calendar.*}; see {@link
 * #of(ZoneId, List, Collection, Collection, Collection)} for use without Spring.
 *
 * <p><b>Terms.</b> A date is a <i>working day</i> when it is listed as a make-up working day, or
 * else when it is neither a holiday nor a weekend day. <i>Working time</i> is the time inside the
 * working periods of working days. A period is half-open, {@code [start, end)}, in the calendar's
 * zone; periods never cross midnight. Durations are real elapsed time: on a day when the zone
 * changes its clocks inside a period, that period is an hour shorter or longer.
 *
 * <p><b>Semantics.</b> {@link #addWorkingTime(Instant, Duration)} is the exact inverse of {@link
 * #workingTimeBetween(Instant, Instant)}: it returns the <i>earliest</i> instant {@code t ≥ start}
 * with {@code workingTimeBetween(start, t) = workingTime}. Hence counting from a start outside
 * working hours begins at the next working period, and working time that runs out exactly at the
 * end of a period (12:00, 18:00) ends at that instant, not at the start of the next period.
 *
 * <p>Immutable and thread-safe. Each call walks day by day from its start, with constant work per
 * working period: 2,000 working hours (about 290 working days) take a few hundred steps.
 */
@Component
public final class WorkingCalendar {

  private final ZoneId zone;
  private final List<WorkingCalendarProperties.Period> periods;
  private final Set<DayOfWeek> weekend;
  private final Set<LocalDate> holidays;
  private final Set<LocalDate> workingDays;

  WorkingCalendar(WorkingCalendarProperties properties) {
    this.zone = properties.zone();
    this.periods = properties.periods();
    this.weekend =
        properties.weekend().isEmpty()
            ? EnumSet.noneOf(DayOfWeek.class)
            : EnumSet.copyOf(properties.weekend());
    this.holidays = Set.copyOf(properties.holidays());
    this.workingDays = Set.copyOf(properties.workingDays());
  }

  /**
   * A calendar without Spring, validated as {@code wangge.calendar.*} is: errors are {@link
   * IllegalArgumentException}s naming the property.
   *
   * @param zone time zone of the periods and dates
   * @param workingPeriods working periods as {@code HH:mm-HH:mm}, in order, not overlapping
   * @param weekend days of the week off unless a date is a make-up working day
   * @param holidays dates off
   * @param workingDays make-up working dates, working even on a weekend; none may be a holiday
   */
  public static WorkingCalendar of(
      ZoneId zone,
      List<String> workingPeriods,
      Collection<DayOfWeek> weekend,
      Collection<LocalDate> holidays,
      Collection<LocalDate> workingDays) {
    return new WorkingCalendar(
        new WorkingCalendarProperties(
            Objects.requireNonNull(zone, "zone"),
            List.copyOf(workingPeriods),
            Set.copyOf(weekend),
            List.copyOf(holidays),
            List.copyOf(workingDays)));
  }

  /** The time zone the working periods and dates are in. */
  public ZoneId zone() {
    return zone;
  }

  /**
   * Whether {@code date} is a working day: a make-up working day, or else neither a holiday nor a
   * weekend day.
   */
  public boolean isWorkingDay(LocalDate date) {
    if (workingDays.contains(date)) {
      return true;
    }
    return !holidays.contains(date) && !weekend.contains(date.getDayOfWeek());
  }

  /**
   * The instant at which {@code workingTime} of working time has elapsed after {@code start}: the
   * earliest {@code t ≥ start} with {@link #workingTimeBetween(Instant, Instant)
   * workingTimeBetween(start, t)} equal to {@code workingTime}.
   *
   * <p>A start outside working hours (at night, in the lunch break, on a weekend or holiday, or
   * exactly at the end of a period) counts from the start of the next working period. Time that
   * runs out exactly at the end of a period gives that end, for example 18:00, not 08:30 the next
   * working day. A zero {@code workingTime} gives {@code start} itself.
   *
   * @param start when the clock starts (for a case: dispatch)
   * @param workingTime working time to add, not negative
   * @throws IllegalArgumentException if {@code workingTime} is negative
   */
  public Instant addWorkingTime(Instant start, Duration workingTime) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(workingTime, "workingTime");
    if (workingTime.isNegative()) {
      throw new IllegalArgumentException("workingTime must not be negative: " + workingTime);
    }
    if (workingTime.isZero()) {
      return start;
    }
    Duration remaining = workingTime;
    for (LocalDate day = LocalDate.ofInstant(start, zone); ; day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      for (WorkingCalendarProperties.Period period : periods) {
        Instant end = instant(day, period.end());
        if (!end.isAfter(start)) {
          continue;
        }
        Instant from = max(instant(day, period.start()), start);
        if (!end.isAfter(from)) {
          continue; // emptied by a clock change
        }
        Duration available = Duration.between(from, end);
        if (remaining.compareTo(available) <= 0) {
          return from.plus(remaining);
        }
        remaining = remaining.minus(available);
      }
    }
  }

  /**
   * The working time in {@code [from, to)}; {@link Duration#ZERO} when {@code to} is not after
   * {@code from}.
   */
  public Duration workingTimeBetween(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    LocalDate last = LocalDate.ofInstant(to, zone);
    for (LocalDate day = LocalDate.ofInstant(from, zone);
        !day.isAfter(last);
        day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      for (WorkingCalendarProperties.Period period : periods) {
        Instant lo = max(instant(day, period.start()), from);
        Instant hi = min(instant(day, period.end()), to);
        if (hi.isAfter(lo)) {
          total = total.plus(Duration.between(lo, hi));
        }
      }
    }
    return total;
  }

  /**
   * A deadline of {@code workingHours} working hours from {@code start}, with its yellow warning
   * point when {@code warningFraction} of that working time has elapsed (rounded to the nearest
   * second). Both points follow {@link #addWorkingTime(Instant, Duration)}.
   *
   * @param start when the clock starts (for a case: dispatch)
   * @param workingHours working hours allowed, positive
   * @param warningFraction fraction of the working time after which to warn, strictly between 0
   *     and 1 (for example 0.8)
   * @throws IllegalArgumentException if {@code workingHours} is not positive or {@code
   *     warningFraction} is not strictly between 0 and 1
   */
  public Deadline deadline(Instant start, int workingHours, double warningFraction) {
    Objects.requireNonNull(start, "start");
    if (workingHours <= 0) {
      throw new IllegalArgumentException("workingHours must be positive: " + workingHours);
    }
    if (!(warningFraction > 0 && warningFraction < 1)) {
      throw new IllegalArgumentException(
          "warningFraction must be strictly between 0 and 1: " + warningFraction);
    }
    Duration total = Duration.ofHours(workingHours);
    Duration warning = Duration.ofSeconds(Math.round(total.toSeconds() * warningFraction));
    return new Deadline(addWorkingTime(start, total), addWorkingTime(start, warning));
  }

  /**
   * A deadline of {@code hours} counted as {@code clockType} says: working hours as {@link
   * #deadline(Instant, int, double)}, or calendar hours around the clock (elapsed time, nights,
   * weekends and holidays included), with the yellow point at the same fraction.
   */
  public Deadline deadline(Instant start, int hours, double warningFraction, ClockType clockType) {
    if (clockType != ClockType.CALENDAR_HOURS) {
      return deadline(start, hours, warningFraction);
    }
    Objects.requireNonNull(start, "start");
    if (hours <= 0) {
      throw new IllegalArgumentException("hours must be positive: " + hours);
    }
    if (!(warningFraction > 0 && warningFraction < 1)) {
      throw new IllegalArgumentException(
          "warningFraction must be strictly between 0 and 1: " + warningFraction);
    }
    Duration total = Duration.ofHours(hours);
    return new Deadline(
        start.plus(total), start.plusSeconds(Math.round(total.toSeconds() * warningFraction)));
  }

  @Override
  public String toString() {
    return "WorkingCalendar[zone="
        + zone
        + ", periods="
        + periods
        + ", weekend="
        + weekend
        + ", holidays="
        + holidays.size()
        + ", workingDays="
        + workingDays.size()
        + "]";
  }

  private Instant instant(LocalDate day, LocalTime time) {
    return LocalDateTime.of(day, time).atZone(zone).toInstant();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
