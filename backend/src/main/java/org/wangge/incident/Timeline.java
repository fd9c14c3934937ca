package org.wangge.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.wangge.gisdata.model.IncidentStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case timeline ({@code incident_event}) for other features: the facts of a case, and the one
 * public writer of entries: an entry
 * that records a fact about a case without moving it in the closed loop (its status stays), in the
 * caller's transaction, so that it commits or rolls back with the caller's change. The live feed
 * ({@link CaseFeed}) carries every entry to the desks, walls and phones that see the case. Used by
 * alarms ({@code ALARM_RAISED}, {@code ALARM_CLIMBED}, {@code ALARM_ACKNOWLEDGED}, {@code
 * ALARM_OVERDUE}).
 */
@Service
public class Timeline {

  /** The facts of a case another feature needs to act on it (no reporter data). */
  public record CaseFacts(
      long id,
      String number,
      IncidentStatus status,
      String categoryCode,
      String categoryName,
      String categoryNameEn,
      boolean raisesAlarm,
      String risk,
      String answers,
      String gridCode,
      String areaCode,
      Long departmentId,
      double lon,
      double lat) {}

  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  Timeline(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The case with this id, whatever the caller may see (callers check their own rules). */
  public Optional<CaseFacts> facts(long incidentId) {
    List<CaseFacts> found =
        jdbc.query(
            """
            SELECT i.id, i.number, i.status, c.code, c.name, c.name_en, c.raises_alarm, i.risk, i.answers, i.grid_code,
                   i.area_code, i.department_id, ST_X(i.location), ST_Y(i.location)
            FROM incident i JOIN category c ON c.id = i.category_id WHERE i.id = ?""",
            (rs, n) ->
                new CaseFacts(
                    rs.getLong(1),
                    rs.getString(2),
                    IncidentStatus.valueOf(rs.getString(3)),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getBoolean(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10),
                    rs.getString(11),
                    rs.getObject(12, Long.class),
                    rs.getDouble(13),
                    rs.getDouble(14)),
            incidentId);
    return found.stream().findFirst();
  }

  /**
   * Writes one timeline entry for the case at its current status; answers the entry's id.
   *
   * @param actor the username, or {@code system} for the clock
   * @param actorRole the actor's role name, or {@code null} for the system
   * @param action at most 20 characters, upper case ({@code ALARM_RAISED} ...)
   * @param detail shown with the entry (JSON), or empty
   */
  public long record(
      long incidentId, Instant at, String actor, String actorRole, String action, String reason, Map<String, ?> detail) {
    String status =
        jdbc.queryForObject("SELECT status FROM incident WHERE id = ?", String.class, incidentId);
    String detailText = detail == null || detail.isEmpty() ? null : json.writeValueAsString(detail);
    var key = new GeneratedKeyHolder();
    jdbc.update(
        connection -> {
          var ps =
              connection.prepareStatement(
                  "INSERT INTO incident_event (incident_id, occurred_at, actor, actor_role, action, from_status, to_status, reason, detail)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  new String[] {"id"});
          ps.setLong(1, incidentId);
          ps.setTimestamp(2, Timestamp.from(at));
          ps.setString(3, actor);
          ps.setString(4, actorRole);
          ps.setString(5, action);
          ps.setString(6, status);
          ps.setString(7, status);
          ps.setString(8, reason);
          ps.setString(9, detailText);
          return ps;
        },
        key);
    return key.getKey().longValue();
  }
}
