package org.wangge.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.security.AuditLog;
import org.wangge.security.CurrentUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open cases by grid, and moving open cases to another grid row when grid boundaries are
 * published (the planning feature's re-route). A rerouted case keeps its status, assignee and
 * clocks; its grid row (id, code, version) changes, and its timeline gets a {@code REROUTE} entry
 * with the old and new grid. Closed cases are never moved: a case keeps the version it was routed
 * in.
 */
@Service
public class CaseRerouting {

  private static final String OPEN = "('REPORTED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'HANDLED')";

  private final JdbcTemplate jdbc;
  private final AuditLog audit;
  private final CurrentUser currentUser;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;

  CaseRerouting(
      JdbcTemplate jdbc, AuditLog audit, CurrentUser currentUser, ApplicationEventPublisher events, JsonMapper json) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.currentUser = currentUser;
    this.events = events;
    this.json = json;
  }

  /** An open case with its grid and point (lon/lat). */
  public record OpenCase(long id, String number, String gridCode, long gridId, double lon, double lat) {}

  /** The open cases whose grid code starts with {@code gridCodePrefix}, by id. One query. */
  @Transactional(readOnly = true)
  public List<OpenCase> openCases(String gridCodePrefix) {
    return jdbc.query(
        "SELECT id, number, grid_code, grid_id, ST_X(location), ST_Y(location) FROM incident "
            + "WHERE grid_code LIKE ? AND status IN " + OPEN + " ORDER BY id",
        (rs, i) ->
            new OpenCase(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getDouble(5), rs.getDouble(6)),
        gridCodePrefix + "%");
  }

  /** Move case {@code incidentId} to the grid row {@code gridId} ({@code gridCode}, {@code gridVersion}). */
  public record Move(long incidentId, long gridId, String gridCode, int gridVersion) {}

  /**
   * Moves open cases to new grid rows, in the caller's transaction: the row, the grid code (and the
   * responsible area and owner area where they were the old grid), a {@code REROUTE} timeline entry
   * with {@code reason}, an audit record and {@link IncidentChanged}. A case that closed meanwhile
   * is left alone.
   *
   * @return the number of cases moved
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public int reroute(List<Move> moves, String reason) {
    var actor = currentUser.jurisdiction().orElse(null);
    Instant now = Instant.now();
    int moved = 0;
    List<IncidentChanged> changed = new ArrayList<>();
    for (Move m : moves) {
      var rows =
          jdbc.queryForList(
              "SELECT number, status, grid_code, grid_id, grid_version, area_code, department_id FROM incident WHERE id = ? AND status IN "
                  + OPEN + " FOR UPDATE",
              m.incidentId());
      if (rows.isEmpty()) {
        continue;
      }
      Map<String, Object> row = rows.getFirst();
      String oldCode = (String) row.get("grid_code");
      String status = (String) row.get("status");
      jdbc.update(
          """
          UPDATE incident SET grid_id = ?, grid_code = ?, grid_version = ?,
            area_code = CASE WHEN area_code = ? THEN ? ELSE area_code END,
            owner_area_code = CASE WHEN owner_area_code = ? THEN ? ELSE owner_area_code END,
            version = version + 1
          WHERE id = ?""",
          m.gridId(), m.gridCode(), m.gridVersion(), oldCode, m.gridCode(), oldCode, m.gridCode(), m.incidentId());
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("fromGrid", oldCode);
      detail.put("fromGridVersion", row.get("grid_version"));
      detail.put("toGrid", m.gridCode());
      detail.put("toGridVersion", m.gridVersion());
      jdbc.update(
          """
          INSERT INTO incident_event (incident_id, occurred_at, actor, actor_role, action, from_status, to_status, reason, detail)
          VALUES (?, ?, ?, ?, 'REROUTE', ?, ?, ?, ?)""",
          m.incidentId(),
          Timestamp.from(now),
          actor == null ? "system" : actor.username(),
          actor == null ? null : actor.role().name(),
          status,
          status,
          reason,
          json.writeValueAsString(detail));
      audit.change(
          "CASE_REROUTED",
          "incident",
          Long.toString(m.incidentId()),
          m.gridCode(),
          Map.of("gridCode", oldCode, "gridId", row.get("grid_id")),
          Map.of("gridCode", m.gridCode(), "gridId", m.gridId()));
      Object department = row.get("department_id");
      String areaCode = oldCode.equals(row.get("area_code")) ? m.gridCode() : (String) row.get("area_code");
      changed.add(
          new IncidentChanged(
              m.incidentId(),
              (String) row.get("number"),
              "REROUTE",
              IncidentStatus.valueOf(status),
              m.gridCode(),
              areaCode,
              department == null ? null : ((Number) department).longValue(),
              now));
      moved++;
    }
    changed.forEach(events::publishEvent);
    return moved;
  }
}
