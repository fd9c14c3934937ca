package org.wangge.alarm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wangge.area.AreaService;
import org.wangge.area.AreaView;
import org.wangge.incident.IncidentChanged;
import org.wangge.incident.Timeline;
import org.wangge.security.AuditLog;
import org.wangge.security.Jurisdiction;
import org.wangge.security.Role;
import org.wangge.web.NotFoundException;

/**
 * Raising, acknowledging and reading alarms. A new case ({@link IncidentChanged} {@code REPORT},
 * heard synchronously inside the intake's transaction) raises an alarm when {@link AlarmRule} says
 * so; the alarm is put at once to its first level ({@link AlarmLevel#start}) with that level's time
 * ({@link AlarmProperties}). The climb is {@link AlarmClimb}'s. Every raising, climb and
 * acknowledgement writes a timeline entry ({@link Timeline}), an audit record and announces
 * {@code IncidentChanged} ({@code ALARM_RAISED}, {@code ALARM_CLIMBED}, {@code ALARM_ACKNOWLEDGED})
 * in the same transaction.
 *
 * <p>Who acknowledges a level: for {@code GRID}, a grid leader whose area holds the grid (the
 * grid's own or its community's 网格长); for a centre (community, street, district), an operator or
 * grid leader bound to exactly that area (the centre's staff); an ADMIN whose jurisdiction holds the
 * case, at any level. An acknowledgement ends the alarm (it climbs no further).
 */
@Service
public class Alarms {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Timeline timeline;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final AreaService areas;
  private final AlarmProperties properties;
  private final AlarmRule rule;

  Alarms(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      Timeline timeline,
      AuditLog audit,
      ApplicationEventPublisher events,
      AreaService areas,
      AlarmProperties properties) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.timeline = timeline;
    this.audit = audit;
    this.events = events;
    this.areas = areas;
    this.properties = properties;
    this.rule = properties.rule();
  }

  /** Raises the alarm of a new case that needs one, in the report's own transaction. */
  @EventListener
  void onIncidentChanged(IncidentChanged change) {
    if (!"REPORT".equals(change.action())) {
      return;
    }
    Timeline.CaseFacts c = timeline.facts(change.incidentId()).orElse(null);
    if (c == null) {
      return;
    }
    rule.reason(c.raisesAlarm(), c.risk(), c.answers()).ifPresent(reason -> raise(c, reason, change.at()));
  }

  private void raise(Timeline.CaseFacts c, AlarmRule.Reason reason, Instant at) {
    AlarmLevel level = AlarmLevel.start(c.gridCode(), c.areaCode());
    String levelArea = AlarmLevel.startArea(level, c.gridCode(), c.areaCode());
    Instant due = at.plus(properties.time(level));
    var key = new GeneratedKeyHolder();
    jdbc.update(
        connection -> {
          var ps =
              connection.prepareStatement(
                  """
                  INSERT INTO alarm (incident_id, incident_number, category_code, category_name, category_name_en, grid_code, area_code,
                                     lon, lat, reason, raised_at, level, level_area_code, due_at, state)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""",
                  new String[] {"id"});
          ps.setLong(1, c.id());
          ps.setString(2, c.number());
          ps.setString(3, c.categoryCode());
          ps.setString(4, c.categoryName());
          ps.setString(5, c.categoryNameEn());
          ps.setString(6, c.gridCode());
          ps.setString(7, c.areaCode());
          ps.setDouble(8, c.lon());
          ps.setDouble(9, c.lat());
          ps.setString(10, reason.name());
          ps.setTimestamp(11, Timestamp.from(at));
          ps.setString(12, level.name());
          ps.setString(13, levelArea);
          ps.setTimestamp(14, Timestamp.from(due));
          return ps;
        },
        key);
    long id = key.getKey().longValue();
    jdbc.update(
        "INSERT INTO alarm_step (alarm_id, level, area_code, asked_at, due_at) VALUES (?, ?, ?, ?, ?)",
        id, level.name(), levelArea, Timestamp.from(at), Timestamp.from(due));
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("alarmId", id);
    detail.put("level", level.name());
    detail.put("areaCode", levelArea);
    detail.put("dueAt", due.toString());
    detail.put("reason", reason.name());
    timeline.record(
        c.id(), at, "system", null, "ALARM_RAISED",
        (reason == AlarmRule.Reason.ITEM ? "the item raises alarms" : "high risk with many people involved") + ": asked " + level
            + " " + levelArea + " to acknowledge by " + due,
        detail);
    audit.change("ALARM_RAISED", "alarm", Long.toString(id), place(c.gridCode(), c.areaCode()), null, detail);
    events.publishEvent(
        new IncidentChanged(c.id(), c.number(), "ALARM_RAISED", c.status(), c.gridCode(), c.areaCode(), c.departmentId(), at));
  }

  /** What an acknowledgement did: the alarm after it, and whether it was already acknowledged. */
  record Acknowledged(AlarmView alarm, boolean already) {}

  /**
   * Acknowledges the alarm's current level as {@code j}: ends the climb, on the timeline with who
   * and when. An alarm already acknowledged answers as it stands ({@code already}); an unknown
   * alarm or one outside the caller's jurisdiction is {@link NotFoundException}; a level the caller
   * does not answer for is {@link AccessDeniedException} saying whose it is.
   */
  Acknowledged acknowledge(long alarmId, Jurisdiction j, Instant now) {
    Acknowledged done =
        transactions.execute(
            tx -> {
              List<Row> found =
                  jdbc.query(SELECT + " WHERE a.id = ? FOR UPDATE", (rs, n) -> row(rs), alarmId);
              if (found.isEmpty() || !j.covers(found.getFirst().place())) {
                throw new NotFoundException("There is no alarm " + alarmId + " in your jurisdiction.");
              }
              Row a = found.getFirst();
              if (!"OPEN".equals(a.state())) {
                return new Acknowledged(null, true);
              }
              String refusal = refusal(j, a.level(), a.levelAreaCode());
              if (refusal != null) {
                throw new AccessDeniedException(refusal);
              }
              jdbc.update(
                  "UPDATE alarm SET state = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?, due_at = NULL WHERE id = ?",
                  Timestamp.from(now), j.username(), a.id());
              jdbc.update(
                  "UPDATE alarm_step SET outcome = 'ACKNOWLEDGED', ended_at = ?, acknowledged_by = ?, acknowledged_role = ?"
                      + " WHERE alarm_id = ? AND level = ?",
                  Timestamp.from(now), j.username(), j.role().name(), a.id(), a.level().name());
              Instant asked =
                  jdbc.queryForObject(
                      "SELECT asked_at FROM alarm_step WHERE alarm_id = ? AND level = ?", Timestamp.class, a.id(), a.level().name())
                      .toInstant();
              Map<String, Object> detail = new LinkedHashMap<>();
              detail.put("alarmId", a.id());
              detail.put("level", a.level().name());
              detail.put("areaCode", a.levelAreaCode());
              detail.put("minutes", Math.round(Duration.between(asked, now).toSeconds() / 6.0) / 10.0);
              timeline.record(
                  a.incidentId(), now, j.username(), j.role().name(), "ALARM_ACKNOWLEDGED",
                  "确认: " + a.level() + " " + a.levelAreaCode() + " acknowledged the alarm",
                  detail);
              audit.change(
                  "ALARM_ACKNOWLEDGED", "alarm", Long.toString(a.id()), a.place(), Map.of("state", "OPEN", "level", a.level().name()), detail);
              var facts = timeline.facts(a.incidentId()).orElseThrow();
              events.publishEvent(
                  new IncidentChanged(
                      a.incidentId(), a.number(), "ALARM_ACKNOWLEDGED", facts.status(), facts.gridCode(), facts.areaCode(),
                      facts.departmentId(), now));
              return new Acknowledged(null, false);
            });
    return new Acknowledged(find(alarmId, j, now), done.already());
  }

  /**
   * Why {@code j} may not acknowledge a level, or {@code null} when they may (see the class
   * comment).
   */
  static String refusal(Jurisdiction j, AlarmLevel level, String levelAreaCode) {
    if (j.role() == Role.ADMIN && j.covers(levelAreaCode)) {
      return null;
    }
    if (level == AlarmLevel.GRID) {
      if (j.role() == Role.GRID_LEADER && j.covers(levelAreaCode)) {
        return null;
      }
      return "The alarm stands at the GRID level: only the grid leader (网格长) of grid " + levelAreaCode
          + " (or an ADMIN) acknowledges it now; you are " + j.role() + " of " + j.areaCode() + ".";
    }
    if ((j.role() == Role.OPERATOR || j.role() == Role.GRID_LEADER) && levelAreaCode.equals(j.areaCode())) {
      return null;
    }
    return "The alarm stands at the " + level + " level: only the centre of area " + levelAreaCode
        + " (its operators, or an ADMIN) acknowledges it now; you are " + j.role() + " of " + j.areaCode() + ".";
  }

  /** Whether {@code j} may acknowledge the alarm's current level now. */
  private static boolean mine(Jurisdiction j, Row a) {
    return "OPEN".equals(a.state()) && refusal(j, a.level(), a.levelAreaCode()) == null;
  }

  /**
   * The caller's alarms: every open alarm of a case in the jurisdiction, and those acknowledged in
   * the last {@code wangge.alarm.listed-for}; open first, newest first.
   */
  List<AlarmView> list(Jurisdiction j, Instant now) {
    List<Row> rows =
        jdbc.query(
            SELECT
                + " WHERE (a.state = 'OPEN' OR a.acknowledged_at >= ?) AND COALESCE(a.grid_code, a.area_code) LIKE ?"
                + " ORDER BY CASE WHEN a.state = 'OPEN' THEN 0 ELSE 1 END, a.raised_at DESC, a.id DESC FETCH FIRST 200 ROWS ONLY",
            (rs, n) -> row(rs),
            Timestamp.from(now.minus(properties.listedFor())),
            j.likePattern());
    return views(rows, j);
  }

  private AlarmView find(long id, Jurisdiction j, Instant now) {
    return views(jdbc.query(SELECT + " WHERE a.id = ?", (rs, n) -> row(rs), id), j).getFirst();
  }

  private List<AlarmView> views(List<Row> rows, Jurisdiction j) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, List<AlarmView.Step>> steps = new LinkedHashMap<>();
    var ids = new StringBuilder();
    for (Row r : rows) {
      ids.append(ids.isEmpty() ? "" : ",").append(r.id());
    }
    jdbc.query(
        "SELECT alarm_id, level, area_code, asked_at, due_at, outcome, ended_at, acknowledged_by, acknowledged_role FROM alarm_step"
            + " WHERE alarm_id IN (" + ids + ") ORDER BY alarm_id, asked_at",
        rs -> {
          Timestamp ended = rs.getTimestamp(7);
          steps
              .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(
                  new AlarmView.Step(
                      AlarmLevel.valueOf(rs.getString(2)),
                      rs.getString(3),
                      rs.getTimestamp(4).toInstant(),
                      rs.getTimestamp(5).toInstant(),
                      rs.getString(6),
                      ended == null ? null : ended.toInstant(),
                      rs.getString(8),
                      rs.getString(9)));
        });
    Map<String, String> names = new LinkedHashMap<>();
    List<AlarmView> views = new ArrayList<>();
    for (Row r : rows) {
      views.add(
          new AlarmView(
              r.id(), r.incidentId(), r.number(), r.itemCode(), r.itemName(), r.itemNameEn(), r.gridCode(), r.areaCode(),
              name(names, r.place()), r.lon(), r.lat(), r.reason(), r.raisedAt(), r.level(), r.levelAreaCode(),
              name(names, r.levelAreaCode()), r.dueAt(), r.state(), r.acknowledgedAt(), r.acknowledgedBy(), mine(j, r),
              steps.getOrDefault(r.id(), List.of())));
    }
    return views;
  }

  private String name(Map<String, String> names, String code) {
    return code == null ? null : names.computeIfAbsent(code, c -> areas.findCurrent(c).map(AreaView::name).orElse(c));
  }

  /**
   * Minutes to acknowledge per level for the alarms raised in {@code [from, to)} of cases inside
   * the area {@code areaCode}'s subtree ({@code null}: everywhere): median and 90th percentile,
   * levels in order.
   */
  public List<AcknowledgementTimes> acknowledgementTimes(String areaCode, Instant from, Instant to) {
    Map<AlarmLevel, List<Double>> minutes = new EnumMap<>(AlarmLevel.class);
    Map<AlarmLevel, long[]> climbed = new EnumMap<>(AlarmLevel.class);
    for (AlarmLevel l : AlarmLevel.values()) {
      minutes.put(l, new ArrayList<>());
      climbed.put(l, new long[1]);
    }
    jdbc.query(
        """
        SELECT s.level, s.outcome, s.asked_at, s.ended_at FROM alarm_step s JOIN alarm a ON a.id = s.alarm_id
        WHERE a.raised_at >= ? AND a.raised_at < ? AND COALESCE(a.grid_code, a.area_code) LIKE ? AND s.outcome IS NOT NULL""",
        rs -> {
          AlarmLevel level = AlarmLevel.valueOf(rs.getString(1));
          if ("ACKNOWLEDGED".equals(rs.getString(2))) {
            minutes.get(level).add(Duration.between(rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()).toMillis() / 60_000.0);
          } else {
            climbed.get(level)[0]++;
          }
        },
        Timestamp.from(from),
        Timestamp.from(to),
        areaCode == null ? "%" : areaCode + "%");
    List<AcknowledgementTimes> out = new ArrayList<>();
    for (AlarmLevel l : AlarmLevel.values()) {
      List<Double> m = minutes.get(l);
      m.sort(null);
      out.add(new AcknowledgementTimes(l.name(), m.size(), climbed.get(l)[0], percentile(m, 0.5), percentile(m, 0.9)));
    }
    return out;
  }

  /** Nearest-rank percentile of sorted values, to a tenth of a minute; {@code null} when empty. */
  static Double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p * sorted.size());
    return Math.round(sorted.get(Math.max(rank, 1) - 1) * 10) / 10.0;
  }

  static String place(String gridCode, String areaCode) {
    return gridCode != null ? gridCode : areaCode;
  }

  static final String SELECT =
      """
      SELECT a.id, a.incident_id, a.incident_number, a.category_code, a.category_name, a.category_name_en, a.grid_code, a.area_code,
             a.lon, a.lat, a.reason, a.raised_at, a.level, a.level_area_code, a.due_at, a.state, a.acknowledged_at, a.acknowledged_by
      FROM alarm a""";

  record Row(
      long id, long incidentId, String number, String itemCode, String itemName, String itemNameEn, String gridCode, String areaCode,
      double lon, double lat, String reason, Instant raisedAt, AlarmLevel level, String levelAreaCode, Instant dueAt, String state,
      Instant acknowledgedAt, String acknowledgedBy) {
    String place() {
      return Alarms.place(gridCode, areaCode);
    }
  }

  static Row row(ResultSet rs) throws SQLException {
    Timestamp due = rs.getTimestamp(15);
    Timestamp ack = rs.getTimestamp(17);
    return new Row(
        rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
        rs.getString(8), rs.getDouble(9), rs.getDouble(10), rs.getString(11), rs.getTimestamp(12).toInstant(),
        AlarmLevel.valueOf(rs.getString(13)), rs.getString(14), due == null ? null : due.toInstant(), rs.getString(16),
        ack == null ? null : ack.toInstant(), rs.getString(18));
  }
}
