package org.wangge.dispatch;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wangge.security.AuditLog;
import org.wangge.security.Jurisdiction;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;

/**
 * The working calendar's dated days in the database (table {@code calendar_day}): public holidays
 * and make-up working days, one entry per date, edited by ADMINs. Feeds {@link WorkingCalendar}:
 * loaded at start, reloaded on this instance right after each edit commits, and on every other
 * instance within {@code wangge.calendar.poll-interval} (default 5 s): each instance polls the
 * change stamp (table {@code calendar_stamp}, one row, one primary-key read), which every edit bumps
 * in its transaction. An edit applies to clocks started after it; deadlines already set stay.
 *
 * <p>Dates listed in {@code wangge.calendar.holidays} / {@code working-days} apply as well (a city's
 * local holiday, say); they are shown with source {@code CONFIGURATION} and are not edited here.
 * Thread-safe.
 */
@Service
class WorkingCalendarDays {

  private static final Logger log = LoggerFactory.getLogger(WorkingCalendarDays.class);

  /** The audit action of every edit. */
  static final String AUDIT_ACTION = "CALENDAR_DAY_CHANGED";

  /** The longest name of an entry, in characters. */
  static final int MAX_NAME = 50;

  /** What a dated day is. */
  enum Kind {
    /** 放假: a day off, a public holiday or a weekday given off with it. */
    HOLIDAY,
    /** 调休上班: a working day, even on a weekend. */
    MAKEUP_WORKDAY
  }

  /** Where an entry comes from. */
  enum Source {
    /** Table {@code calendar_day}, edited by ADMINs. */
    DATABASE,
    /** {@code wangge.calendar.holidays} / {@code working-days}; {@code name} is {@code null}. */
    CONFIGURATION
  }

  /** One dated day of the calendar. */
  record Day(LocalDate date, Kind kind, String name, Instant changedAt, String changedBy, Source source) {}

  /** A year of the calendar: the rules that stay in configuration and the dated days, by date. */
  record Year(int year, String zone, List<String> workingPeriods, List<DayOfWeek> weekend, List<Day> days) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final WorkingCalendar calendar;
  private final AuditLog audit;
  private volatile long loadedStamp = Long.MIN_VALUE;

  WorkingCalendarDays(JdbcTemplate jdbc, TransactionTemplate transactions, WorkingCalendar calendar, AuditLog audit) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.calendar = calendar;
    this.audit = audit;
    reload();
  }

  /** Reloads the calendar when another instance (or this one) changed its days. */
  @Scheduled(
      initialDelayString = "${wangge.calendar.poll-interval:PT5S}",
      fixedDelayString = "${wangge.calendar.poll-interval:PT5S}")
  void poll() {
    try {
      if (stamp() != loadedStamp) {
        reload();
      }
    } catch (RuntimeException e) {
      log.warn("Could not read the calendar stamp: {}", e.getMessage());
    }
  }

  /** Reads every dated day and hands them to {@link WorkingCalendar}. */
  synchronized void reload() {
    long seen = stamp(); // read first: an edit committed in between only causes one more reload
    List<LocalDate> holidays = new ArrayList<>();
    List<LocalDate> workingDays = new ArrayList<>();
    jdbc.query(
        "SELECT calendar_date, kind FROM calendar_day",
        rs -> {
          LocalDate date = rs.getDate(1).toLocalDate();
          (Kind.valueOf(rs.getString(2)) == Kind.HOLIDAY ? holidays : workingDays).add(date);
        });
    calendar.useDatedDays(holidays, workingDays);
    loadedStamp = seen;
    log.info("Working calendar: {} holidays and {} make-up working days from the database (stamp {})", holidays.size(), workingDays.size(), seen);
  }

  /** The stamp the calendar was last loaded at. */
  long loadedStamp() {
    return loadedStamp;
  }

  long stamp() {
    Long stamp = jdbc.queryForObject("SELECT stamp FROM calendar_stamp WHERE id = 1", Long.class);
    return stamp == null ? 0 : stamp;
  }

  /** The calendar of {@code year}: its dated days from the database and the configuration, by date. */
  Year year(int year) {
    LocalDate first = LocalDate.of(year, 1, 1);
    LocalDate last = LocalDate.of(year, 12, 31);
    Map<LocalDate, Day> days = new java.util.TreeMap<>();
    for (LocalDate d : calendar.configuredHolidays()) {
      if (!d.isBefore(first) && !d.isAfter(last)) {
        days.put(d, new Day(d, Kind.HOLIDAY, null, null, null, Source.CONFIGURATION));
      }
    }
    for (LocalDate d : calendar.configuredWorkingDays()) {
      if (!d.isBefore(first) && !d.isAfter(last)) {
        days.put(d, new Day(d, Kind.MAKEUP_WORKDAY, null, null, null, Source.CONFIGURATION));
      }
    }
    jdbc.query(
        "SELECT calendar_date, kind, name, changed_at, changed_by FROM calendar_day WHERE calendar_date BETWEEN ? AND ?",
        rs -> {
          Day day = day(rs);
          days.putIfAbsent(day.date(), day); // a configured make-up day outranks (see WorkingCalendar)
        },
        Date.valueOf(first),
        Date.valueOf(last));
    return new Year(
        year,
        calendar.zone().getId(),
        calendar.workingPeriods(),
        calendar.weekend().stream().sorted().toList(),
        List.copyOf(days.values()));
  }

  /**
   * Makes {@code date} a holiday or a make-up working day with this name (or renames it). A date
   * holds one kind: one that is a holiday (here or in the configuration) cannot become a make-up
   * working day, nor the other way round, until it is cleared. Audited; the calendar reloads.
   */
  Day put(LocalDate date, Kind kind, String name, Jurisdiction admin, Instant now) {
    Day saved =
        transactions.execute(
            status -> {
              bump(now); // locks the stamp row: edits of the calendar run one after another
              Day before = find(date);
              Kind other = kind == Kind.HOLIDAY ? Kind.MAKEUP_WORKDAY : Kind.HOLIDAY;
              Set<LocalDate> configuredOther =
                  other == Kind.HOLIDAY ? calendar.configuredHolidays() : calendar.configuredWorkingDays();
              if (configuredOther.contains(date)) {
                throw new InvalidInputException(
                    "kind",
                    date + " is " + describe(other) + " in the configuration (wangge.calendar."
                        + (other == Kind.HOLIDAY ? "holidays" : "working-days") + "), so it cannot also be " + describe(kind));
              }
              if (before != null && before.kind() == other) {
                throw new InvalidInputException(
                    "kind",
                    date + " is " + describe(other) + " (" + before.name() + "), so it cannot also be " + describe(kind)
                        + ": clear the day first (DELETE /api/calendar/days/" + date + ")");
              }
              if (before == null) {
                jdbc.update(
                    "INSERT INTO calendar_day (calendar_date, kind, name, changed_at, changed_by) VALUES (?, ?, ?, ?, ?)",
                    Date.valueOf(date), kind.name(), name, Timestamp.from(now), admin.username());
              } else {
                jdbc.update(
                    "UPDATE calendar_day SET name = ?, changed_at = ?, changed_by = ? WHERE calendar_date = ?",
                    name, Timestamp.from(now), admin.username(), Date.valueOf(date));
              }
              Day after = find(date);
              audit.change(AUDIT_ACTION, "calendar_day", date.toString(), null, state(before), state(after));
              return after;
            });
    reload();
    return saved;
  }

  /** Clears the entry of {@code date} (it becomes an ordinary day again). Audited; the calendar reloads. */
  void delete(LocalDate date, Instant now) {
    transactions.executeWithoutResult(
        status -> {
          bump(now);
          Day before = find(date);
          if (before == null) {
            String configured =
                calendar.configuredHolidays().contains(date) || calendar.configuredWorkingDays().contains(date)
                    ? " (it is set in the configuration, wangge.calendar.holidays / working-days: change it there)"
                    : "";
            throw new NotFoundException("The calendar has no entry on " + date + configured + ".");
          }
          jdbc.update("DELETE FROM calendar_day WHERE calendar_date = ?", Date.valueOf(date));
          audit.change(AUDIT_ACTION, "calendar_day", date.toString(), null, state(before), null);
        });
    reload();
  }

  private void bump(Instant now) {
    jdbc.update("UPDATE calendar_stamp SET stamp = stamp + 1, changed_at = ? WHERE id = 1", Timestamp.from(now));
  }

  private Day find(LocalDate date) {
    List<Day> found =
        jdbc.query(
            "SELECT calendar_date, kind, name, changed_at, changed_by FROM calendar_day WHERE calendar_date = ?",
            (rs, i) -> day(rs),
            Date.valueOf(date));
    return found.isEmpty() ? null : found.getFirst();
  }

  private static Day day(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Day(
        rs.getDate(1).toLocalDate(),
        Kind.valueOf(rs.getString(2)),
        rs.getString(3),
        rs.getTimestamp(4).toInstant(),
        rs.getString(5),
        Source.DATABASE);
  }

  private static Map<String, Object> state(Day day) {
    if (day == null) {
      return null;
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("date", day.date().toString());
    state.put("kind", day.kind().name());
    state.put("name", day.name());
    return state;
  }

  private static String describe(Kind kind) {
    return kind == Kind.HOLIDAY ? "a holiday" : "a make-up working day";
  }
}
