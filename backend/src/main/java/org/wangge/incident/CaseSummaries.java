package org.wangge.incident;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads one case as a {@link CaseSummary}, inside the caller's transaction (so a listener of {@link
 * IncidentChanged} sees the change it announces). Used by the notification outbox.
 */
@Service
public class CaseSummaries {

  private final JdbcTemplate jdbc;

  CaseSummaries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The case with this id, or empty for an unknown id. */
  public Optional<CaseSummary> find(long incidentId) {
    return jdbc.query(
            """
            SELECT i.id, i.number, c.code, c.name, c.name_en, i.status, i.risk, ST_X(i.location), ST_Y(i.location),
                   i.address_id, i.grid_code, i.area_code, i.assignee_id, i.department_id, i.owner_level,
                   i.owner_area_code, i.reported_at, i.due_at, i.stage, i.stage_due_at
            FROM incident i JOIN category c ON c.id = i.category_id WHERE i.id = ?""",
            (rs, n) ->
                new CaseSummary(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getDouble(8),
                    rs.getDouble(9),
                    rs.getObject(10, Long.class),
                    rs.getString(11),
                    rs.getString(12),
                    rs.getObject(13, Long.class),
                    rs.getObject(14, Long.class),
                    rs.getString(15),
                    rs.getString(16),
                    instant(rs.getTimestamp(17)),
                    instant(rs.getTimestamp(18)),
                    rs.getString(19),
                    instant(rs.getTimestamp(20))),
            incidentId)
        .stream()
        .findFirst();
  }

  private static java.time.Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
