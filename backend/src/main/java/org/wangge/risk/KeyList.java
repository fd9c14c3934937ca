package org.wangge.risk;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.area.AreaService;
import org.wangge.security.AuditLog;
import org.wangge.security.Jurisdiction;
import org.wangge.security.Role;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;

/**
 * The key list (重点清单): unresolved high-risk cases (risk {@code HIGH}, still open) that no one has
 * marked controlled yet, each owned by a centre: the area the case was escalated to, else the
 * street of its grid or area (the first 9 digits of the code; a shorter area code is its own
 * centre). A case leaves the list when it closes (or is cancelled) or when an OPERATOR of the
 * owning centre or a centre above it marks it controlled, with a note; the mark is stored in
 * {@code key_case_control} and audited in the same transaction. Notes written on a case and the
 * mark form its history ({@code key_case_note}, oldest first).
 */
@Service
class KeyList {

  static final int MAX_NOTE = 1000;

  /** The owning centre's code, an SQL expression over the incident alias {@code i}. */
  static final String OWNER_CODE = "COALESCE(i.owner_area_code, LEFT(COALESCE(i.grid_code, i.area_code), 9))";

  private static final String OPEN = "('REPORTED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'HANDLED')";

  private final JdbcTemplate jdbc;
  private final AreaService areas;
  private final AuditLog audit;

  KeyList(JdbcTemplate jdbc, AreaService areas, AuditLog audit) {
    this.jdbc = jdbc;
    this.areas = areas;
    this.audit = audit;
  }

  record Category(String code, String name) {}

  record Centre(String code, String name) {}

  /** One case on the key list. */
  record KeyCase(
      long id,
      String number,
      Category category,
      String gridCode,
      String areaCode,
      String status,
      Centre owner,
      Instant reportedAt,
      Instant dueAt,
      boolean overdue,
      long daysOpen,
      Control control) {}

  /** The mark on a controlled case: when, by whom, and the note. */
  record Control(Instant controlledAt, String controlledBy, String note) {}

  /**
   * The key list of an area, oldest case first, and the area's cases marked controlled that are
   * still open (most recently marked first).
   */
  record View(String areaCode, String areaName, Instant at, int count, List<KeyCase> cases, List<KeyCase> controlled) {}

  /** One entry of a key-list case's history: a note ({@code NOTE}) or the mark ({@code CONTROLLED}). */
  record Entry(long id, String kind, Instant at, String by, String note) {}

  /** The history of a key-list case, oldest entry first. */
  record History(long incidentId, String number, Control control, List<Entry> entries) {}

  /** A case marked controlled. */
  record Controlled(long incidentId, String number, Centre owner, Instant controlledAt, String controlledBy, String note) {}

  @Transactional(readOnly = true)
  View list(String area, Jurisdiction j, Instant now) {
    CaseScope scope = CaseScope.of(area, j, areas);
    List<KeyCase> cases = cases(scope, false, now);
    return new View(scope.areaCode(), scope.areaName(), now, cases.size(), cases, cases(scope, true, now));
  }

  /** The open high-risk cases of the scope not yet marked controlled, or those marked. */
  private List<KeyCase> cases(CaseScope scope, boolean controlled, Instant now) {
    var sql =
        new StringBuilder(
            "SELECT i.id, i.number, c.code, c.name, i.grid_code, i.area_code, i.status, " + OWNER_CODE + ", oa.name,"
                + " i.reported_at, i.due_at, k.controlled_at, k.controlled_by, k.note"
                + " FROM incident i JOIN category c ON c.id = i.category_id"
                + " LEFT JOIN area oa ON oa.code = " + OWNER_CODE + " AND oa.valid_to IS NULL"
                + " LEFT JOIN key_case_control k ON k.incident_id = i.id"
                + " WHERE i.risk = 'HIGH' AND i.status IN " + OPEN
                + " AND k.incident_id IS " + (controlled ? "NOT NULL" : "NULL"));
    List<Object> args = new ArrayList<>();
    scope.where(sql, args);
    sql.append(controlled ? " ORDER BY k.controlled_at DESC, i.id" : " ORDER BY i.reported_at, i.id");
    return jdbc.query(
        sql.toString(),
        (rs, n) -> {
          Instant reported = rs.getTimestamp(10).toInstant();
          Timestamp due = rs.getTimestamp(11);
          Timestamp marked = rs.getTimestamp(12);
          return new KeyCase(
              rs.getLong(1),
              rs.getString(2),
              new Category(rs.getString(3), rs.getString(4)),
              rs.getString(5),
              rs.getString(6),
              rs.getString(7),
              new Centre(rs.getString(8), rs.getString(9)),
              reported,
              due == null ? null : due.toInstant(),
              due != null && due.toInstant().isBefore(now),
              Math.max(0, Duration.between(reported, now).toDays()),
              marked == null ? null : new Control(marked.toInstant(), rs.getString(13), rs.getString(14)));
        },
        args.toArray());
  }

  /** A high-risk case inside the jurisdiction, or {@code 404}. */
  private record Found(
      String number, String risk, String status, String gridCode, String areaCode, Centre owner, Timestamp controlledAt, String controlledBy,
      String controlNote) {}

  private Found find(long id, Jurisdiction j) {
    var sql =
        new StringBuilder(
            "SELECT i.number, i.risk, i.status, i.grid_code, i.area_code, " + OWNER_CODE + ", oa.name,"
                + " k.controlled_at, k.controlled_by, k.note"
                + " FROM incident i"
                + " LEFT JOIN area oa ON oa.code = " + OWNER_CODE + " AND oa.valid_to IS NULL"
                + " LEFT JOIN key_case_control k ON k.incident_id = i.id"
                + " WHERE i.id = ?");
    List<Object> args = new ArrayList<>(List.of(id));
    new CaseScope(null, CaseScope.EVERYWHERE, null, j).where(sql, args);
    return jdbc
        .query(
            sql.toString(),
            (rs, n) ->
                new Found(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    new Centre(rs.getString(6), rs.getString(7)),
                    rs.getTimestamp(8),
                    rs.getString(9),
                    rs.getString(10)),
            args.toArray())
        .stream()
        .findFirst()
        .orElseThrow(() -> new NotFoundException("No incident " + id + "."));
  }

  private static String note(String noteText, String what) {
    String note = noteText == null ? "" : noteText.strip();
    if (note.isEmpty()) {
      throw new InvalidInputException("note", "is required: " + what);
    }
    if (note.length() > MAX_NOTE) {
      throw new InvalidInputException("note", "must be at most " + MAX_NOTE + " characters, got " + note.length());
    }
    return note;
  }

  /**
   * Writes a note on a key-list case (listed or controlled, still open and high risk): an OPERATOR
   * or GRID_LEADER who sees the case ({@code 403} for other roles, {@code 404} outside the
   * jurisdiction, {@code 409} when the case is not on the key list). Audited.
   */
  @Transactional
  Entry addNote(long id, String noteText, Jurisdiction j, Instant now) {
    if (j.role() != Role.OPERATOR && j.role() != Role.GRID_LEADER) {
      throw new AccessDeniedException(
          "A " + j.role() + " may not write notes on the key list; it needs the role OPERATOR or GRID_LEADER.");
    }
    String note = note(noteText, "what was done or found about the risk");
    Found found = find(id, j);
    if (!"HIGH".equals(found.risk())) {
      throw new KeyListConflictException("Case " + found.number() + " is not on the key list: its risk is " + found.risk() + ", not HIGH.");
    }
    if (!List.of("REPORTED", "DISPATCHED", "ACCEPTED", "IN_PROGRESS", "HANDLED").contains(found.status())) {
      throw new KeyListConflictException("Case " + found.number() + " is not on the key list: it is " + found.status() + ".");
    }
    long entry = insertEntry(id, "NOTE", now, j.username(), note);
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("number", found.number());
    after.put("note", note);
    audit.change("KEY_CASE_NOTE", "incident", Long.toString(id), found.gridCode() != null ? found.gridCode() : found.areaCode(), null, after);
    return new Entry(entry, "NOTE", now, j.username(), note);
  }

  /** The notes and the mark of a case inside the jurisdiction ({@code 404} otherwise), oldest first. */
  @Transactional(readOnly = true)
  History history(long id, Jurisdiction j) {
    Found found = find(id, j);
    List<Entry> entries =
        jdbc.query(
            "SELECT id, kind, noted_at, noted_by, note FROM key_case_note WHERE incident_id = ? ORDER BY noted_at, id",
            (rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)),
            id);
    Control control =
        found.controlledAt() == null ? null : new Control(found.controlledAt().toInstant(), found.controlledBy(), found.controlNote());
    return new History(id, found.number(), control, entries);
  }

  private long insertEntry(long id, String kind, Instant at, String by, String note) {
    var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.update(
        connection -> {
          var ps =
              connection.prepareStatement(
                  "INSERT INTO key_case_note (incident_id, kind, noted_at, noted_by, note) VALUES (?, ?, ?, ?, ?)", new String[] {"id"});
          ps.setLong(1, id);
          ps.setString(2, kind);
          ps.setTimestamp(3, Timestamp.from(at));
          ps.setString(4, by);
          ps.setString(5, note);
          return ps;
        },
        key);
    return key.getKey().longValue();
  }

  /**
   * Marks a case on the key list controlled. Only an OPERATOR ({@code 403}); a case outside the
   * jurisdiction answers {@code 404}; one not on the key list (not high risk, no longer open, or
   * already controlled) {@code 409}; one owned by a centre above the operator's {@code 403}.
   */
  @Transactional
  Controlled markControlled(long id, String noteText, Jurisdiction j, Instant now) {
    if (j.role() != Role.OPERATOR) {
      throw new AccessDeniedException(
          "A " + j.role() + " may not mark a key-list case controlled; it needs the role OPERATOR of the owning centre or a centre above it.");
    }
    String note = note(noteText, "how the risk is controlled");
    Found found = find(id, j);
    if (found.controlledAt() != null) {
      throw new KeyListConflictException(
          "Case " + found.number() + " was already marked controlled at " + found.controlledAt().toInstant() + " by "
              + found.controlledBy() + ".");
    }
    if (!"HIGH".equals(found.risk())) {
      throw new KeyListConflictException("Case " + found.number() + " is not on the key list: its risk is " + found.risk() + ", not HIGH.");
    }
    if (!List.of("REPORTED", "DISPATCHED", "ACCEPTED", "IN_PROGRESS", "HANDLED").contains(found.status())) {
      throw new KeyListConflictException("Case " + found.number() + " is not on the key list: it is " + found.status() + ".");
    }
    if (!j.covers(found.owner().code())) {
      throw new AccessDeniedException(
          "Case " + found.number() + " is owned by the centre of " + found.owner().code()
              + "; only an OPERATOR of that centre or a centre above it may mark it controlled.");
    }
    try {
      jdbc.update(
          "INSERT INTO key_case_control (incident_id, controlled_at, controlled_by, note) VALUES (?, ?, ?, ?)",
          id,
          Timestamp.from(now),
          j.username(),
          note);
    } catch (DuplicateKeyException raced) {
      throw new KeyListConflictException("Case " + found.number() + " was marked controlled by someone else at the same moment.");
    }
    insertEntry(id, "CONTROLLED", now, j.username(), note);
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("number", found.number());
    after.put("ownerCentre", found.owner().code());
    after.put("controlledAt", now.toString());
    after.put("note", note);
    audit.change(
        "KEY_CASE_CONTROLLED", "incident", Long.toString(id), found.gridCode() != null ? found.gridCode() : found.areaCode(), null, after);
    return new Controlled(id, found.number(), found.owner(), now, j.username(), note);
  }
}
