package org.wangge.evaluation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.area.AreaService;
import org.wangge.area.AreaView;
import org.wangge.field.PatrolService;
import org.wangge.security.Jurisdiction;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;

/**
 * Computes evaluations: one aggregate query over the incident table per request, grouped in SQL
 * (by a code prefix, the assignee or the department), limited in the same query to the area's
 * subtree (which lies inside the caller's jurisdiction) and, for a department officer, to the
 * department's cases. Cases are never loaded.
 */
@Service
@Transactional(readOnly = true)
class Evaluator {

  /** A row of cases without an assignee ({@link GroupBy#MEMBER}). */
  static final String NO_ASSIGNEE = "（未指派）";

  /** A row of cases without a department ({@link GroupBy#DEPARTMENT}). */
  static final String NO_DEPARTMENT = "（无职能部门）";

  /** Appended to an area's name for its row of cases placed at the area itself, not in a child. */
  static final String AREA_ITSELF = "（本级）";

  private static final String REPORTED = "i.reported_at >= :from AND i.reported_at < :to";
  private static final String DUE = ClosureRates.DUE;
  private static final String CLOSED = ClosureRates.CLOSED;
  private static final String ACCEPTED = "i.accepted_at >= :from AND i.accepted_at < :to";
  private static final String FOLLOWED_UP = "i.followed_up_at >= :from AND i.followed_up_at < :to";
  private static final String RATED = FOLLOWED_UP + " AND i.satisfaction IS NOT NULL";

  /** The sums of {@link Figures}, in its order; {@link EvaluationRow} defines each figure. */
  private static final String FIGURES =
      String.join(
          ",\n",
          count(REPORTED),
          count(ClosureRates.DUE_TO_CLOSE),
          count(ClosureRates.CLOSED_OF_DUE),
          count(CLOSED),
          count(ClosureRates.CLOSED_ON_TIME),
          count(CLOSED + " AND i.rework_count > 0"),
          count(CLOSED + " AND i.extension_count > 0"),
          sum(CLOSED, seconds("i.reported_at", "i.closed_at")),
          count(ACCEPTED),
          sum(ACCEPTED, seconds("i.reported_at", "i.accepted_at")),
          count(RATED),
          sum(RATED, "i.satisfaction"));

  private static String count(String condition) {
    return "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END)";
  }

  private static String sum(String condition, String value) {
    return "SUM(CASE WHEN " + condition + " THEN " + value + " END)";
  }

  /** Seconds from one timestamp to another, the same on H2 and PostgreSQL. */
  private static String seconds(String from, String to) {
    return "EXTRACT(EPOCH FROM " + to + ") - EXTRACT(EPOCH FROM " + from + ")";
  }

  /**
   * A case touches the period when any of its dated figures falls in it; only those are read (each
   * of these columns is indexed, so PostgreSQL can combine the index ranges).
   */
  private static final String TOUCHES_PERIOD =
      "(" + REPORTED + " OR " + DUE + " OR i.closed_at >= :from AND i.closed_at < :to OR " + ACCEPTED + " OR "
          + FOLLOWED_UP + ")";

  private final NamedParameterJdbcTemplate jdbc;
  private final AreaService areas;
  private final PatrolService patrols;

  Evaluator(NamedParameterJdbcTemplate jdbc, AreaService areas, PatrolService patrols) {
    this.jdbc = jdbc;
    this.areas = areas;
    this.patrols = patrols;
  }

  /**
   * The area an evaluation covers: the requested one when it lies inside the jurisdiction; the
   * jurisdiction's own area when the requested one lies above it (an operator's street asked for
   * its city sees its street); the jurisdiction's area when none is requested (for an ADMIN of
   * everything, the one top-level area). Any other area answers {@code 404}, like one that does
   * not exist.
   */
  AreaView area(String requested, Jurisdiction j) {
    String code = requested;
    if (code == null) {
      code = j.everywhere() ? topLevelArea() : j.areaCode();
    } else if (j.isAbove(code)) {
      if (areas.findCurrent(code).isEmpty()) {
        throw notFound(requested);
      }
      code = j.areaCode();
    } else if (!j.covers(code)) {
      throw notFound(requested);
    }
    String found = code;
    return areas.findCurrent(code).orElseThrow(() -> notFound(found));
  }

  private String topLevelArea() {
    List<String> tops =
        jdbc.queryForList(
            "SELECT code FROM area WHERE parent_code IS NULL AND valid_to IS NULL ORDER BY code", Map.of(), String.class);
    if (tops.size() != 1) {
      throw new InvalidInputException("area", "is required: give the code of the area to evaluate");
    }
    return tops.getFirst();
  }

  private static NotFoundException notFound(String code) {
    return new NotFoundException("No area has code " + code + " in your jurisdiction.");
  }

  Evaluation evaluate(AreaView area, GroupBy groupBy, EvaluationPeriod period, Jurisdiction j) {
    return evaluate(area, groupBy, period, j, true);
  }

  /**
   * The area's figures step by step over the period (one {@link GroupBy#NONE} evaluation per step,
   * the same query and rules as {@link #evaluate}), without patrol coverage.
   */
  EvaluationSeries series(AreaView area, EvaluationPeriod period, EvaluationSeries.Step step, java.time.ZoneId zone, Jurisdiction j) {
    List<EvaluationSeries.Point> points = new ArrayList<>();
    for (EvaluationPeriod part : step.split(period, zone)) {
      points.add(new EvaluationSeries.Point(part.from(), part.to(), evaluate(area, GroupBy.NONE, part, j, false).total()));
    }
    return new EvaluationSeries(
        new Evaluation.AreaRef(area.code(), area.name(), area.level().name()),
        j.departmentCasesOnly() ? j.departmentCode() : null,
        period.from(),
        period.to(),
        step.parameter(),
        points);
  }

  private Evaluation evaluate(AreaView area, GroupBy groupBy, EvaluationPeriod period, Jurisdiction j, boolean withPatrols) {
    var params =
        new MapSqlParameterSource()
            .addValue("from", OffsetDateTime.ofInstant(period.from(), ZoneOffset.UTC))
            .addValue("to", OffsetDateTime.ofInstant(period.to(), ZoneOffset.UTC))
            .addValue("area", area.code() + "%");
    String department = j.departmentCasesOnly() ? j.departmentCode() : null;
    List<Named> children = groupBy == GroupBy.AREA ? children(area.code()) : List.of();
    // An area without children (a grid) has no rows to break down into: only its total.
    GroupBy grouping = groupBy == GroupBy.AREA && children.isEmpty() ? GroupBy.NONE : groupBy;
    // Codes nest, so a case's child area is the prefix of its grid's (or an area-centre case's
    // area's) code as long as the children's codes. The length is a literal, not a parameter, so
    // that the grouping expression is the same text in SELECT and GROUP BY (PostgreSQL needs it).
    int childLength = children.isEmpty() ? area.code().length() : children.getFirst().code().length();
    String groupColumns =
        switch (grouping) {
          case AREA -> "substring(coalesce(i.grid_code, i.area_code), 1, " + childLength + ")";
          case MEMBER -> "m.code, m.name";
          case DEPARTMENT -> "d.code, d.name";
          case NONE -> null;
        };
    String keyColumns =
        switch (grouping) {
          case AREA -> groupColumns + ", CAST(NULL AS VARCHAR(100))";
          case MEMBER, DEPARTMENT -> groupColumns;
          case NONE -> "CAST(NULL AS VARCHAR(24)), CAST(NULL AS VARCHAR(100))";
        };
    var sql = new StringBuilder("SELECT ").append(keyColumns).append(",\n").append(FIGURES).append("\nFROM incident i");
    if (grouping == GroupBy.MEMBER) {
      sql.append(" LEFT JOIN member m ON m.id = i.assignee_id");
    } else if (grouping == GroupBy.DEPARTMENT) {
      sql.append(" LEFT JOIN department d ON d.id = i.department_id");
    }
    sql.append("\nWHERE ").append(TOUCHES_PERIOD);
    sql.append("\n  AND (i.grid_code LIKE :area OR (i.grid_code IS NULL AND i.area_code LIKE :area))");
    if (department != null) {
      sql.append("\n  AND i.department_id = (SELECT id FROM department WHERE code = :department)");
      params.addValue("department", department);
    }
    if (groupColumns != null) {
      sql.append("\nGROUP BY ").append(groupColumns);
    }
    Map<String, Group> groups = new LinkedHashMap<>();
    jdbc.query(
        sql.toString(),
        params,
        rs -> {
          Group g = new Group(rs.getString(1), rs.getString(2), figures(rs));
          groups.merge(g.key(), g, (a, b) -> new Group(a.key(), a.name(), a.figures().plus(b.figures())));
        });
    List<EvaluationRow> rows =
        switch (grouping) {
          case AREA -> areaRows(area, children, groups);
          case MEMBER -> rows(List.of(), groups, NO_ASSIGNEE);
          case DEPARTMENT -> rows(departments(department), groups, NO_DEPARTMENT);
          case NONE -> List.of();
        };
    Figures total = groups.values().stream().map(Group::figures).reduce(Figures.NONE, Figures::plus);
    // Patrol coverage of the area and, for area rows, of each child: sums over their grids.
    Map<String, PatrolService.GridCoverage> coverage =
        withPatrols ? patrols.coverage(area.code(), period.from(), period.to()) : null;
    EvaluationRow totalRow =
        withPatrols ? withCoverage(total.row(area.code(), area.name()), area.code(), coverage) : total.row(area.code(), area.name());
    if (grouping == GroupBy.AREA && withPatrols) {
      rows = rows.stream().map(r -> r.key() == null || r.key().equals(area.code()) ? r : withCoverage(r, r.key(), coverage)).toList();
    }
    return new Evaluation(
        new Evaluation.AreaRef(area.code(), area.name(), area.level().name()),
        department,
        period.from(),
        period.to(),
        groupBy.parameter(),
        rows,
        totalRow,
        null);
  }

  private static EvaluationRow withCoverage(EvaluationRow row, String areaCode, Map<String, PatrolService.GridCoverage> coverage) {
    long addresses = 0;
    long patrolled = 0;
    for (var grid : coverage.values()) {
      if (grid.gridCode().startsWith(areaCode)) {
        addresses += grid.addresses();
        patrolled += grid.covered();
      }
    }
    return row.withPatrolCoverage(addresses, patrolled);
  }

  private record Group(String key, String name, Figures figures) {}

  private record Named(String code, String name) {}

  private static Figures figures(ResultSet rs) throws SQLException {
    return new Figures(
        rs.getLong(3),
        rs.getLong(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(7),
        rs.getLong(8),
        rs.getLong(9),
        orZero(rs.getBigDecimal(10)),
        rs.getLong(11),
        orZero(rs.getBigDecimal(12)),
        rs.getLong(13),
        rs.getLong(14));
  }

  private static BigDecimal orZero(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }

  /**
   * Every current child area (with zeros when it has no cases), then the groups no current child
   * stands for: the cases placed at the area itself, and cases in codes that are no longer
   * current.
   */
  private List<EvaluationRow> areaRows(AreaView area, List<Named> children, Map<String, Group> groups) {
    List<Named> listed = new ArrayList<>(children);
    var known = new java.util.HashSet<String>();
    children.forEach(c -> known.add(c.code()));
    List<String> others =
        groups.keySet().stream().filter(k -> k != null && !known.contains(k)).sorted().toList();
    Map<String, String> names = others.isEmpty() ? Map.of() : latestNames(others);
    for (String code : others) {
      String name = code.equals(area.code()) ? area.name() + AREA_ITSELF : names.get(code);
      listed.add(new Named(code, name));
    }
    return rows(listed, groups, null);
  }

  /** The listed groups in order (zeros when without cases), then the other groups by key. */
  private static List<EvaluationRow> rows(List<Named> listed, Map<String, Group> groups, String unnamed) {
    List<EvaluationRow> rows = new ArrayList<>();
    var seen = new java.util.HashSet<String>();
    for (Named l : listed) {
      Group g = groups.get(l.code());
      rows.add((g == null ? Figures.NONE : g.figures()).row(l.code(), l.name()));
      seen.add(l.code());
    }
    groups.values().stream()
        .filter(g -> g.key() == null || !seen.contains(g.key()))
        .sorted(Comparator.comparing(Group::key, Comparator.nullsLast(Comparator.naturalOrder())))
        .forEach(g -> rows.add(g.figures().row(g.key(), g.key() == null ? unnamed : g.name())));
    return rows;
  }

  private List<Named> children(String code) {
    return jdbc.query(
        "SELECT code, name FROM area WHERE parent_code = :code AND valid_to IS NULL ORDER BY code",
        Map.of("code", code),
        (rs, i) -> new Named(rs.getString(1), rs.getString(2)));
  }

  /** The names of the latest versions of areas by code (also of codes no longer current). */
  private Map<String, String> latestNames(List<String> codes) {
    Map<String, String> names = new HashMap<>();
    jdbc.query(
        "SELECT code, name FROM area WHERE code IN (:codes) ORDER BY version",
        Map.of("codes", codes),
        rs -> {
          names.put(rs.getString(1), rs.getString(2));
        });
    return names;
  }

  /** Every department by code; for a department officer, their own only. */
  private List<Named> departments(String only) {
    return only == null
        ? jdbc.query("SELECT code, name FROM department ORDER BY code", (rs, i) -> new Named(rs.getString(1), rs.getString(2)))
        : jdbc.query(
            "SELECT code, name FROM department WHERE code = :code",
            Map.of("code", only),
            (rs, i) -> new Named(rs.getString(1), rs.getString(2)));
  }
}
