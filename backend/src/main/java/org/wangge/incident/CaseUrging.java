package org.wangge.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.security.AuditLog;
import tools.jackson.databind.json.JsonMapper;

/**
 * Urging (督办) and escalation by the clock. Every instance sweeps every {@code
 * wangge.closed-loop.clock-interval}: the open cases whose stage clock has passed its yellow or
 * red point are claimed with {@code SELECT … FOR UPDATE SKIP LOCKED} in batches, so that two
 * instances never take the same case, and in the claiming transaction each gets its {@code URGE}
 * timeline entry (and, when red, an {@code ESCALATE} one level up if {@code
 * wangge.closed-loop.climb-when-red}); the case's urge level and version move on, so no case is
 * urged twice for the same point of the same stage, and none is missed.
 */
@Component
class CaseUrging {

  private static final Logger log = LoggerFactory.getLogger(CaseUrging.class);
  static final int BATCH = 200;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ClosedLoopProperties properties;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;

  CaseUrging(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      ClosedLoopProperties properties,
      AuditLog audit,
      ApplicationEventPublisher events,
      JsonMapper json) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.properties = properties;
    this.audit = audit;
    this.events = events;
    this.json = json;
  }

  @Scheduled(
      initialDelayString = "${wangge.closed-loop.clock-interval:PT30S}",
      fixedDelayString = "${wangge.closed-loop.clock-interval:PT30S}")
  void onSchedule() {
    try {
      int urged = sweep(Instant.now());
      if (urged > 0) {
        log.info("Urged {} cases", urged);
      }
    } catch (RuntimeException e) {
      // The database may be away for a moment: the next sweep picks the cases up.
      log.warn("Urging sweep failed, will retry: {}", e.getMessage());
    }
  }

  /** Urges every case due at {@code now}, batch by batch; returns how many were urged. */
  int sweep(Instant now) {
    int total = 0;
    while (true) {
      Integer n = transactions.execute(tx -> sweepBatch(now));
      total += n;
      if (n < BATCH) {
        return total;
      }
    }
  }

  private record Due(
      long id, String number, IncidentStatus status, String stage, int urgeLevel, Instant warningAt, Instant dueAt,
      String gridCode, String areaCode, Long departmentId, String ownerLevel) {}

  private int sweepBatch(Instant now) {
    Timestamp at = Timestamp.from(now);
    List<Due> due =
        jdbc.query(
            """
            SELECT id, number, status, stage, urge_level, stage_warning_at, stage_due_at, grid_code, area_code,
                   department_id, owner_level
            FROM incident
            WHERE stage_due_at IS NOT NULL
              AND ((urge_level < 1 AND stage_warning_at <= ?) OR (urge_level < 2 AND stage_due_at <= ?))
            ORDER BY stage_due_at, id
            FETCH FIRST %d ROWS ONLY
            FOR UPDATE SKIP LOCKED""".formatted(BATCH),
            (rs, i) ->
                new Due(
                    rs.getLong(1),
                    rs.getString(2),
                    IncidentStatus.valueOf(rs.getString(3)),
                    rs.getString(4),
                    rs.getInt(5),
                    rs.getTimestamp(6).toInstant(),
                    rs.getTimestamp(7).toInstant(),
                    rs.getString(8),
                    rs.getString(9),
                    (Long) rs.getObject(10, Long.class),
                    rs.getString(11)),
            at,
            at);
    for (Due d : due) {
      int level = d.dueAt().isAfter(now) ? 1 : 2;
      String colour = level == 1 ? "YELLOW" : "RED";
      String reason =
          colour + ": the " + d.stage() + " stage " + (level == 1 ? "nears its limit " : "passed its limit ") + d.dueAt();
      AreaLevel climbTo = null;
      String climbCode = null;
      if (level == 2 && properties.climbWhenRed()) {
        AreaLevel current = d.ownerLevel() == null ? AreaLevel.GRID : AreaLevel.valueOf(d.ownerLevel());
        climbTo = current.parent();
        climbCode = climbTo == null ? null : CaseClocks.areaAt(d.gridCode() != null ? d.gridCode() : d.areaCode(), climbTo);
        if (climbCode == null) {
          climbTo = null;
        }
      }
      jdbc.update(
          climbTo == null
              ? "UPDATE incident SET urge_level = ?, version = version + 1 WHERE id = ?"
              : "UPDATE incident SET urge_level = ?, owner_level = ?, owner_area_code = ?, escalation_count = escalation_count + 1, "
                  + "version = version + 1 WHERE id = ?",
          climbTo == null ? new Object[] {level, d.id()} : new Object[] {level, climbTo.name(), climbCode, d.id()});
      event(d, "URGE", reason, Map.of("urge", colour, "stage", d.stage(), "stageDueAt", d.dueAt().toString()), now);
      if (climbTo != null) {
        event(d, "ESCALATE", "RED: one level up by rule", Map.of("level", climbTo.name(), "ownerAreaCode", climbCode), now);
      }
      audit.change(
          "CASE_URGED",
          "incident",
          Long.toString(d.id()),
          d.gridCode() != null ? d.gridCode() : d.areaCode(),
          Map.of("urgeLevel", d.urgeLevel()),
          climbTo == null ? Map.of("urgeLevel", level) : Map.of("urgeLevel", level, "ownerLevel", climbTo.name()));
      events.publishEvent(
          new IncidentChanged(d.id(), d.number(), "URGE_" + colour, d.status(), d.gridCode(), d.areaCode(), d.departmentId(), now));
      if (climbTo != null) {
        // The climb is an escalation like a centre's own: announced as one.
        events.publishEvent(
            new IncidentChanged(d.id(), d.number(), "ESCALATE", d.status(), d.gridCode(), d.areaCode(), d.departmentId(), now));
      }
    }
    return due.size();
  }

  private void event(Due d, String action, String reason, Map<String, Object> detail, Instant now) {
    jdbc.update(
        """
        INSERT INTO incident_event (incident_id, occurred_at, actor, actor_role, action, from_status, to_status, reason, detail)
        VALUES (?, ?, 'system', NULL, ?, ?, ?, ?, ?)""",
        d.id(),
        Timestamp.from(now),
        action,
        d.status().name(),
        d.status().name(),
        reason,
        json.writeValueAsString(detail));
  }
}
