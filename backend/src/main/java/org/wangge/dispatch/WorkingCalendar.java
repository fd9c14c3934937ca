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
 * zone (by default Asia/Shanghai). The periods, zone and weekend are configured by {@code
 * wangge.calendar.*}; the dated days (holidays and make-up working days) come from the database
 * table {@code calendar_day}, edited by ADMINs (see {@code WorkingCalendarDays}), plus any listed in
 * {@code wangge.calendar.holidays} / {@code working-days} (for example a city's local holiday). See
 * {@link #of(ZoneId, List, Collection, Collection, Collection)} for use without Spring.
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
 * <p>Thread-safe. The zone, periods and weekend never change; the dated days are one immutable
 * {@link Days} snapshot in a volatile field that the database loader swaps when an ADMIN edits the
 * calendar, and every call reads that field once, so it counts on one consistent set of days. A
 * calendar made with {@link #of of(...)} keeps its days. Each call walks day by day from its start,
 * with constant work per working period: 2,000 working hours (about 290 working days) take a few
 * hundred steps.
 */
@Component
public final class WorkingCalendar {

  private final ZoneId zone;
  private final List<WorkingCalendarProperties.Period> periods;
  private final Set<DayOfWeek> weekend;
  private final Set<LocalDate> configuredHolidays;
  private final Set<LocalDate> configuredWorkingDays;
  private volatile Days days;

  /**
   * The dated days a calculation uses, one immutable snapshot: the holidays and the make-up working
   * days (a date in both is a working day).
   */
  record Days(Set<LocalDate> holidays, Set<LocalDate> workingDays) {
    Days {
      holidays = Set.copyOf(holidays);
      workingDays = Set.copyOf(workingDays);
    }
  }

  WorkingCalendar(WorkingCalendarProperties properties) {
    this.zone = properties.zone();
    this.periods = properties.periods();
    this.weekend =
        properties.weekend().isEmpty()
            ? EnumSet.noneOf(DayOfWeek.class)
            : EnumSet.copyOf(properties.weekend());
    this.configuredHolidays = Set.copyOf(properties.holidays());
    this.configuredWorkingDays = Set.copyOf(properties.workingDays());
    this.days = new Days(configuredHolidays, configuredWorkingDays);
  }

  /**
   * Counts from now on with these dated days from the database, in addition to those configured in
   * {@code wangge.calendar.*}. Deadlines already computed keep their instants.
   */
  void useDatedDays(Collection<LocalDate> holidays, Collection<LocalDate> workingDays) {
    Set<LocalDate> h = new java.util.HashSet<>(configuredHolidays);
    h.addAll(holidays);
    Set<LocalDate> w = new java.util.HashSet<>(configuredWorkingDays);
    w.addAll(workingDays);
    this.days = new Days(h, w);
  }

  /** The holidays configured in {@code wangge.calendar.holidays} (not the database's). */
  Set<LocalDate> configuredHolidays() {
    return configuredHolidays;
  }

  /** The make-up working days configured in {@code wangge.calendar.working-days}. */
  Set<LocalDate> configuredWorkingDays() {
    return configuredWorkingDays;
  }

  /** The working periods of a working day, as {@code HH:mm-HH:mm}. */
  public List<String> workingPeriods() {
    return periods.stream().map(Object::toString).toList();
  }

  /** The days of the week that are off unless a date is a make-up working day. */
  public Set<DayOfWeek> weekend() {
    return java.util.Collections.unmodifiableSet(weekend);
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
    return isWorkingDay(days, date);
  }

  private boolean isWorkingDay(Days d, LocalDate date) {
    if (d.workingDays().contains(date)) {
      return true;
    }
    return !d.holidays().contains(date) && !weekend.contains(date.getDayOfWeek());
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
    return addWorkingTime(days, start, workingTime);
  }

  private Instant addWorkingTime(Days d, Instant start, Duration workingTime) {
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
      if (!isWorkingDay(d, day)) {
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
    Days d = days;
    Duration total = Duration.ZERO;
    LocalDate last = LocalDate.ofInstant(to, zone);
    for (LocalDate day = LocalDate.ofInstant(from, zone);
        !day.isAfter(last);
        day = day.plusDays(1)) {
      if (!isWorkingDay(d, day)) {
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
    // Both points on the same days, even if an ADMIN edits the calendar meanwhile.
    Days d = days;
    return new Deadline(addWorkingTime(d, start, total), addWorkingTime(d, start, warning));
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
        + days.holidays().size()
        + ", workingDays="
        + days.workingDays().size()
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
