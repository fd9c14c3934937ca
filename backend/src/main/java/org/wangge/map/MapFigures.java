package org.wangge.map;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.area.AreaService;
import org.wangge.area.AreaView;
import org.wangge.dispatch.WorkingCalendar;
import org.wangge.evaluation.ClosureRates;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.security.Jurisdiction;
import org.wangge.team.StaffCount;
import org.wangge.team.TeamService;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;

/**
 * The figures the command map colours areas by and shows on the wall: per area of a level (open,
 * overdue and high-risk cases, reports today, closure rate, staff and households per full-time
 * member) and for one area with its children and a 30-day trend. Each figure is one grouped SQL
 * query over the incident table (grouped by the code prefix of the level: a case belongs to its
 * grid, or to its area when it has no grid, and so to every area above), limited in the same query
 * to the area and the caller's jurisdiction. Cases are never loaded.
 *
 * <p>Definitions (README, "Map figures"): open = status {@code REPORTED} … {@code HANDLED}
 * ({@link IncidentStatus#isOpen}); overdue = open and {@code due_at} before now (as the key list
 * and the weekly risk list count it); highRisk = open and risk {@code HIGH}; reportedToday =
 * {@code reported_at} since midnight in the working calendar's zone (cancelled cases included, as
 * the evaluation's {@code opened}); closureRate and onTimeRate = the evaluation's closure and
 * on-time closure rates ({@link ClosureRates}) over the 30 days up to now.
 */
@Service
@Transactional(readOnly = true)
class MapFigures {

  /** The open statuses, from the status enum. */
  static final String OPEN =
      "i.status IN ("
          + Arrays.stream(IncidentStatus.values())
              .filter(IncidentStatus::isOpen)
              .map(s -> "'" + s.name() + "'")
              .collect(Collectors.joining(", "))
          + ")";

  /** The days of the trend, today included. */
  static final int TREND_DAYS = 30;

  /** Trend buckets in seconds: short enough for any zone offset (some are whole quarter hours). */
  private static final int BUCKET_SECONDS = 900;

  private static final String FIGURES =
      String.join(
          ",\n",
          count(OPEN),
          count(OPEN + " AND i.due_at < :to"),
          count(OPEN + " AND i.risk = 'HIGH'"),
          count("i.reported_at >= :today"),
          count(ClosureRates.DUE_TO_CLOSE),
          count(ClosureRates.CLOSED_OF_DUE),
          count(ClosureRates.CLOSED),
          count(ClosureRates.CLOSED_ON_TIME));

  /** A case that may count in a figure: only those are read (each condition has an index). */
  private static final String COUNTS =
      "(" + OPEN + " OR i.reported_at >= :today OR " + ClosureRates.TOUCHES_RATES + ")";

  private static String count(String condition) {
    return "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END)";
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final AreaService areas;
  private final TeamService teams;
  private final WorkingCalendar calendar;

  /**
   * Label points by area row id, computed by the database once per row: a row's boundary never
   * changes (new boundaries are new rows with new ids), so entries never go stale. At most one
   * entry per area row ever loaded (a city of 20,000 grids: about 2 MB).
   */
  private final Map<Long, double[]> labels = new ConcurrentHashMap<>();

  MapFigures(NamedParameterJdbcTemplate jdbc, AreaService areas, TeamService teams, WorkingCalendar calendar) {
    this.jdbc = jdbc;
    this.areas = areas;
    this.teams = teams;
    this.calendar = calendar;
  }

  /** The sums of one group of cases; rates are derived at the end. */
  record CaseFigures(
      long open,
      long overdue,
      long highRisk,
      long reportedToday,
      long dueToClose,
      long closedOfDue,
      long closed,
      long closedOnTime) {

    static final CaseFigures NONE = new CaseFigures(0, 0, 0, 0, 0, 0, 0, 0);

    CaseFigures plus(CaseFigures o) {
      return new CaseFigures(
          open + o.open,
          overdue + o.overdue,
          highRisk + o.highRisk,
          reportedToday + o.reportedToday,
          dueToClose + o.dueToClose,
          closedOfDue + o.closedOfDue,
          closed + o.closed,
          closedOnTime + o.closedOnTime);
    }

    Double closureRate() {
      return ClosureRates.rate(closedOfDue, dueToClose);
    }

    Double onTimeRate() {
      return ClosureRates.rate(closedOnTime, closed);
    }
  }

  /**
   * One area of a level with its figures.
   *
   * @param labelLon a point inside the area (ST_PointOnSurface), for its label
   * @param members team members serving grids inside the area, each once
   * @param fullTimeMembers of those, full-time (专职网格员)
   * @param closureRate 结案率 over the last 30 days, {@code null} when nothing was due
   * @param householdsPerMember households / fullTimeMembers to 1 decimal, {@code null} without
   *     full-time members
   */
  record AreaFigures(
      String code,
      String name,
      String parentCode,
      AreaLevel level,
      double labelLon,
      double labelLat,
      int households,
      int residents,
      int members,
      int fullTimeMembers,
      long open,
      long overdue,
      long highRisk,
      long reportedToday,
      Double closureRate,
      Double householdsPerMember) {}

  /**
   * Every current area of {@code level} inside {@code within} (an area code, or {@code null}) and
   * the jurisdiction, by code. A {@code within} outside the jurisdiction or unknown answers 404.
   */
  List<AreaFigures> areas(AreaLevel level, String within, Jurisdiction j, Long departmentId, Instant now) {
    String prefix = within;
    if (within != null) {
      if (!j.covers(within) || areas.findCurrent(within).isEmpty()) {
        throw new NotFoundException("No area has code " + within + " in your jurisdiction.");
      }
    } else {
      prefix = j.areaCode();
    }
    String pattern = prefix == null ? "%" : prefix + "%";
    int length = codeLength(level);
    Map<String, CaseFigures> cases = caseFigures(length, prefix, j, departmentId, now);
    Map<String, StaffCount> staff = teams.staffByArea(length, pattern);
    var params = new MapSqlParameterSource().addValue("level", level.name()).addValue("pattern", pattern);
    record Row(long id, String code, String name, String parentCode, int households, int residents) {}
    List<Row> rows =
        jdbc.query(
            """
            SELECT id, code, name, parent_code, households, residents FROM area
            WHERE level = :level AND valid_to IS NULL AND code LIKE :pattern ORDER BY code""",
            params,
            (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6)));
    if (rows.stream().anyMatch(r -> !labels.containsKey(r.id()))) {
      jdbc.query(
          """
          SELECT id, ST_X(label), ST_Y(label)
          FROM (SELECT id, ST_PointOnSurface(boundary) AS label FROM area
                WHERE level = :level AND valid_to IS NULL AND code LIKE :pattern) a""",
          params,
          rs -> {
            labels.put(rs.getLong(1), new double[] {rs.getDouble(2), rs.getDouble(3)});
          });
    }
    List<AreaFigures> result = new ArrayList<>(rows.size());
    for (Row r : rows) {
      CaseFigures f = cases.getOrDefault(r.code(), CaseFigures.NONE);
      StaffCount s = staff.getOrDefault(r.code(), StaffCount.NONE);
      double[] label = labels.get(r.id());
      result.add(
          new AreaFigures(
              r.code(),
              r.name(),
              r.parentCode(),
              level,
              label[0],
              label[1],
              r.households(),
              r.residents(),
              s.members(),
              s.fullTimeMembers(),
              f.open(),
              f.overdue(),
              f.highRisk(),
              f.reportedToday(),
              f.closureRate(),
              s.fullTimeMembers() == 0
                  ? null
                  : BigDecimal.valueOf(r.households())
                      .divide(BigDecimal.valueOf(s.fullTimeMembers()), 1, RoundingMode.HALF_UP)
                      .doubleValue()));
    }
    return result;
  }

  record AreaRef(String code, String name, AreaLevel level) {}

  record ChildFigures(String code, String name, long open, long overdue, long highRisk, long reportsToday) {}

  /** One day of the trend (a calendar day in the working calendar's zone). */
  record Day(LocalDate date, long reported, long closed) {}

  /**
   * An area's key figures for the wall.
   *
   * @param onTimeRate 按期结案率 over the last 30 days, {@code null} when nothing was closed
   * @param children the area's direct children (none for a grid), by code
   * @param trend cases reported (cancelled included) and closed ({@code CLOSED} or {@code
   *     FOLLOWED_UP}) per day, the last 30 days with today, oldest first
   */
  record Summary(
      AreaRef area,
      long reportsToday,
      long open,
      long overdue,
      long highRisk,
      Double closureRate,
      Double onTimeRate,
      List<ChildFigures> children,
      List<Day> trend,
      Instant generatedAt) {}

  Summary summary(String requested, Jurisdiction j, Long departmentId, Instant now) {
    AreaView area = area(requested, j);
    AreaLevel childLevel = area.level().child();
    record Named(String code, String name) {}
    List<Named> children =
        childLevel == null
            ? List.of()
            : jdbc.query(
                "SELECT code, name FROM area WHERE parent_code = :code AND valid_to IS NULL ORDER BY code",
                Map.of("code", area.code()),
                (rs, n) -> new Named(rs.getString(1), rs.getString(2)));
    int length = childLevel == null ? codeLength(area.level()) : codeLength(childLevel);
    // Grouped by child: the total adds every group, also the cases placed at the area itself.
    Map<String, CaseFigures> groups = caseFigures(length, area.code(), j, departmentId, now);
    CaseFigures total = groups.values().stream().reduce(CaseFigures.NONE, CaseFigures::plus);
    List<ChildFigures> childFigures = new ArrayList<>();
    for (Named c : children) {
      CaseFigures f = groups.getOrDefault(c.code(), CaseFigures.NONE);
      childFigures.add(new ChildFigures(c.code(), c.name(), f.open(), f.overdue(), f.highRisk(), f.reportedToday()));
    }
    return new Summary(
        new AreaRef(area.code(), area.name(), area.level()),
        total.reportedToday(),
        total.open(),
        total.overdue(),
        total.highRisk(),
        total.closureRate(),
        total.onTimeRate(),
        childFigures,
        trend(area.code(), j, departmentId, now),
        now);
  }

  /**
   * The summarised area: the requested one inside the jurisdiction; by default the jurisdiction's
   * own area, or for everywhere the one top-level area (the city). Outside or unknown: 404.
   */
  private AreaView area(String requested, Jurisdiction j) {
    String code = requested;
    if (code == null) {
      if (j.everywhere()) {
        List<String> tops =
            jdbc.queryForList(
                "SELECT code FROM area WHERE parent_code IS NULL AND valid_to IS NULL ORDER BY code",
                Map.of(),
                String.class);
        if (tops.size() != 1) {
          throw new InvalidInputException("area", "is required: give the code of the area to summarise");
        }
        code = tops.getFirst();
      } else {
        code = j.areaCode();
      }
    }
    String found = code;
    return (j.covers(code) ? areas.findCurrent(code) : java.util.Optional.<AreaView>empty())
        .orElseThrow(() -> new NotFoundException("No area has code " + found + " in your jurisdiction."));
  }

  /**
   * The case figures of the areas of one code length inside {@code prefix} (an area code inside
   * the jurisdiction, or {@code null} for the whole jurisdiction), by area code. Cases placed at
   * an area above that length group under the shorter code.
   */
  Map<String, CaseFigures> caseFigures(int length, String prefix, Jurisdiction j, Long departmentId, Instant now) {
    Instant today = LocalDate.ofInstant(now, calendar.zone()).atStartOfDay(calendar.zone()).toInstant();
    var params =
        new MapSqlParameterSource()
            .addValue("from", time(now.minus(ClosureRates.DEFAULT_PERIOD)))
            .addValue("to", time(now))
            .addValue("today", time(today));
    // The length is a literal: SELECT and GROUP BY must be the same text (PostgreSQL).
    String key = "substring(coalesce(i.grid_code, i.area_code), 1, " + length + ")";
    var sql = new StringBuilder("SELECT ").append(key).append(",\n").append(FIGURES);
    sql.append("\nFROM incident i WHERE ").append(COUNTS);
    scope(sql, params, prefix, j, departmentId);
    sql.append("\nGROUP BY ").append(key);
    Map<String, CaseFigures> groups = new HashMap<>();
    jdbc.query(
        sql.toString(),
        params,
        rs -> {
          groups.put(
              rs.getString(1),
              new CaseFigures(
                  rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                  rs.getLong(9)));
        });
    return groups;
  }

  /**
   * Cases reported and closed per day over the last {@link #TREND_DAYS} days (today included), in
   * the working calendar's zone. One query: counts per 15-minute bucket, summed into local days
   * here, so that the day boundary is the zone's midnight on either database (H2 casts a {@code
   * TIMESTAMP WITH TIME ZONE} to a date in the session's zone, also after {@code AT TIME ZONE}).
   */
  private List<Day> trend(String prefix, Jurisdiction j, Long departmentId, Instant now) {
    ZoneId zone = calendar.zone();
    LocalDate last = LocalDate.ofInstant(now, zone);
    LocalDate first = last.minusDays(TREND_DAYS - 1);
    var params =
        new MapSqlParameterSource()
            .addValue("from", time(first.atStartOfDay(zone).toInstant()))
            .addValue("to", time(now));
    var scope = new StringBuilder();
    scope(scope, params, prefix, j, departmentId);
    String reportedBucket = "FLOOR(EXTRACT(EPOCH FROM i.reported_at) / " + BUCKET_SECONDS + ")";
    String closedBucket = "FLOOR(EXTRACT(EPOCH FROM i.closed_at) / " + BUCKET_SECONDS + ")";
    String sql =
        "SELECT 0, " + reportedBucket + ", COUNT(*) FROM incident i WHERE i.reported_at >= :from AND i.reported_at < :to"
            + scope + " GROUP BY " + reportedBucket
            + "\nUNION ALL\nSELECT 1, " + closedBucket + ", COUNT(*) FROM incident i WHERE " + ClosureRates.CLOSED
            + scope + " GROUP BY " + closedBucket;
    Map<LocalDate, long[]> days = new LinkedHashMap<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      days.put(d, new long[2]);
    }
    jdbc.query(
        sql,
        params,
        rs -> {
          LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(rs.getLong(2) * BUCKET_SECONDS), zone);
          long[] counts = days.get(day);
          if (counts != null) {
            counts[rs.getInt(1)] += rs.getLong(3);
          }
        });
    return days.entrySet().stream().map(e -> new Day(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
  }

  /**
   * Appends {@code AND …} limiting the incident alias {@code i} to an area's subtree ({@code
   * prefix}, which lies inside the jurisdiction; {@code null} for the whole jurisdiction) and, for a
   * department officer, to the department's cases and those it was called in to (as {@code GET
   * /api/incidents} shows them).
   */
  private static void scope(
      StringBuilder sql, MapSqlParameterSource params, String prefix, Jurisdiction j, Long departmentId) {
    String area = prefix != null ? prefix : j.areaCode();
    if (area != null) {
      sql.append(" AND (i.grid_code LIKE :area OR (i.grid_code IS NULL AND i.area_code LIKE :area))");
      params.addValue("area", area + "%");
    }
    if (j.departmentCasesOnly()) {
      sql.append(
          " AND (i.department_id = :department"
              + " OR EXISTS (SELECT 1 FROM incident_whistle w WHERE w.incident_id = i.id AND w.department_id = :department))");
      params.addValue("department", departmentId == null ? -1L : departmentId);
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The length of the codes of a level (DOMAIN.md): 4, 6, 9, 12, 15. */
  static int codeLength(AreaLevel level) {
    return switch (level) {
      case CITY -> 4;
      case DISTRICT -> 6;
      case STREET -> 9;
      case COMMUNITY -> 12;
      case GRID -> 15;
    };
  }
}
