package org.wangge.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.springframework.beans.factory.annotation.Autowired;
import org.wangge.dispatch.Dispatcher;
import org.wangge.dispatch.Routing;
import org.wangge.dispatch.RoutingRequest;
import org.wangge.dispatch.WorkingCalendar;
import org.wangge.gisdata.model.ClockType;
import tools.jackson.databind.JsonNode;

/**
 * Clocks that match the risk, on the working calendar kept in the database: a gas leak (a
 * calendar-hours item) reported on a Friday evening is due the same evening, a working-hours item
 * reported then on the next working day; an ADMIN's holiday moves the deadlines of cases filed after
 * it and not those of earlier cases; an edit made through another instance reaches this one by the
 * change stamp; the seeded years follow the State Council's notices; bad input changes nothing.
 */
abstract class CalendarClocksContract extends CaseFixtures {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** A real Friday that is a working day: 2026-12-04, 18:30 in Shanghai. */
  static final Instant FRIDAY_EVENING = ZonedDateTime.of(2026, 12, 4, 18, 30, 0, 0, SHANGHAI).toInstant();

  @Autowired Dispatcher dispatcher;
  @Autowired CaseClocks clocks;
  @Autowired WorkingCalendar calendar;
  @Autowired ClosedLoopProperties closedLoop;

  static Instant shanghai(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, SHANGHAI).toInstant();
  }

  Instant column(long id, String column) {
    return jdbc.queryForObject("SELECT " + column + " FROM incident WHERE id = ?", Timestamp.class, id).toInstant();
  }

  long fileCase(String categoryCode) {
    Coordinate c = interior(grid1);
    var filed =
        as("operator-street").post(
            "/api/incidents",
            "{\"lon\":" + c.x + ",\"lat\":" + c.y + ",\"categoryCode\":\"" + categoryCode
                + "\",\"description\":\"时钟测试\",\"source\":\"PATROL\"}");
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    return JSON.readTree(filed.body()).get("id").asLong();
  }

  JsonNode year(int year) {
    var response = as("operator-street").get("/api/calendar?year=" + year);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static JsonNode entry(JsonNode year, String date) {
    for (JsonNode day : year.get("days")) {
      if (day.get("date").asString().equals(date)) {
        return day;
      }
    }
    return null;
  }

  long stamp() {
    return jdbc.queryForObject("SELECT stamp FROM calendar_stamp WHERE id = 1", Long.class);
  }

  long audits() {
    return jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = 'CALENDAR_DAY_CHANGED'", Long.class);
  }

  @Test
  void aGasLeakReportedOnAFridayEveningIsDueTheSameEveningAWorkingHoursItemOnMonday() {
    assertThat(jdbc.queryForObject("SELECT clock_type FROM category WHERE code = '050301' AND retired_in IS NULL", String.class))
        .isEqualTo("CALENDAR_HOURS");
    int hours = jdbc.queryForObject("SELECT deadline_hours FROM category WHERE code = '050301' AND retired_in IS NULL", Integer.class);
    assertThat(hours).isEqualTo(2);
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 4))).isTrue();
    Coordinate c = interior(grid1);

    Routing gas = dispatcher.route(new RoutingRequest(c.x, c.y, null, null, hours, ClockType.CALENDAR_HOURS, FRIDAY_EVENING));
    assertThat(gas.dueAt()).isEqualTo(shanghai(2026, 12, 4, 20, 30));
    assertThat(clocks.acceptDeadline(FRIDAY_EVENING, ClockType.CALENDAR_HOURS).dueAt())
        .isEqualTo(FRIDAY_EVENING.plus(Duration.ofHours(closedLoop.acceptWorkingHours())));

    Routing working = dispatcher.route(new RoutingRequest(c.x, c.y, null, null, hours, ClockType.WORKING_HOURS, FRIDAY_EVENING));
    assertThat(working.dueAt()).isEqualTo(shanghai(2026, 12, 7, 10, 30)); // Monday 08:30 + 2 h
    assertThat(clocks.acceptDeadline(FRIDAY_EVENING, ClockType.WORKING_HOURS).dueAt())
        .isEqualTo(calendar.addWorkingTime(shanghai(2026, 12, 7, 8, 30), Duration.ofHours(closedLoop.acceptWorkingHours())));
  }

  @Test
  void aCalendarHoursCaseFiledNowRunsAroundTheClock() {
    // An emergency item without extra questions (08xx), filed over HTTP at whatever time it is now.
    String item =
        jdbc.queryForObject(
            "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND clock_type = 'CALENDAR_HOURS' AND code LIKE '08%'",
            String.class);
    int hours = jdbc.queryForObject("SELECT deadline_hours FROM category WHERE code = ? AND retired_in IS NULL", Integer.class, item);
    long id = fileCase(item);
    Instant reported = column(id, "reported_at");
    assertThat(column(id, "due_at")).isEqualTo(reported.plus(Duration.ofHours(hours)));
    assertThat(column(id, "stage_due_at")).isEqualTo(reported.plus(Duration.ofHours(closedLoop.acceptWorkingHours())));
  }

  @Test
  void aHolidaySetByAnAdminMovesTheDeadlinesOfNewCasesOnly() {
    assertThat(jdbc.queryForObject("SELECT clock_type FROM category WHERE code = ? AND retired_in IS NULL", String.class, category))
        .isEqualTo("WORKING_HOURS");
    long before = fileCase(category);
    Instant dueBefore = column(before, "due_at");
    Instant stageDueBefore = column(before, "stage_due_at");
    LocalDate day = LocalDate.ofInstant(dueBefore, SHANGHAI);
    assertThat(calendar.isWorkingDay(day)).isTrue();
    JsonNode existing = entry(year(day.getYear()), day.toString());
    long audits = audits();
    try {
      if (existing == null) {
        ok(as("admin").put("/api/calendar/days/" + day, "{\"kind\":\"HOLIDAY\",\"name\":\"测试假日\"}"));
      } else { // the due day is a make-up working day: clearing it takes its working hours away
        assertThat(existing.get("kind").asString()).isEqualTo("MAKEUP_WORKDAY");
        assertThat(as("admin").delete("/api/calendar/days/" + day).statusCode()).isEqualTo(204);
      }
      assertThat(calendar.isWorkingDay(day)).as("reloaded on this instance at once").isFalse();
      assertThat(audits()).isEqualTo(audits + 1);

      long after = fileCase(category);
      Instant dueAfter = column(after, "due_at");
      assertThat(LocalDate.ofInstant(dueAfter, SHANGHAI)).isAfter(day);
      Instant reportedAfter = column(after, "reported_at");
      int hours = jdbc.queryForObject("SELECT deadline_hours FROM category WHERE code = ? AND retired_in IS NULL", Integer.class, category);
      assertThat(dueAfter).isEqualTo(calendar.addWorkingTime(reportedAfter, Duration.ofHours(hours)));
      // The case filed before keeps its deadlines.
      assertThat(column(before, "due_at")).isEqualTo(dueBefore);
      assertThat(column(before, "stage_due_at")).isEqualTo(stageDueBefore);
    } finally {
      if (existing == null) {
        assertThat(as("admin").delete("/api/calendar/days/" + day).statusCode()).isEqualTo(204);
      } else {
        ok(as("admin").put("/api/calendar/days/" + day, "{\"kind\":\"MAKEUP_WORKDAY\",\"name\":\"" + existing.get("name").asString() + "\"}"));
      }
    }
    assertThat(calendar.isWorkingDay(day)).isTrue();
    var events =
        jdbc.queryForList(
            "SELECT entity_type, entity_id, actor FROM audit_event WHERE action = 'CALENDAR_DAY_CHANGED' AND entity_id = ? ORDER BY id",
            day.toString());
    assertThat(events).hasSizeGreaterThanOrEqualTo(2);
    assertThat(events.getLast().values()).contains("calendar_day", "admin");
  }

  @Test
  void anEditThroughAnotherInstanceReachesThisOneByTheStamp() {
    // What another instance's PUT leaves in the database: a row and a new stamp. 2099-06-01 is a Monday.
    LocalDate day = LocalDate.of(2099, 6, 1);
    assertThat(calendar.isWorkingDay(day)).isTrue();
    transactions.executeWithoutResult(
        s -> {
          jdbc.update("UPDATE calendar_stamp SET stamp = stamp + 1, changed_at = CURRENT_TIMESTAMP WHERE id = 1");
          jdbc.update(
              "INSERT INTO calendar_day (calendar_date, kind, name, changed_at, changed_by) VALUES (?, 'HOLIDAY', '另一实例', CURRENT_TIMESTAMP, 'admin')",
              java.sql.Date.valueOf(day));
        });
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> !calendar.isWorkingDay(day));
    } finally {
      transactions.executeWithoutResult(
          s -> {
            jdbc.update("UPDATE calendar_stamp SET stamp = stamp + 1, changed_at = CURRENT_TIMESTAMP WHERE id = 1");
            jdbc.update("DELETE FROM calendar_day WHERE calendar_date = ?", java.sql.Date.valueOf(day));
          });
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> calendar.isWorkingDay(day));
  }

  @Test
  void theSeededYearsFollowTheStateCouncilNotices() {
    JsonNode y2026 = year(2026);
    assertThat(y2026.get("zone").asString()).isEqualTo("Asia/Shanghai");
    assertThat(entry(y2026, "2026-02-17").get("name").asString()).isEqualTo("春节");
    assertThat(entry(y2026, "2026-02-17").get("kind").asString()).isEqualTo("HOLIDAY");
    assertThat(entry(y2026, "2026-02-14").get("name").asString()).isEqualTo("春节调休上班");
    assertThat(entry(y2026, "2026-02-14").get("kind").asString()).isEqualTo("MAKEUP_WORKDAY");
    assertThat(count(y2026, "HOLIDAY")).isEqualTo(33);
    assertThat(count(y2026, "MAKEUP_WORKDAY")).isEqualTo(6);
    JsonNode y2025 = year(2025);
    assertThat(count(y2025, "HOLIDAY")).isEqualTo(28);
    assertThat(count(y2025, "MAKEUP_WORKDAY")).isEqualTo(5);
    assertThat(entry(y2025, "2025-10-08").get("name").asString()).isEqualTo("国庆节、中秋节");
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue(); // make-up Saturday
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 17))).isFalse();
  }

  static long count(JsonNode year, String kind) {
    long n = 0;
    for (JsonNode day : year.get("days")) {
      if (day.get("kind").asString().equals(kind)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndChangesNothing() {
    String before = as("admin").get("/api/calendar?year=2026").body();
    long stamp = stamp();
    long audits = audits();
    String name51 = "节".repeat(51);
    Object[][] cases = {
      {"/api/calendar/days/2026-02-30", "{\"kind\":\"HOLIDAY\",\"name\":\"x\"}", "date"},
      {"/api/calendar/days/tomorrow", "{\"kind\":\"HOLIDAY\",\"name\":\"x\"}", "date"},
      {"/api/calendar/days/1999-05-03", "{\"kind\":\"HOLIDAY\",\"name\":\"x\"}", "date"},
      {"/api/calendar/days/2101-05-03", "{\"kind\":\"HOLIDAY\",\"name\":\"x\"}", "date"},
      {"/api/calendar/days/2026-12-09", "{\"kind\":\"WEEKEND\",\"name\":\"x\"}", "kind"},
      {"/api/calendar/days/2026-12-09", "{\"name\":\"x\"}", "kind"},
      {"/api/calendar/days/2026-02-17", "{\"kind\":\"MAKEUP_WORKDAY\",\"name\":\"春节上班\"}", "kind"},
      {"/api/calendar/days/2026-02-14", "{\"kind\":\"HOLIDAY\",\"name\":\"春节\"}", "kind"},
      {"/api/calendar/days/2026-12-09", "{\"kind\":\"HOLIDAY\",\"name\":\"" + name51 + "\"}", "name"},
      {"/api/calendar/days/2026-12-09", "{\"kind\":\"HOLIDAY\",\"name\":\"  \"}", "name"},
      {"/api/calendar/days/2026-12-09", "{\"kind\":\"HOLIDAY\",\"name\":\"x\",\"colour\":\"red\"}", "colour"},
    };
    for (Object[] c : cases) {
      HttpResponse<String> response = as("admin").put((String) c[0], (String) c[1]);
      assertThat(response.statusCode()).as(c[0] + " " + c[1] + " → " + response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      assertThat(JSON.readTree(response.body()).get("field").asString()).as(response.body()).isEqualTo(c[2]);
    }
    for (String query : new String[] {"1999", "2101", "abc"}) {
      HttpResponse<String> response = as("admin").get("/api/calendar?year=" + query);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("field").asString()).isEqualTo("year");
    }
    assertThat(as("admin").delete("/api/calendar/days/2026-12-09").statusCode()).isEqualTo(404);
    assertThat(as("admin").delete("/api/calendar/days/not-a-date").statusCode()).isEqualTo(400);
    // Only an ADMIN edits; every desk role reads.
    assertThat(as("operator-street").put("/api/calendar/days/2026-12-09", "{\"kind\":\"HOLIDAY\",\"name\":\"x\"}").statusCode())
        .isEqualTo(403);
    assertThat(as("operator-street").delete("/api/calendar/days/2026-02-17").statusCode()).isEqualTo(403);
    assertThat(as("member-grid1").get("/api/calendar?year=2026").statusCode()).isEqualTo(200);

    assertThat(as("admin").get("/api/calendar?year=2026").body()).isEqualTo(before);
    assertThat(stamp()).isEqualTo(stamp);
    assertThat(audits()).isEqualTo(audits);
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 9))).isTrue();
  }
}
