package org.wangge.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.wangge.gisdata.model.IncidentSource;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.security.Jurisdiction;
import org.wangge.team.TeamService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reports from partner systems (the Open311 GeoReport v2 endpoints of package {@code open311}) and
 * what they may read back. A partner's report goes through the same intake as {@code POST
 * /api/incidents} from an anonymous citizen: every check, the place resolved, routed, the deadline
 * clock started, the reporter's phone encrypted, an idempotency key honoured, all in one
 * transaction; the source is {@code CITIZEN} and the incident remembers the client that filed it.
 * Reading back never shows the reporter.
 */
@Service
public class PartnerReports {

  private static final int MAX_ROWS = 1000;

  /** A minor class of the category tree as a partner sees it: its code, name and major class. */
  /**
   * A reportable item of the list as a partner sees it: its class is the group, its extra questions
   * the attributes a report may (or must) answer.
   */
  public record ServiceType(
      String code, String name, String groupCode, String groupName, List<Attribute> attributes) {}

  /**
   * An extra question of an item: {@code type} YES_NO, NUMBER, TEXT or CHOICE; {@code choices} the
   * allowed answers of a CHOICE.
   */
  public record Attribute(
      String code, String text, String textEn, String type, List<String> choices, boolean required) {}

  /**
   * A partner's report: one place (lon + lat in WGS84, or an address code, or an address text),
   * an item code, what is wrong, and optionally who reported it (stored as intake stores a
   * reporter: the phone encrypted; shown to nobody but staff who may call back), and answers to the
   * item's extra questions as text (checked as intake checks answers; field {@code answers.<code>}).
   */
  public record Report(
      Double lon,
      Double lat,
      String addressCode,
      String addressText,
      String categoryCode,
      String description,
      String reporterName,
      String reporterPhone,
      String mediaUrl,
      Map<String, String> answers) {}


  /** A filed report: the case's row id and number, and whether an earlier request made it. */
  public record Filed(long id, String number, boolean replayed) {}

  /** An idempotency key the client already used for a different report. */
  public static final class KeyReusedException extends RuntimeException {
    KeyReusedException() {
      super("this idempotency key was already used for a different report; use a new key for a new report");
    }
  }

  /**
   * Which cases to read: those a client filed ({@code client}), and/or those inside a signed-in
   * user's jurisdiction ({@code jurisdiction}), and/or the one case a citizen holds the receipt of
   * ({@code incidentId}); at least one of the three must be given. The other filters are optional
   * ({@code null}: any). Newest first, at most {@code limit} (≤ 1000).
   */
  public record Query(
      String client,
      Jurisdiction jurisdiction,
      Long incidentId,
      List<String> numbers,
      List<String> categoryCodes,
      Instant from,
      Instant to,
      Boolean open,
      int limit) {}

  /**
   * A case as a partner may see it: no reporter, no assignee, no internal routing.
   *
   * @param lastAction the latest timeline entry's action ({@code REPORT}, {@code DISPATCH}, …)
   * @param lastNote the public note of that entry: the handler's note, or the reason of a
   *     cancellation or reopening; {@code null} when there is none
   */
  public record PartnerCase(
      long id,
      String number,
      String categoryCode,
      String categoryName,
      IncidentStatus status,
      String description,
      double lon,
      double lat,
      Long addressId,
      String gridCode,
      String departmentCode,
      Instant reportedAt,
      Instant updatedAt,
      Instant dueAt,
      Instant closedAt,
      String mediaUrl,
      String lastAction,
      String lastNote) {}

  private final ReportIntake intake;
  private final CategoryTree categories;
  private final JdbcTemplate jdbc;
  private final TeamService teams;
  private final JsonMapper json;

  PartnerReports(
      ReportIntake intake, CategoryTree categories, JdbcTemplate jdbc, TeamService teams, JsonMapper json) {
    this.intake = intake;
    this.categories = categories;
    this.jdbc = jdbc;
    this.teams = teams;
    this.json = json;
  }

  /** Every item in force, ordered by code, with its class and extra questions. */
  public List<ServiceType> services() {
    List<ServiceType> services = new ArrayList<>();
    for (CategoryTree.Major major : categories.classes()) {
      for (CategoryTree.Subclass subclass : major.subclasses()) {
        for (CategoryTree.Item item : subclass.items()) {
          services.add(
              new ServiceType(
                  item.code(),
                  item.name(),
                  major.code(),
                  major.name(),
                  item.questions().stream()
                      .map(q -> new Attribute(q.code(), q.text(), q.textEn(), q.type(), q.choices(), q.required()))
                      .toList()));
        }
      }
    }
    services.sort(Comparator.comparing(ServiceType::code));
    return services;
  }

  /**
   * Files a partner's report as a citizen's. Bad input throws {@code InvalidInputException} (field
   * names of {@code POST /api/incidents}: lon, lat, location, addressCode, addressText,
   * categoryCode, description, reporterName, reporterPhone) (an address text that matches no single address: field addressText);
   * nothing is stored then. {@code idempotencyKey} (may be null) is the client's own: keys of
   * different clients never meet.
   */
  public Filed report(Report r, String client, String idempotencyKey, Instant now) {
    var request =
        new ReportRequest(
            r.lon(), r.lat(), null, r.addressCode(), r.addressText(), r.categoryCode(), r.description(),
            IncidentSource.CITIZEN.name(), null, r.reporterName(), r.reporterPhone(), null, null,
            r.answers() == null ? null : new java.util.TreeMap<String, Object>(r.answers()));
    var keyed =
        IdempotencyKeys.request(IdempotencyKeys.Scope.open311(client), idempotencyKey, "POST /open311/v2/requests", r, List.of());
    var channel = new ReportIntake.Channel(client, r.mediaUrl());
    ReportIntake.Outcome outcome;
    try {
      outcome = intake.report(request, EnumSet.of(IncidentSource.CITIZEN), List.of(), keyed, now, channel);
    } catch (PlaceNotFoundException e) {
      throw new org.wangge.web.InvalidInputException("addressText", e.getMessage());
    } catch (IdempotencyKeys.KeyReusedException e) {
      throw new KeyReusedException();
    }
    return new Filed(outcome.incident().id(), outcome.incident().number(), outcome.replayed());
  }

  /** The cases the query names, newest first. */
  public List<PartnerCase> cases(Query q) {
    if (q.client() == null && q.jurisdiction() == null && q.incidentId() == null) {
      throw new IllegalArgumentException("a query names a client, a jurisdiction or a case");
    }
    if ((q.numbers() != null && q.numbers().isEmpty()) || (q.categoryCodes() != null && q.categoryCodes().isEmpty())) {
      return List.of();
    }
    var sql =
        new StringBuilder(
            """
            SELECT i.id, i.number, c.code, c.name, i.status, i.description, ST_X(i.location), ST_Y(i.location),
                   i.address_id, i.grid_code, i.department_id, i.reported_at, i.due_at, i.closed_at, i.media_url,
                   e.occurred_at, e.action, e.reason, e.detail
            FROM incident i
            JOIN category c ON c.id = i.category_id
            LEFT JOIN incident_event e ON e.id = (SELECT max(x.id) FROM incident_event x WHERE x.incident_id = i.id)
            WHERE 1 = 1""");
    List<Object> args = new ArrayList<>();
    if (q.client() != null) {
      sql.append(" AND i.open311_client = ?");
      args.add(q.client());
    }
    if (q.jurisdiction() != null) {
      Jurisdiction j = q.jurisdiction();
      Long departmentId = j.departmentCasesOnly() ? teams.departmentIds().get(j.departmentCode()) : null;
      CaseScope.appendInside(sql, args, j, departmentId);
    }
    if (q.incidentId() != null) {
      sql.append(" AND i.id = ?");
      args.add(q.incidentId());
    }
    if (q.numbers() != null) {
      sql.append(" AND i.number IN (").append(String.join(",", Collections.nCopies(q.numbers().size(), "?"))).append(')');
      args.addAll(q.numbers());
    }
    if (q.categoryCodes() != null) {
      sql.append(" AND c.code IN (").append(String.join(",", Collections.nCopies(q.categoryCodes().size(), "?"))).append(')');
      args.addAll(q.categoryCodes());
    }
    if (q.from() != null) {
      sql.append(" AND i.reported_at >= ?");
      args.add(Timestamp.from(q.from()));
    }
    if (q.to() != null) {
      sql.append(" AND i.reported_at <= ?");
      args.add(Timestamp.from(q.to()));
    }
    if (q.open() != null) {
      sql.append(q.open() ? " AND i.status NOT IN (?, ?, ?)" : " AND i.status IN (?, ?, ?)");
      args.add(IncidentStatus.CLOSED.name());
      args.add(IncidentStatus.FOLLOWED_UP.name());
      args.add(IncidentStatus.CANCELLED.name());
    }
    sql.append(" ORDER BY i.reported_at DESC, i.id DESC LIMIT ?");
    args.add(Math.max(1, Math.min(MAX_ROWS, q.limit())));
    Map<Long, String> departmentCodes = teams.departmentCodes();
    return jdbc.query(sql.toString(), (rs, n) -> row(rs, departmentCodes), args.toArray());
  }

  private PartnerCase row(ResultSet rs, Map<Long, String> departmentCodes) throws SQLException {
    long departmentId = rs.getLong(11);
    String department = rs.wasNull() ? null : departmentCodes.get(departmentId);
    long addressId = rs.getLong(9);
    Long address = rs.wasNull() ? null : addressId;
    Instant reported = instant(rs.getTimestamp(12));
    Instant updated = instant(rs.getTimestamp(16));
    String action = rs.getString(17);
    return new PartnerCase(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        IncidentStatus.valueOf(rs.getString(5)),
        rs.getString(6),
        rs.getDouble(7),
        rs.getDouble(8),
        address,
        rs.getString(10),
        department,
        reported,
        updated == null ? reported : updated,
        instant(rs.getTimestamp(13)),
        instant(rs.getTimestamp(14)),
        rs.getString(15),
        action,
        publicNote(action, rs.getString(18), rs.getString(19)));
  }

  /**
   * What of a timeline entry a reporter may read: the handler's note, or the stated reason of a
   * cancellation or reopening. Routing reasons, returns and escalations stay internal.
   */
  private String publicNote(String action, String reason, String detail) {
    if (action == null) {
      return null;
    }
    if (detail != null && !detail.isBlank()) {
      try {
        JsonNode note = json.readTree(detail).get("note");
        if (note != null && note.isString() && !note.asString().isBlank()) {
          return note.asString();
        }
      } catch (tools.jackson.core.JacksonException e) {
        // not JSON: no note
      }
    }
    if ((action.equals("CANCEL") || action.equals("REOPEN")) && reason != null && !reason.isBlank()) {
      return reason;
    }
    return null;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
