package org.wangge.dispatch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.security.Role;
import org.wangge.web.InvalidInputException;

/**
 * The working calendar: {@code GET /api/calendar?year=2026} (every desk role; default the current
 * year) gives the year's holidays and make-up working days with the working periods, zone and
 * weekend; {@code PUT /api/calendar/days/{date}} with {@code {"kind": "HOLIDAY" | "MAKEUP_WORKDAY",
 * "name": "春节"}} sets a day and {@code DELETE /api/calendar/days/{date}} clears it (ADMIN, audited
 * as {@code CALENDAR_DAY_CHANGED}). Years 2000–2100; names 1–50 characters.
 */
@RestController
class WorkingCalendarController {

  static final int FIRST_YEAR = 2000;
  static final int LAST_YEAR = 2100;

  /** The body of a PUT. */
  record DayRequest(String kind, String name) {}

  private final WorkingCalendarDays days;
  private final WorkingCalendar calendar;
  private final CurrentUser currentUser;

  WorkingCalendarController(WorkingCalendarDays days, WorkingCalendar calendar, CurrentUser currentUser) {
    this.days = days;
    this.calendar = calendar;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/calendar")
  WorkingCalendarDays.Year year(@RequestParam(required = false) String year) {
    currentUser.require();
    int y;
    if (year == null || year.isBlank()) {
      y = LocalDate.now(calendar.zone()).getYear();
    } else {
      try {
        y = Integer.parseInt(year.trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException("year", "must be a year such as 2026, got '" + year + "'");
      }
    }
    checkYear("year", y);
    return days.year(y);
  }

  @PutMapping("/api/calendar/days/{date}")
  WorkingCalendarDays.Day put(@PathVariable String date, @RequestBody(required = false) DayRequest body) {
    Jurisdiction admin = currentUser.requireRole("edit the working calendar", Role.ADMIN);
    LocalDate day = date(date);
    if (body == null) {
      throw new InvalidInputException("body", "is required: {\"kind\": \"HOLIDAY\" or \"MAKEUP_WORKDAY\", \"name\": \"春节\"}");
    }
    WorkingCalendarDays.Kind kind = kind(body.kind());
    String name = body.name() == null ? "" : body.name().strip();
    if (name.isEmpty()) {
      throw new InvalidInputException("name", "is required: what the day is, such as 春节 or 春节调休上班");
    }
    int length = name.codePointCount(0, name.length());
    if (length > WorkingCalendarDays.MAX_NAME) {
      throw new InvalidInputException(
          "name", "may be at most " + WorkingCalendarDays.MAX_NAME + " characters, got " + length);
    }
    return days.put(day, kind, name, admin, Instant.now());
  }

  @DeleteMapping("/api/calendar/days/{date}")
  ResponseEntity<Void> delete(@PathVariable String date) {
    currentUser.requireRole("edit the working calendar", Role.ADMIN);
    days.delete(date(date), Instant.now());
    return ResponseEntity.noContent().build();
  }

  private static LocalDate date(String text) {
    LocalDate date;
    try {
      date = LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("date", "must be a date YYYY-MM-DD such as 2026-10-01, got '" + text + "'");
    }
    checkYear("date", date.getYear());
    return date;
  }

  private static void checkYear(String field, int year) {
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new InvalidInputException(
          field, "must lie in the years " + FIRST_YEAR + " to " + LAST_YEAR + ", got " + year);
    }
  }

  private static WorkingCalendarDays.Kind kind(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("kind", "is required: HOLIDAY (放假) or MAKEUP_WORKDAY (调休上班)");
    }
    try {
      return WorkingCalendarDays.Kind.valueOf(text.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("kind", "must be HOLIDAY (放假) or MAKEUP_WORKDAY (调休上班), got '" + text + "'");
    }
  }
}
