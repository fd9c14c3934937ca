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
  private final boolean postgres;

  CaseFeed(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.postgres =
        Boolean.TRUE.equals(
            jdbc.execute(
                (org.springframework.jdbc.core.ConnectionCallback<Boolean>)
                    c -> c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")));
  }

  /**
   * The transactions that are open right now and could still commit timeline entries whose ids were
   * taken before this call: every timeline id allocated before it belongs to one of them, or is
   * visible, or never will be (its transaction rolled back). {@link OpenWriters#stillOpen()} tells
   * when all of them have ended.
   *
   * <p>PostgreSQL: every client transaction of this database that started at or before this moment
   * (by the server's clock, {@code pg_stat_activity.xact_start}) and has written ({@code backend_xid})
   * or is running a statement (an insert takes its id before it writes). The database user must be
   * able to see the other sessions' {@code xact_start}: the same user for every instance, or one with
   * {@code pg_read_all_stats}. H2 (one process): the sessions that hold uncommitted changes or run a
   * statement now, each until it is seen with neither.
   */
  public OpenWriters openWriters() {
    if (postgres) {
      Timestamp since = jdbc.queryForObject("SELECT clock_timestamp()", Timestamp.class);
      return () ->
          Boolean.TRUE.equals(
              jdbc.queryForObject(
                  """
                  SELECT EXISTS (
                    SELECT 1 FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                      AND xact_start <= ? AND (backend_xid IS NOT NULL OR state = 'active'))""",
                  Boolean.class,
                  since));
    }
    var open = new java.util.HashSet<Long>(h2BusySessions());
    return () -> {
      open.retainAll(h2BusySessions()); // once seen idle, a session's transaction of then has ended
      return !open.isEmpty();
    };
  }

  /** H2's other sessions that hold uncommitted changes or run a statement now. */
  private List<Long> h2BusySessions() {
    return jdbc.queryForList(
        "SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()"
            + " AND (CONTAINS_UNCOMMITTED OR EXECUTING_STATEMENT IS NOT NULL)",
        Long.class);
  }

  /** See {@link #openWriters()}. */
  @FunctionalInterface
  public interface OpenWriters {
    /** Whether any of the transactions noted has not yet ended (asks the database). */
    boolean stillOpen();
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
