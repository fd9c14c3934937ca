package org.wangge.incident;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.wangge.security.Jurisdiction;

/**
 * The case timeline in id order, for the live feed: every report, transition and urging is one
 * {@link CaseChange}. Public face of the closed loop for readers outside this feature.
 */
@Service
public class CaseFeed {

  private static final String SELECT =
      """
      SELECT e.id, e.incident_id, i.number, e.action, e.from_status, e.to_status, e.occurred_at, e.actor,
             i.status, c.code, i.risk, ST_X(i.location), ST_Y(i.location), i.grid_code, i.area_code,
             i.department_id, i.stage, i.stage_due_at, i.urge_level, i.owner_level
      FROM incident_event e JOIN incident i ON i.id = e.incident_id JOIN category c ON c.id = i.category_id
      """;

  private static final RowMapper<CaseChange> ROW =
      (rs, i) -> {
        Timestamp due = rs.getTimestamp(18);
        return new CaseChange(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getTimestamp(7).toInstant(),
            rs.getString(8),
            rs.getString(9),
            rs.getString(10),
            rs.getString(11),
            rs.getDouble(12),
            rs.getDouble(13),
            rs.getString(14),
            rs.getString(15),
            rs.getObject(16, Long.class),
            rs.getString(17),
            due == null ? null : due.toInstant(),
            rs.getInt(19),
            rs.getString(20));
      };

  private final JdbcTemplate jdbc;

  CaseFeed(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Whether the department was called in to the case (吹哨), so that its officers follow it. */
  public boolean calledIn(long incidentId, long departmentId) {
    Long n =
        jdbc.queryForObject(
            "SELECT count(*) FROM incident_whistle WHERE incident_id = ? AND department_id = ?", Long.class, incidentId, departmentId);
    return n != null && n > 0;
  }

  /** The highest timeline id now (0 when there is none). */
  public long lastId() {
    Long max = jdbc.queryForObject("SELECT max(id) FROM incident_event", Long.class);
    return max == null ? 0 : max;
  }

  /** Entries after {@code afterId}, in id order, at most {@code limit}. */
  public List<CaseChange> after(long afterId, int limit) {
    return jdbc.query(SELECT + "WHERE e.id > ? ORDER BY e.id FETCH FIRST " + limit + " ROWS ONLY", ROW, afterId);
  }

  /**
   * Entries after {@code afterId} and up to {@code upToId} inside a jurisdiction (the test is in
   * the query), in id order, at most {@code limit}: a resuming client's catch-up.
   */
  public List<CaseChange> after(long afterId, long upToId, Jurisdiction j, Long departmentId, int limit) {
    var sql = new StringBuilder(SELECT).append("WHERE e.id > ? AND e.id <= ?");
    List<Object> args = new ArrayList<>(List.of(afterId, upToId));
    CaseScope.appendInside(sql, args, j, departmentId);
    sql.append(" ORDER BY e.id FETCH FIRST ").append(limit).append(" ROWS ONLY");
    return jdbc.query(sql.toString(), ROW, args.toArray());
  }
}
