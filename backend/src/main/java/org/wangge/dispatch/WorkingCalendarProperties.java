package org.wangge.dispatch;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wangge.calendar.*}: the working calendar that deadlines are counted on. Validated when
 * bound, so a bad calendar stops the application at start-up with a message naming the property.
 *
 * @param zone time zone of the working hours and dates (default {@code Asia/Shanghai})
 * @param workingPeriods working hours of a working day as {@code HH:mm-HH:mm}, in order, not
 *     overlapping, each within one day (default {@code 08:30-12:00, 13:30-18:00})
 * @param weekend days of the week that are not working days unless listed in {@code workingDays}
 *     (default {@code SATURDAY, SUNDAY}); must leave at least one working day in the week
 * @param holidays days off (public holidays and the weekdays given off with them, 放假); may
 *     include weekend days
 * @param workingDays make-up working days (调休上班): working days even on a weekend
 */
@ConfigurationProperties("wangge.calendar")
record WorkingCalendarProperties(
    ZoneId zone,
    List<String> workingPeriods,
    Set<DayOfWeek> weekend,
    List<LocalDate> holidays,
    List<LocalDate> workingDays) {

  static final String PREFIX = "wangge.calendar.";

  private static final Pattern PERIOD =
      Pattern.compile("\\s*(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})\\s*");
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  WorkingCalendarProperties {
    zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
    workingPeriods =
        workingPeriods == null
            ? List.of("08:30-12:00", "13:30-18:00")
            : List.copyOf(workingPeriods);
    weekend =
        weekend == null
            ? Set.copyOf(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))
            : Set.copyOf(weekend);
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
    workingDays = workingDays == null ? List.of() : List.copyOf(workingDays);

    parsePeriods(workingPeriods);
    if (weekend.size() == DayOfWeek.values().length) {
      throw new IllegalArgumentException(
          PREFIX + "weekend: every day of the week is a weekend day, so no deadline could end");
    }
    Set<LocalDate> both = new TreeSet<>(holidays);
    both.retainAll(new HashSet<>(workingDays));
    if (!both.isEmpty()) {
      throw new IllegalArgumentException(
          PREFIX + "holidays and " + PREFIX + "working-days both contain " + both);
    }
  }

  /** The working periods, parsed; validated by the constructor, so this does not throw. */
  List<Period> periods() {
    return parsePeriods(workingPeriods);
  }

  /**
   * A working period {@code [start, end)} of a working day, in local time; {@code start} is
   * before {@code end}.
   */
  record Period(LocalTime start, LocalTime end) {

    @Override
    public String toString() {
      return HH_MM.format(start) + "-" + HH_MM.format(end);
    }
  }

  private static List<Period> parsePeriods(List<String> texts) {
    String property = PREFIX + "working-periods";
    if (texts.isEmpty()) {
      throw new IllegalArgumentException(property + ": at least one period is needed");
    }
    List<Period> periods = new ArrayList<>();
    for (String text : texts) {
      Matcher m = text == null ? null : PERIOD.matcher(text);
      if (m == null || !m.matches()) {
        throw new IllegalArgumentException(
            property + ": '" + text + "' is not a period HH:mm-HH:mm, like 08:30-12:00");
      }
      Period period;
      try {
        period = new Period(LocalTime.parse(m.group(1), HH_MM), LocalTime.parse(m.group(2), HH_MM));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            property + ": '" + text + "' is not a period HH:mm-HH:mm (" + e.getMessage() + ")", e);
      }
      if (!period.start().isBefore(period.end())) {
        throw new IllegalArgumentException(
            property
                + ": '"
                + text
                + "' does not end after it starts (periods cannot cross midnight)");
      }
      if (!periods.isEmpty()) {
        Period previous = periods.getLast();
        if (period.start().isBefore(previous.end())) {
          throw new IllegalArgumentException(
              property
                  + ": "
                  + period
                  + " starts before "
                  + previous
                  + " ends; list periods in order of the day, without overlap");
        }
      }
      periods.add(period);
    }
    return List.copyOf(periods);
  }
}
