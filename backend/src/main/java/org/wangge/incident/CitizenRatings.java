package org.wangge.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.security.AuditLog;
import tools.jackson.databind.json.JsonMapper;

/**
 * The citizen's own rating of a closed case (by the receipt the intake gave them; no sign-in):
 * 1–5 with an optional comment, once per case, only when the case is closed ({@code CLOSED} or
 * already followed up by the centre). Kept beside the centre's follow-up (回访, {@code FOLLOW_UP}),
 * which it does not replace; it appears on the case's timeline as {@code RATE} by {@code CITIZEN}
 * and in the audit trail, in one transaction.
 */
@Service
class CitizenRatings {

  static final int MAX_COMMENT = 500;

  /** A rating as the receipt shows it. */
  record Rating(int satisfaction, String comment, Instant ratedAt) {}

  /** What became of a rating. */
  enum Outcome {
    RATED,
    NOT_CLOSED,
    ALREADY_RATED
  }

  private final IncidentRepository incidents;
  private final JdbcTemplate jdbc;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;

  CitizenRatings(IncidentRepository incidents, JdbcTemplate jdbc, AuditLog audit, ApplicationEventPublisher events, JsonMapper json) {
    this.incidents = incidents;
    this.jdbc = jdbc;
    this.audit = audit;
    this.events = events;
    this.json = json;
  }

  /** Whether a case in this state may be rated by its reporter. */
  static boolean rateable(IncidentStatus status) {
    return status == IncidentStatus.CLOSED || status == IncidentStatus.FOLLOWED_UP;
  }

  @Transactional(readOnly = true)
  Optional<Rating> of(long incidentId) {
    return jdbc
        .query(
            "SELECT satisfaction, comment, rated_at FROM citizen_rating WHERE incident_id = ?",
            (rs, i) -> new Rating(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant()),
            incidentId)
        .stream()
        .findFirst();
  }

  /**
   * Rates case {@code incidentId} (the caller checked the receipt and the input). A racing second
   * rating fails on the table's key with a {@code DataIntegrityViolationException}, and nothing of
   * it is stored.
   */
  @Transactional
  Outcome rate(long incidentId, int satisfaction, String comment, Instant now) {
    Incident incident = incidents.findById(incidentId).orElseThrow();
    if (!rateable(incident.status())) {
      return Outcome.NOT_CLOSED;
    }
    if (of(incidentId).isPresent()) {
      return Outcome.ALREADY_RATED;
    }
    jdbc.update(
        "INSERT INTO citizen_rating (incident_id, satisfaction, comment, rated_at) VALUES (?, ?, ?, ?)",
        incidentId, satisfaction, comment, Timestamp.from(now));
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("satisfaction", satisfaction);
    if (comment != null) {
      detail.put("comment", comment);
    }
    String status = incident.status().name();
    jdbc.update(
        """
        INSERT INTO incident_event (incident_id, occurred_at, actor, actor_role, action, from_status, to_status, reason, detail)
        VALUES (?, ?, 'CITIZEN', NULL, 'RATE', ?, ?, NULL, ?)""",
        incidentId, Timestamp.from(now), status, status, json.writeValueAsString(detail));
    audit.change(
        "CASE_RATED",
        "incident",
        Long.toString(incidentId),
        incident.gridCode() != null ? incident.gridCode() : incident.areaCode(),
        null,
        Map.of("satisfaction", satisfaction, "hasComment", comment != null));
    events.publishEvent(
        new IncidentChanged(
            incidentId, incident.number(), "RATE", incident.status(), incident.gridCode(), incident.areaCode(),
            incident.departmentId(), now));
    return Outcome.RATED;
  }
}
