package org.wangge.risk;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wangge.web.InvalidInputException;

/**
 * An ISO-8601 week ({@code 2026-W47}: Monday to Sunday, week 1 holds the year's first Thursday) in
 * a time zone, as the half-open interval {@code [start, end)} of instants from Monday 00:00 to the
 * next Monday 00:00 local time.
 *
 * @param year the week-based year (differs from the calendar year around New Year)
 * @param week 1 to 52, or 53 in long years
 */
record IsoWeek(int year, int week, ZoneId zone) {

  private static final Pattern TEXT = Pattern.compile("(\\d{4})-W(\\d{2})");

  /** The week as {@code 2026-W47}. */
  @Override
  public String toString() {
    return String.format("%04d-W%02d", year, week);
  }

  LocalDate monday() {
    return LocalDate.of(year, 1, 4)
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  LocalDate sunday() {
    return monday().plusDays(6);
  }

  /** Monday 00:00 local time. */
  Instant start() {
    return monday().atStartOfDay(zone).toInstant();
  }

  /** The next Monday 00:00 local time (exclusive). */
  Instant end() {
    return monday().plusWeeks(1).atStartOfDay(zone).toInstant();
  }

  /** The week as people write it in a letter: {@code 2026年第47周（11月16日—11月22日）}. */
  String chinese() {
    LocalDate from = monday();
    LocalDate to = sunday();
    return year + "年第" + week + "周（" + from.getMonthValue() + "月" + from.getDayOfMonth() + "日—"
        + (to.getYear() != from.getYear() ? to.getYear() + "年" : "") + to.getMonthValue() + "月" + to.getDayOfMonth() + "日）";
  }

  static IsoWeek containing(LocalDate date, ZoneId zone) {
    return new IsoWeek(date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), zone);
  }

  /** The last week that has ended at {@code now}: the one before the current week. */
  static IsoWeek lastComplete(Instant now, ZoneId zone) {
    return containing(now.atZone(zone).toLocalDate().minusWeeks(1), zone);
  }

  /**
   * The week a request names ({@code 2026-W47}, case-insensitive), or the last complete week when
   * the text is absent. A week that has not started yet is bad input.
   *
   * @throws InvalidInputException naming {@code field}
   */
  static IsoWeek parse(String field, String text, Instant now, ZoneId zone) {
    if (text == null || text.isBlank()) {
      return lastComplete(now, zone);
    }
    Matcher m = TEXT.matcher(text.strip().toUpperCase(java.util.Locale.ROOT));
    if (!m.matches()) {
      throw new InvalidInputException(field, "must be an ISO week such as 2026-W47, got '" + text + "'");
    }
    int year = Integer.parseInt(m.group(1));
    int week = Integer.parseInt(m.group(2));
    // 28 December always lies in the last week of its week-based year.
    int weeks = LocalDate.of(year, 12, 28).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    if (year < 1900 || week < 1 || week > weeks) {
      throw new InvalidInputException(field, year + " has weeks 01 to " + weeks + ", got '" + text + "'");
    }
    IsoWeek parsed = new IsoWeek(year, week, zone);
    if (parsed.start().isAfter(now)) {
      throw new InvalidInputException(field, "'" + text + "' has not started yet");
    }
    return parsed;
  }
}
