package org.wangge.security;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit trail: who did what, when, from where, with the state before and after;
 * and every read of an unmasked name or phone. A change is recorded in the transaction that makes
 * it (so both are stored or neither); the table refuses updates and deletes (a trigger on both
 * databases). States are stored as JSON and must not carry unmasked personal data.
 */
@Component
public class AuditLog {

  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  AuditLog(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Records a change inside the caller's transaction (there must be one).
   *
   * @param action what happened, e.g. {@code INCIDENT_REPORTED}, {@code USER_CREATED}
   * @param areaCode the area the entity belongs to (for admins of an area), or {@code null}
   * @param before the state before ({@code null} for a creation), serialised as JSON
   * @param after the state after ({@code null} for a deletion), serialised as JSON
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void change(String action, String entityType, String entityId, String areaCode, Object before, Object after) {
    insert(action, entityType, entityId, areaCode, before, after);
  }

  /** Records that the current user saw an unmasked value ({@code what}: e.g. {@code reporterPhone}). */
  @Transactional
  public void unmaskedRead(String entityType, String entityId, String areaCode, List<String> what) {
    insert("UNMASKED_READ", entityType, entityId, areaCode, null, java.util.Map.of("fields", what));
  }

  private void insert(String action, String entityType, String entityId, String areaCode, Object before, Object after) {
    jdbc.update(
        """
        INSERT INTO audit_event (occurred_at, actor, actor_role, remote_addr, action, entity_type,
                                 entity_id, area_code, before_state, after_state)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        Timestamp.from(Instant.now()),
        CurrentUser.actor(),
        CurrentUser.actorRole() == null ? null : CurrentUser.actorRole().name(),
        remoteAddress(),
        action,
        entityType,
        entityId,
        areaCode,
        before == null ? null : json.writeValueAsString(before),
        after == null ? null : json.writeValueAsString(after));
  }

  static String remoteAddress() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return request.getRemoteAddr();
    }
    return null;
  }

  /** One audit event as ADMIN reads it. */
  public record Event(
      long id,
      Instant at,
      String actor,
      String actorRole,
      String remoteAddr,
      String action,
      String entityType,
      String entityId,
      String areaCode,
      String before,
      String after) {}

  /** Filters of the audit query; every field is optional. */
  record Query(String actor, String action, String entityType, String entityId, Instant from, Instant to) {}

  /** Events inside the jurisdiction (events of no area only for an admin of everything), newest first. */
  @Transactional(readOnly = true)
  List<Event> search(Jurisdiction jurisdiction, Query q, int page, int size) {
    var sql =
        new StringBuilder(
            """
            SELECT id, occurred_at, actor, actor_role, remote_addr, action, entity_type, entity_id,
                   area_code, before_state, after_state
            FROM audit_event WHERE 1 = 1""");
    List<Object> args = new ArrayList<>();
    if (!jurisdiction.everywhere()) {
      sql.append(" AND area_code LIKE ?");
      args.add(jurisdiction.likePattern());
    }
    if (q.actor() != null) {
      sql.append(" AND actor = ?");
      args.add(q.actor());
    }
    if (q.action() != null) {
      sql.append(" AND action = ?");
      args.add(q.action());
    }
    if (q.entityType() != null) {
      sql.append(" AND entity_type = ?");
      args.add(q.entityType());
    }
    if (q.entityId() != null) {
      sql.append(" AND entity_id = ?");
      args.add(q.entityId());
    }
    if (q.from() != null) {
      sql.append(" AND occurred_at >= ?");
      args.add(Timestamp.from(q.from()));
    }
    if (q.to() != null) {
      sql.append(" AND occurred_at < ?");
      args.add(Timestamp.from(q.to()));
    }
    sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
    args.add(size);
    args.add((long) page * size);
    return jdbc.query(
        sql.toString(),
        (rs, i) ->
            new Event(
                rs.getLong(1),
                rs.getTimestamp(2).toInstant(),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11)),
        args.toArray());
  }
}
