package org.wangge.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.security.Jurisdiction;
import org.wangge.security.Role;
import org.wangge.team.TeamService;

/**
 * Each user's task list ({@code GET /api/inbox}), most urgent first (red, then yellow, then the
 * nearest stage deadline, high risk first among equals), and why each case is there:
 *
 * <ul>
 *   <li>{@code ASSIGNED}: dispatched to you and not yet handled (a grid member's own cases, an
 *       officer's department's);
 *   <li>{@code CALLED_IN}: a case your department was called in to (吹哨) and has not reported on;
 *   <li>{@code OWNED}: open and owned by your centre after an escalation (operators, leaders);
 *   <li>{@code TO_DISPATCH}: waiting in a queue in your area (operators, leaders);
 *   <li>{@code TO_VERIFY}: handled, waiting for verification (operators, leaders);
 *   <li>{@code TO_FOLLOW_UP}: closed, waiting for the return visit (operators, leaders, your grid's member).
 * </ul>
 */
@Service
@Transactional(readOnly = true)
class Inbox {

  private final JdbcTemplate jdbc;
  private final TeamService teams;

  Inbox(JdbcTemplate jdbc, TeamService teams) {
    this.jdbc = jdbc;
    this.teams = teams;
  }

  /** One task. */
  record Task(
      long id,
      String number,
      String why,
      String status,
      String risk,
      String categoryCode,
      String categoryName,
      String gridCode,
      String stage,
      Instant stageDueAt,
      int urgeLevel,
      Instant dueAt,
      String ownerLevel,
      Instant reportedAt) {}

  record Page(List<Task> items, int page, int size, long total) {}

  private static final String OPEN = "i.status IN ('REPORTED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'HANDLED')";
  private static final String IN_HAND = "i.status IN ('DISPATCHED', 'ACCEPTED', 'IN_PROGRESS')";

  Page of(Jurisdiction j, int page, int size) {
    List<String> whens = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    Role role = j.role();
    if (role == Role.GRID_MEMBER && j.memberCode() != null) {
      whens.add("WHEN " + IN_HAND + " AND i.assignee_id = (SELECT m.id FROM member m WHERE m.code = ?) THEN 'ASSIGNED'");
      args.add(j.memberCode());
      whens.add("WHEN i.status = 'CLOSED' AND i.grid_code LIKE ? THEN 'TO_FOLLOW_UP'");
      args.add(j.likePattern());
    } else if (role == Role.DEPARTMENT_OFFICER) {
      Long department = teams.departmentIds().get(j.departmentCode());
      whens.add("WHEN " + IN_HAND + " AND i.department_id = ? AND (i.grid_code LIKE ? OR (i.grid_code IS NULL AND i.area_code LIKE ?)) THEN 'ASSIGNED'");
      args.add(department == null ? -1L : department);
      args.add(j.likePattern());
      args.add(j.likePattern());
      whens.add(
          "WHEN " + OPEN + " AND EXISTS (SELECT 1 FROM incident_whistle w WHERE w.incident_id = i.id AND w.department_id = ?"
              + " AND w.done_at IS NULL) THEN 'CALLED_IN'");
      args.add(department == null ? -1L : department);
    } else if (role == Role.OPERATOR || role == Role.GRID_LEADER) {
      String inside = "(i.grid_code LIKE ? OR (i.grid_code IS NULL AND i.area_code LIKE ?))";
      whens.add("WHEN " + OPEN + " AND i.owner_area_code = ? THEN 'OWNED'");
      args.add(j.areaCode());
      for (String[] w :
          new String[][] {
            {"i.status = 'REPORTED'", "TO_DISPATCH"}, {"i.status = 'HANDLED'", "TO_VERIFY"}, {"i.status = 'CLOSED'", "TO_FOLLOW_UP"}
          }) {
        whens.add("WHEN " + w[0] + " AND " + inside + " THEN '" + w[1] + "'");
        args.add(j.likePattern());
        args.add(j.likePattern());
      }
    }
    if (whens.isEmpty()) {
      return new Page(List.of(), page, size, 0);
    }
    String why = "CASE " + String.join(" ", whens) + " END";
    String from =
        " FROM incident i JOIN category c ON c.id = i.category_id WHERE (" + why + ") IS NOT NULL";
    List<Object> countArgs = new ArrayList<>(args);
    long total = jdbc.queryForObject("SELECT count(*)" + from, Long.class, countArgs.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.addAll(args);
    List<Task> items =
        jdbc.query(
            "SELECT i.id, i.number, " + why + ", i.status, i.risk, c.code, c.name, i.grid_code, i.stage, i.stage_due_at,"
                + " i.urge_level, i.due_at, i.owner_level, i.reported_at"
                + from
                + " ORDER BY i.urge_level DESC, CASE WHEN i.stage_due_at IS NULL THEN 1 ELSE 0 END, i.stage_due_at,"
                + " CASE i.risk WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END, i.due_at, i.id"
                + " OFFSET " + ((long) page * size) + " ROWS FETCH NEXT " + size + " ROWS ONLY",
            (rs, n) ->
                new Task(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getString(9),
                    instant(rs.getTimestamp(10)),
                    rs.getInt(11),
                    instant(rs.getTimestamp(12)),
                    rs.getString(13),
                    instant(rs.getTimestamp(14))),
            pageArgs.toArray());
    return new Page(items, page, size, total);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
