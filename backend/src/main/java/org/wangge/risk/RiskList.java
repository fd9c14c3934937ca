package org.wangge.risk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.area.AreaService;
import org.wangge.dispatch.WorkingCalendar;
import org.wangge.security.Jurisdiction;

/**
 * Builds the weekly risk list of an area ({@link RiskReport}) with a handful of grouped queries,
 * each limited to the area and the caller's jurisdiction in SQL. Weeks are ISO weeks in the
 * working calendar's zone ({@code wangge.calendar.zone}, Asia/Shanghai by default).
 */
@Service
@Transactional(readOnly = true)
class RiskList {

  /** At most this many rows in the overdue and high-risk lists (their counts are exact). */
  static final int MAX_ROWS = 1000;

  static final int HOT_SPOTS = 10;

  private static final String OPEN = "('REPORTED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'HANDLED')";

  private final JdbcTemplate jdbc;
  private final AreaService areas;
  private final WorkingCalendar calendar;

  RiskList(JdbcTemplate jdbc, AreaService areas, WorkingCalendar calendar) {
    this.jdbc = jdbc;
    this.areas = areas;
    this.calendar = calendar;
  }

  java.time.ZoneId zone() {
    return calendar.zone();
  }

  RiskReport report(String area, String weekText, Jurisdiction j, Instant now) {
    CaseScope scope = CaseScope.of(area, j, areas);
    IsoWeek week = IsoWeek.parse("week", weekText, now, calendar.zone());
    Timestamp from = Timestamp.from(week.start());
    Timestamp to = Timestamp.from(week.end());

    List<RiskReport.CategoryCount> byCategory =
        query(
            "SELECT COALESCE(m.code, c.code), COALESCE(m.name, c.name), c.code, c.name, count(*)"
                + " FROM incident i JOIN category c ON c.id = i.category_id LEFT JOIN category m ON m.code = SUBSTRING(c.code, 1, 2) AND m.level = 'CLASS' AND m.retired_in IS NULL"
                + " WHERE i.status <> 'CANCELLED' AND i.reported_at >= ? AND i.reported_at < ?",
            " GROUP BY m.code, m.name, c.code, c.name ORDER BY count(*) DESC, c.code",
            scope,
            (rs, n) -> new RiskReport.CategoryCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)),
            from,
            to);
    Map<String, RiskReport.MajorCount> majors = new LinkedHashMap<>();
    for (var c : byCategory) {
      majors.merge(
          c.majorCode(),
          new RiskReport.MajorCount(c.majorCode(), c.majorName(), c.count()),
          (a, b) -> new RiskReport.MajorCount(a.code(), a.name(), a.count() + b.count()));
    }
    List<RiskReport.MajorCount> byMajor =
        majors.values().stream()
            .sorted(Comparator.comparingLong(RiskReport.MajorCount::count).reversed().thenComparing(RiskReport.MajorCount::code))
            .toList();
    long total = byCategory.stream().mapToLong(RiskReport.CategoryCount::count).sum();

    List<RiskReport.GridCount> hotGrids =
        query(
            "SELECT i.grid_code, a.name, count(*) FROM incident i"
                + " LEFT JOIN area a ON a.code = i.grid_code AND a.valid_to IS NULL"
                + " WHERE i.status <> 'CANCELLED' AND i.reported_at >= ? AND i.reported_at < ? AND i.grid_code IS NOT NULL",
            " GROUP BY i.grid_code, a.name ORDER BY count(*) DESC, i.grid_code LIMIT " + HOT_SPOTS,
            scope,
            (rs, n) -> new RiskReport.GridCount(rs.getString(1), rs.getString(2), rs.getLong(3)),
            from,
            to);
    List<RiskReport.AddressCount> hotAddresses =
        query(
            "SELECT i.address_id, ad.code, ad.full_text, ad.grid_code, count(*) FROM incident i"
                + " JOIN address ad ON ad.id = i.address_id"
                + " WHERE i.status <> 'CANCELLED' AND i.reported_at >= ? AND i.reported_at < ?",
            " GROUP BY i.address_id, ad.code, ad.full_text, ad.grid_code ORDER BY count(*) DESC, ad.code LIMIT " + HOT_SPOTS,
            scope,
            (rs, n) -> new RiskReport.AddressCount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)),
            from,
            to);

    String overdueWhere = " WHERE i.status IN " + OPEN + " AND i.due_at < ?";
    long overdueCount = count(overdueWhere, scope, to);
    List<RiskReport.CaseRow> overdue = cases(overdueWhere, " ORDER BY i.due_at, i.id", scope, to);
    String highWhere = " WHERE i.risk = 'HIGH' AND i.status <> 'CANCELLED' AND i.reported_at >= ? AND i.reported_at < ?";
    long highCount = count(highWhere, scope, from, to);
    List<RiskReport.CaseRow> high = cases(highWhere, " ORDER BY i.reported_at, i.id", scope, from, to);

    return new RiskReport(
        new RiskReport.Area(scope.areaCode(), scope.areaName(), scope.level() == null ? null : scope.level().name()),
        week.toString(),
        week.chinese(),
        calendar.zone().getId(),
        week.start(),
        week.end(),
        now,
        issuer(j),
        total,
        byMajor,
        byCategory,
        hotGrids,
        hotAddresses,
        overdueCount,
        overdue,
        highCount,
        high);
  }

  /** The caller's centre: the name of the jurisdiction's area, as a letter signs it. */
  private String issuer(Jurisdiction j) {
    if (j.everywhere()) {
      return "网格化服务管理中心";
    }
    return areas.findCurrent(j.areaCode())
        .map(a -> Labels.centre(a.name(), a.level()))
        .orElse(j.areaCode());
  }

  private <T> List<T> query(
      String select, String tail, CaseScope scope, org.springframework.jdbc.core.RowMapper<T> mapper, Object... first) {
    var sql = new StringBuilder(select);
    List<Object> args = new ArrayList<>(List.of(first));
    scope.where(sql, args);
    sql.append(tail);
    return jdbc.query(sql.toString(), mapper, args.toArray());
  }

  private long count(String where, CaseScope scope, Object... first) {
    List<Long> n = query("SELECT count(*) FROM incident i" + where, "", scope, (rs, i) -> rs.getLong(1), first);
    return n.getFirst();
  }

  private List<RiskReport.CaseRow> cases(String where, String order, CaseScope scope, Object... first) {
    return query(
        "SELECT i.id, i.number, c.code, c.name, i.grid_code, i.area_code, i.status, i.risk, i.reported_at, i.due_at"
            + " FROM incident i JOIN category c ON c.id = i.category_id"
            + where,
        order + " LIMIT " + MAX_ROWS,
        scope,
        RiskList::caseRow,
        first);
  }

  private static RiskReport.CaseRow caseRow(ResultSet rs, int n) throws SQLException {
    Timestamp due = rs.getTimestamp(10);
    return new RiskReport.CaseRow(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getTimestamp(9).toInstant(),
        due == null ? null : due.toInstant());
  }
}
