package org.wangge.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.security.AuditLog;
import org.wangge.security.PersonalDataCipher;
import org.wangge.security.Jurisdiction;
import org.wangge.security.Role;
import org.wangge.team.MemberRef;
import org.wangge.team.TeamService;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves cases through the closed loop ({@link CaseTransitions}): checks jurisdiction ({@code
 * 404}), state ({@code 409}), role ({@code 403}) and input ({@code 400}), then changes the case,
 * appends its timeline entry and its audit record, and announces {@link IncidentChanged}, all in
 * one transaction (the case's version guards against a racing transition); an action sent with an
 * {@code Idempotency-Key} is applied once ({@link IdempotencyKeys}).
 */
@Service
class CaseWorkflow {

  private static final int MAX_TEXT = 1000;

  private final IncidentRepository incidents;
  private final IncidentReader reader;
  private final TeamService teams;
  private final JdbcTemplate jdbc;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;
  private final CaseClocks clocks;
  private final PersonalDataCipher cipher;
  private final PhotoStore photoStore;
  private final QueuedItems queued;
  private final IdempotencyKeys keys;
  private final java.time.Duration maxExtension;

  CaseWorkflow(
      IncidentRepository incidents,
      IncidentReader reader,
      TeamService teams,
      JdbcTemplate jdbc,
      AuditLog audit,
      ApplicationEventPublisher events,
      JsonMapper json,
      CaseClocks clocks,
      PersonalDataCipher cipher,
      PhotoStore photoStore,
      QueuedItems queued,
      IdempotencyKeys keys,
      ClosedLoopProperties closedLoop) {
    this.photoStore = photoStore;
    this.queued = queued;
    this.maxExtension = closedLoop.maxExtension();
    this.incidents = incidents;
    this.reader = reader;
    this.teams = teams;
    this.jdbc = jdbc;
    this.audit = audit;
    this.events = events;
    this.json = json;
    this.clocks = clocks;
    this.cipher = cipher;
    this.keys = keys;
  }

  /**
   * One timeline entry.
   *
   * @param observedAt when the user made it on a phone that was offline (null: made online)
   * @param late sent more than {@code wangge.field.late-after} after {@code observedAt}
   * @param photos the photos sent with it, with their capture facts and flags
   */
  record TimelineEvent(
      Instant at,
      String actor,
      String actorRole,
      String action,
      IncidentStatus from,
      IncidentStatus to,
      String reason,
      String detail,
      Instant observedAt,
      boolean late,
      List<IncidentView.PhotoRef> photos) {}

  /** A case's timeline, oldest first, and what the caller may do next. */
  record Timeline(long incidentId, String number, IncidentStatus status, List<CaseAction> allowedActions, List<TimelineEvent> events) {}

  @Transactional(readOnly = true)
  Timeline timeline(long id, Jurisdiction j) {
    Incident incident = reader.find(id, j).orElseThrow(() -> notFound(id));
    return timeline(incident, j);
  }

  @Transactional
  Timeline act(long id, CaseActionRequest request, Jurisdiction j, Instant now) {
    return act(id, request, List.of(), j, now);
  }

  /** An action with photos attached to its timeline entry (checked already, at most six). */
  @Transactional
  Timeline act(long id, CaseActionRequest request, List<Photo> photos, Jurisdiction j, Instant now) {
    return apply(id, request, photos, j, now);
  }

  /**
   * An action sent with an {@code Idempotency-Key} ({@link IdempotencyKeys#run}; {@code keyed} is
   * {@code null} without one): applied once, with the key recorded in the action's transaction. A
   * repeat of the caller's action that succeeded is not applied again: the case must still be in
   * the caller's jurisdiction ({@code 404}) and the action one of the caller's role ({@code 403}),
   * and the answer is the case's timeline (which holds the one entry) and what the caller may do
   * now. A failed action (400, 403, 404, 409) leaves no key, so its retry is tried for real.
   */
  IdempotencyKeys.Answer<Timeline> act(
      long id, CaseActionRequest request, List<Photo> photos, Jurisdiction j, Instant now, IdempotencyKeys.KeyedRequest keyed) {
    return keys.run(
        keyed,
        now,
        new IdempotencyKeys.Operation<Timeline>() {
          @Override
          public IdempotencyKeys.Done<Timeline> first() {
            return new IdempotencyKeys.Done<>(apply(id, request, photos, j, now), id);
          }

          @Override
          public Timeline repeat(long incidentId) {
            Incident incident = reader.find(incidentId, j).orElseThrow(() -> notFound(incidentId));
            CaseAction action = action(request);
            if (!CaseTransitions.of(action).orElseThrow().roles().contains(j.role())) {
              throw new AccessDeniedException("A " + j.role() + " may not " + action + " a case.");
            }
            return timeline(incident, j);
          }
        });
  }

  private static CaseAction action(CaseActionRequest request) {
    if (request == null || request.action() == null || request.action().isBlank()) {
      throw new InvalidInputException("action", "is required: one of " + List.of(CaseAction.values()));
    }
    try {
      return CaseAction.valueOf(request.action().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("action", "must be one of " + List.of(CaseAction.values()) + ", got '" + request.action() + "'");
    }
  }

  private Timeline apply(long id, CaseActionRequest request, List<Photo> photos, Jurisdiction j, Instant now) {
    CaseAction action = action(request);
    Instant observedAt = queued.observedAt(request.observedAt(), now);
    Incident incident = reader.find(id, j).orElseThrow(() -> notFound(id));
    var caller = caller(incident, j);
    IncidentStatus from = incident.status();
    var transition = CaseTransitions.of(action).orElseThrow();
    if (!transition.from().contains(from)) {
      throw new CaseConflictException(incident.number(), from, action, CaseTransitions.allowed(from, caller));
    }
    if (!CaseTransitions.mayTake(transition, caller)) {
      throw new AccessDeniedException(
          "A " + j.role() + " may not " + action + " this case"
              + (transition.handlerOnly() && transition.roles().contains(j.role()) ? " (it is not assigned to you)" : "")
              + "; allowed: " + CaseTransitions.allowed(from, caller) + ".");
    }
    Map<String, Object> before = state(incident);
    Map<String, Object> detail = new LinkedHashMap<>();
    String reason = text("reason", request.reason(), false);
    String note = text("note", request.note(), false);
    switch (action) {
      case DISPATCH -> {
        dispatch(incident, request, j, detail);
        clocks.accept(incident, now);
      }
      case ACCEPT -> {
        incident.accepted(now);
        incident.startHandlingStage();
      }
      case START -> incident.moveTo(IncidentStatus.IN_PROGRESS);
      case HANDLE -> {
        note = text("note", request.note(), true);
        incident.handled(now);
        clocks.verify(incident, now);
      }
      case CLOSE -> {
        incident.closed(now);
        incident.startStage(null, null);
      }
      case FOLLOW_UP -> {
        Integer s = request.satisfaction();
        if (s == null || s < 1 || s > 5) {
          throw new InvalidInputException("satisfaction", "is required: 1 (very dissatisfied) to 5 (very satisfied)");
        }
        incident.followedUp(now, s);
        detail.put("satisfaction", s);
      }
      case RETURN -> {
        reason = text("reason", request.reason(), true);
        incident.returned();
        clocks.accept(incident, now);
      }
      case REOPEN -> {
        reason = text("reason", request.reason(), true);
        incident.reopened();
        incident.startHandlingStage();
        detail.put("rework", incident.reworkCount());
      }
      case ESCALATE -> {
        reason = text("reason", request.reason(), true);
        escalate(incident, request.level(), detail);
      }
      case EXTEND -> {
        reason = text("reason", request.reason(), true);
        Instant due = InvalidInputException.instant("dueAt", request.dueAt());
        if (due == null) {
          throw new InvalidInputException("dueAt", "is required: the new deadline as an ISO instant");
        }
        if (incident.dueAt() != null && !due.isAfter(incident.dueAt())) {
          throw new InvalidInputException("dueAt", "must be later than the current deadline " + incident.dueAt());
        }
        if (!due.isAfter(now)) {
          throw new InvalidInputException("dueAt", "must be in the future, got " + due);
        }
        if (due.isAfter(now.plus(maxExtension))) {
          throw new InvalidInputException(
              "dueAt", "may be at most " + maxExtension.toDays() + " days from now (wangge.closed-loop.max-extension), got " + due);
        }
        detail.put("previousDueAt", String.valueOf(incident.dueAt()));
        incident.extended(due);
        if (incident.stage() == CaseStage.HANDLE) {
          incident.startHandlingStage();
        }
        detail.put("dueAt", due.toString());
        detail.put("approvedBy", j.username());
      }
      case CANCEL -> {
        reason = text("reason", request.reason(), true);
        incident.cancelled(now);
        incident.startStage(null, null);
      }
      case WHISTLE -> whistle(incident, request, j, now, detail);
      case WHISTLE_DONE -> {
        note = text("note", request.note(), true);
        Long department = teams.departmentIds().get(j.departmentCode());
        jdbc.update(
            "UPDATE incident_whistle SET done_at = ?, done_by = ?, note = ? WHERE incident_id = ? AND department_id = ? AND done_at IS NULL",
            Timestamp.from(now), j.username(), note, id, department);
        detail.put("department", j.departmentCode());
      }
      case MERGE -> {
        reason = text("reason", request.reason(), false);
        merge(incident, request, j, now, detail);
      }
      case URGE -> {
        detail.put("manual", true);
      }
    }
    if (note != null) {
      detail.put("note", note);
    }
    incidents.saveAndFlush(incident);
    if (!photos.isEmpty()) {
      detail.put("photos", photos.size());
    }
    var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
    String reasonText = reason;
    String detailText = detail.isEmpty() ? null : json.writeValueAsString(detail);
    String to = incident.status().name();
    jdbc.update(
        connection -> {
          var ps =
              connection.prepareStatement(
                  "INSERT INTO incident_event (incident_id, occurred_at, actor, actor_role, action, from_status, to_status, reason, detail,"
                      + " observed_at, late) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  new String[] {"id"});
          ps.setLong(1, id);
          ps.setTimestamp(2, Timestamp.from(now));
          ps.setString(3, j.username());
          ps.setString(4, j.role().name());
          ps.setString(5, action.name());
          ps.setString(6, from.name());
          ps.setString(7, to);
          ps.setString(8, reasonText);
          ps.setString(9, detailText);
          ps.setTimestamp(10, observedAt == null ? null : Timestamp.from(observedAt));
          ps.setBoolean(11, queued.late(observedAt, now));
          return ps;
        },
        key);
    long eventId = key.getKey().longValue();
    photoStore.storeHandling(incident, eventId, photos, now);
    audit.change("CASE_" + action.name(), "incident", Long.toString(id), responsibleCode(incident), before, state(incident));
    events.publishEvent(
        new IncidentChanged(
            id, incident.number(), action.name(), incident.status(), incident.gridCode(), incident.areaCode(), incident.departmentId(), now));
    return timeline(incident, j);
  }

  private void dispatch(Incident incident, CaseActionRequest request, Jurisdiction j, Map<String, Object> detail) {
    String member = blank(request.assigneeCode());
    String department = blank(request.departmentCode());
    if ((member == null) == (department == null)) {
      throw new InvalidInputException("assigneeCode", "give either assigneeCode (a team member) or departmentCode, not both or neither");
    }
    if (member != null) {
      MemberRef ref = teams.memberByCode(member).orElse(null);
      if (ref == null || teams.gridsOf(ref.id()).stream().noneMatch(j::covers)) {
        throw new InvalidInputException("assigneeCode", "'" + member + "' is not a team member serving a grid in your jurisdiction");
      }
      incident.dispatchTo(ref.id(), null);
      detail.put("assignee", ref.code());
      detail.put("assigneeName", ref.name());
    } else {
      Long departmentId = teams.departmentIds().get(department);
      if (departmentId == null) {
        throw new InvalidInputException("departmentCode", "'" + department + "' is not a department");
      }
      incident.dispatchTo(null, departmentId);
      detail.put("department", department);
    }
  }

  private static void escalate(Incident incident, String levelText, Map<String, Object> detail) {
    AreaLevel level;
    try {
      level = AreaLevel.valueOf(String.valueOf(levelText).strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("level", "is required: COMMUNITY, STREET, DISTRICT or CITY");
    }
    AreaLevel current = incident.ownerLevel() == null ? AreaLevel.GRID : incident.ownerLevel();
    if (level == AreaLevel.GRID || level.ordinal() >= current.ordinal()) {
      throw new InvalidInputException("level", "must be above the current owner level " + current + " (COMMUNITY, STREET, DISTRICT, CITY)");
    }
    String place = incident.gridCode() != null ? incident.gridCode() : incident.areaCode();
    String owner = CaseClocks.areaAt(place, level);
    if (owner == null) {
      throw new InvalidInputException("level", "the case's area " + place + " has no " + level + " above it");
    }
    incident.escalated(level, owner);
    detail.put("level", level.name());
    detail.put("ownerAreaCode", owner);
  }

  private CaseTransitions.Caller caller(Incident incident, Jurisdiction j) {
    boolean calledIn = false;
    if (j.role() == Role.DEPARTMENT_OFFICER) {
      Long department = teams.departmentIds().get(j.departmentCode());
      calledIn =
          department != null
              && jdbc.queryForObject(
                      "SELECT count(*) FROM incident_whistle WHERE incident_id = ? AND department_id = ? AND done_at IS NULL",
                      Long.class,
                      incident.id(),
                      department)
                  > 0;
    }
    return new CaseTransitions.Caller(j.role(), isHandler(incident, j), calledIn);
  }

  /**
   * Calls departments in, each with its own deadline ({@code workingHours}, default the category's),
   * counted as the case's item says (working hours, or calendar hours for safety items).
   */
  private void whistle(Incident incident, CaseActionRequest request, Jurisdiction j, Instant now, Map<String, Object> detail) {
    List<String> codes = request.departmentCodes() == null ? List.of() : request.departmentCodes();
    if (codes.isEmpty()) {
      throw new InvalidInputException("departmentCodes", "is required: the departments to call in");
    }
    int hours = request.workingHours() == null ? incident.category().deadlineHours() : request.workingHours();
    if (hours < 1 || hours > 2_000) {
      throw new InvalidInputException("workingHours", "must be between 1 and 2000");
    }
    List<Map<String, Object>> called = new ArrayList<>();
    for (String code : codes) {
      Long department = teams.departmentIds().get(code);
      if (department == null) {
        throw new InvalidInputException("departmentCodes", "'" + code + "' is not a department");
      }
      long already =
          jdbc.queryForObject(
              "SELECT count(*) FROM incident_whistle WHERE incident_id = ? AND department_id = ?", Long.class, incident.id(), department);
      if (already > 0) {
        throw new InvalidInputException("departmentCodes", "'" + code + "' was already called in to this case");
      }
      var deadline = clocks.deadline(now, hours, incident.category().clockType());
      jdbc.update(
          "INSERT INTO incident_whistle (incident_id, department_id, called_at, called_by, due_at, warning_at) VALUES (?, ?, ?, ?, ?, ?)",
          incident.id(), department, Timestamp.from(now), j.username(), Timestamp.from(deadline.dueAt()), Timestamp.from(deadline.warningAt()));
      called.add(Map.of("department", code, "dueAt", deadline.dueAt().toString()));
    }
    detail.put("called", called);
  }

  /**
   * Merges this case (a duplicate) into {@code intoId}: its reporter joins the original's
   * reporters, its photos move over, both timelines say so, and this case ends as CANCELLED with
   * {@code merged_into} set.
   */
  private void merge(Incident duplicate, CaseActionRequest request, Jurisdiction j, Instant now, Map<String, Object> detail) {
    if (request.intoId() == null) {
      throw new InvalidInputException("intoId", "is required: the id of the original case");
    }
    if (request.intoId().equals(duplicate.id())) {
      throw new InvalidInputException("intoId", "must be another case");
    }
    Incident original =
        reader
            .find(request.intoId(), j)
            .filter(o -> o.status().isOpen())
            .orElseThrow(() -> new InvalidInputException("intoId", "no open case " + request.intoId() + " in your jurisdiction to merge into"));
    if (duplicate.reporterName() != null || duplicate.reporterPhone() != null) {
      jdbc.update(
          "INSERT INTO incident_reporter (incident_id, from_incident_id, reporter_name, reporter_phone, reported_at) VALUES (?, ?, ?, ?, ?)",
          original.id(), duplicate.id(), duplicate.reporterName(), cipher.encrypt(duplicate.reporterPhone()), Timestamp.from(duplicate.reportedAt()));
    }
    jdbc.update("UPDATE incident_reporter SET incident_id = ? WHERE incident_id = ?", original.id(), duplicate.id());
    int photos = jdbc.update("UPDATE incident_photo SET incident_id = ? WHERE incident_id = ?", original.id(), duplicate.id());
    duplicate.mergedInto(original.id(), now);
    duplicate.startStage(null, null);
    detail.put("into", original.number());
    detail.put("photos", photos);
    Map<String, Object> onOriginal = new LinkedHashMap<>();
    onOriginal.put("from", duplicate.number());
    onOriginal.put("photos", photos);
    onOriginal.put("description", duplicate.description());
    jdbc.update(
        "INSERT INTO incident_event (incident_id, occurred_at, actor, actor_role, action, from_status, to_status, reason, detail)"
            + " VALUES (?, ?, ?, ?, 'MERGED_IN', ?, ?, ?, ?)",
        original.id(), Timestamp.from(now), j.username(), j.role().name(), original.status().name(), original.status().name(),
        "duplicate " + duplicate.number() + " merged in", json.writeValueAsString(onOriginal));
  }

  private boolean isHandler(Incident incident, Jurisdiction j) {
    if (j.role() == Role.GRID_MEMBER && j.memberCode() != null && incident.assigneeId() != null) {
      MemberRef assignee = teams.membersByIds(Set.of(incident.assigneeId())).get(incident.assigneeId());
      return assignee != null && assignee.code().equals(j.memberCode());
    }
    if (j.role() == Role.DEPARTMENT_OFFICER && incident.departmentId() != null) {
      return incident.departmentId().equals(teams.departmentIds().get(j.departmentCode()));
    }
    return false;
  }

  private Timeline timeline(Incident incident, Jurisdiction j) {
    Map<Long, List<IncidentView.PhotoRef>> photos = photoStore.byEvent(incident.id());
    List<TimelineEvent> recorded =
        jdbc.query(
            """
            SELECT occurred_at, actor, actor_role, action, from_status, to_status, reason, detail, id, observed_at, late
            FROM incident_event WHERE incident_id = ? ORDER BY id""",
            (rs, i) ->
                new TimelineEvent(
                    rs.getTimestamp(1).toInstant(),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    IncidentStatus.valueOf(rs.getString(5)),
                    IncidentStatus.valueOf(rs.getString(6)),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(),
                    rs.getBoolean(11),
                    photos.getOrDefault(rs.getLong(9), List.of())),
            incident.id());
    List<TimelineEvent> all = new ArrayList<>();
    if (recorded.isEmpty() || !recorded.getFirst().action().equals("REPORT")) {
      // Imported history has no REPORT entry: the case's row stands for it, and its first state is
      // where the first recorded transition began.
      IncidentStatus first = recorded.isEmpty() ? incident.status() : recorded.getFirst().from();
      all.add(
        new TimelineEvent(
            incident.reportedAt(),
            incident.source().name(),
            null,
            "REPORT",
            null,
            first,
            null,
            incident.routingReason() == null ? null : incident.routingReason() + ": " + incident.routingDetail(),
            null,
            false,
            List.of()));
    }
    all.addAll(recorded);
    return new Timeline(
        incident.id(), incident.number(), incident.status(), CaseTransitions.allowed(incident.status(), caller(incident, j)), all);
  }

  /** What the audit trail keeps of a case's state (no personal data). */
  private static Map<String, Object> state(Incident i) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("status", i.status().name());
    s.put("assigneeId", i.assigneeId());
    s.put("departmentId", i.departmentId());
    s.put("dueAt", i.dueAt() == null ? null : i.dueAt().toString());
    s.put("ownerLevel", i.ownerLevel() == null ? null : i.ownerLevel().name());
    s.put("reworkCount", i.reworkCount());
    s.put("extensionCount", i.extensionCount());
    return s;
  }

  private static String responsibleCode(Incident i) {
    return i.gridCode() != null ? i.gridCode() : i.areaCode();
  }

  private static String text(String field, String value, boolean required) {
    String v = blank(value);
    if (v == null && required) {
      throw new InvalidInputException(field, "is required for this action");
    }
    if (v != null && v.length() > MAX_TEXT) {
      throw new InvalidInputException(field, "is " + v.length() + " characters; at most " + MAX_TEXT);
    }
    return v;
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static NotFoundException notFound(long id) {
    return new NotFoundException("No incident has id " + id + " in your jurisdiction.");
  }
}
