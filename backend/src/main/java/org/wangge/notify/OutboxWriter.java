package org.wangge.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.wangge.address.AddressService;
import org.wangge.incident.CaseSummaries;
import org.wangge.incident.CaseSummary;
import org.wangge.incident.IncidentChanged;
import org.wangge.security.Role;
import org.wangge.team.TeamService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the outbox rows for a case change, synchronously inside the transaction that made it (the
 * publisher's): the change and its notifications commit together or not at all. One row per webhook
 * that takes the event and per role it takes that has recipients for this case; each row gets its
 * own delivery id and its full JSON payload (without phones). Writes nothing when no webhook is
 * configured.
 */
@Component
class OutboxWriter {

  private final NotifyProperties properties;
  private final CaseSummaries cases;
  private final Recipients recipients;
  private final AddressService addresses;
  private final TeamService teams;
  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  OutboxWriter(
      NotifyProperties properties,
      CaseSummaries cases,
      Recipients recipients,
      AddressService addresses,
      TeamService teams,
      JdbcTemplate jdbc,
      JsonMapper json) {
    this.properties = properties;
    this.cases = cases;
    this.recipients = recipients;
    this.addresses = addresses;
    this.teams = teams;
    this.jdbc = jdbc;
    this.json = json;
  }

  @EventListener
  void on(IncidentChanged change) {
    NotificationEvent event = NotificationEvent.ofAction(change.action());
    if (event == null) {
      return;
    }
    List<NotifyProperties.Webhook> hooks = properties.webhooks().stream().filter(w -> w.events().contains(event)).toList();
    if (hooks.isEmpty()) {
      return;
    }
    CaseSummary c = cases.find(change.incidentId()).orElse(null);
    if (c == null) {
      return;
    }
    if (event == NotificationEvent.ASSIGNED && c.assigneeId() == null && c.departmentId() == null) {
      return; // a new case left in a centre's or community's queue is assigned to no one yet
    }
    Map<String, Object> caseJson = null;
    Map<Role, List<Recipients.Recipient>> byRole = new EnumMap<>(Role.class);
    Instant now = Instant.now();
    for (NotifyProperties.Webhook hook : hooks) {
      for (Role role : hook.roles()) {
        List<Recipients.Recipient> to = byRole.computeIfAbsent(role, r -> recipients.of(r, c));
        if (to.isEmpty()) {
          continue;
        }
        if (caseJson == null) {
          caseJson = caseJson(c);
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("deliveryId", id.toString());
        payload.put("event", event.name());
        payload.put("action", change.action());
        payload.put("occurredAt", change.at().toString());
        payload.put("role", role.name());
        payload.put("case", caseJson);
        payload.put("recipients", to);
        jdbc.update(
            """
            INSERT INTO notification_outbox (delivery_id, endpoint, event, action, incident_id, case_number, recipient_role, payload,
              created_at, attempts, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""",
            id,
            hook.name(),
            event.name(),
            change.action(),
            c.id(),
            c.number(),
            role.name(),
            json.writeValueAsString(payload),
            Timestamp.from(now),
            Timestamp.from(now));
      }
    }
  }

  private Map<String, Object> caseJson(CaseSummary c) {
    Map<String, Object> place = new LinkedHashMap<>();
    place.put("lon", c.lon());
    place.put("lat", c.lat());
    var label = c.addressId() == null ? null : addresses.labels(List.of(c.addressId())).get(c.addressId());
    place.put("addressCode", label == null ? null : label.code());
    place.put("address", label == null ? null : label.fullText());
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("code", c.categoryCode());
    item.put("name", c.categoryName());
    item.put("nameEn", c.categoryNameEn());
    Map<String, Object> department = null;
    if (c.departmentId() != null) {
      String code = teams.departmentCodes().get(c.departmentId());
      department = new LinkedHashMap<>();
      department.put("code", code);
      department.put("name", code == null ? null : teams.departmentNames().get(code));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("number", c.number());
    out.put("item", item);
    out.put("status", c.status());
    out.put("risk", c.risk());
    out.put("place", place);
    out.put("grid", c.gridCode());
    out.put("area", c.areaCode());
    out.put("ownerLevel", c.ownerLevel() == null ? "GRID" : c.ownerLevel());
    out.put("ownerArea", c.ownerCode());
    out.put("department", department);
    out.put("reportedAt", c.reportedAt() == null ? null : c.reportedAt().toString());
    out.put("deadline", c.dueAt() == null ? null : c.dueAt().toString());
    out.put("stage", c.stage());
    out.put("stageDeadline", c.stageDueAt() == null ? null : c.stageDueAt().toString());
    out.put("link", link(c.number()));
    return out;
  }

  private String link(String number) {
    String base = properties.publicUrl().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "/?case=" + java.net.URLEncoder.encode(number, java.nio.charset.StandardCharsets.UTF_8);
  }
}
