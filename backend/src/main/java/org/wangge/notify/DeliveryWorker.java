package org.wangge.notify;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.wangge.security.AuditLog;
import org.wangge.team.ContactPhones;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the outbox. Every instance, every {@code wangge.notify.poll-interval}: claims up to {@code
 * batch-size} due rows with {@code SELECT … FOR UPDATE SKIP LOCKED} in a short transaction that
 * counts the attempt and leases them ({@code next_attempt_at = now + lease}), commits, POSTs them
 * concurrently with no transaction open, then records each outcome in its own short update: a 2xx
 * answer marks the row delivered; anything else (another status, a timeout, a refused connection)
 * schedules the next attempt by {@link Backoff}, or gives the row up as failed after {@code
 * max-attempts}. A crash between the send and the record leaves the lease to run out: the row is
 * sent again with the same delivery id (at least once). Two instances never hold the same row at
 * once, since a row is only claimed when its lease has run out.
 */
@Component
class DeliveryWorker {

  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

  private final NotifyProperties properties;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ContactPhones phones;
  private final AuditLog audit;
  private final JsonMapper json;
  private final HttpClient http;

  DeliveryWorker(
      NotifyProperties properties,
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      ContactPhones phones,
      AuditLog audit,
      JsonMapper json) {
    this.audit = audit;
    this.properties = properties;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.phones = phones;
    this.json = json;
    Duration connect = properties.webhooks().stream().map(NotifyProperties.Webhook::connectTimeout).max(Duration::compareTo).orElse(Duration.ofSeconds(5));
    this.http = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Scheduled(initialDelayString = "${wangge.notify.poll-interval:PT5S}", fixedDelayString = "${wangge.notify.poll-interval:PT5S}")
  void onSchedule() {
    if (properties.webhooks().isEmpty()) {
      return;
    }
    try {
      int sent;
      do {
        sent = deliverDue(Instant.now());
      } while (sent == properties.batchSize());
    } catch (RuntimeException e) {
      // The database may be away for a moment: leased rows come back when their lease runs out.
      log.warn("Notification delivery failed, will retry: {}", e.getMessage());
    }
  }

  /** A claimed row. */
  private record Claimed(long id, UUID deliveryId, String endpoint, String event, String payload, int attempts) {}

  /** Claims, sends and records one batch of rows due at {@code now}; returns how many were claimed. */
  int deliverDue(Instant now) {
    List<Claimed> batch = transactions.execute(tx -> claim(now));
    if (batch.isEmpty()) {
      return 0;
    }
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (Claimed row : batch) {
      sends.add(send(row));
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    return batch.size();
  }

  private List<Claimed> claim(Instant now) {
    List<Claimed> due =
        jdbc.query(
            """
            SELECT id, delivery_id, endpoint, event, payload, attempts FROM notification_outbox
            WHERE next_attempt_at <= ? AND delivered_at IS NULL
            ORDER BY next_attempt_at, id
            FETCH FIRST %d ROWS ONLY
            FOR UPDATE SKIP LOCKED""".formatted(properties.batchSize()),
            (rs, i) ->
                new Claimed(
                    rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6) + 1),
            Timestamp.from(now));
    Timestamp leaseEnd = Timestamp.from(now.plus(properties.lease()));
    for (Claimed row : due) {
      jdbc.update("UPDATE notification_outbox SET attempts = ?, next_attempt_at = ? WHERE id = ?", row.attempts(), leaseEnd, row.id());
    }
    return due;
  }

  private CompletableFuture<Void> send(Claimed row) {
    NotifyProperties.Webhook hook = properties.webhook(row.endpoint());
    if (hook == null) {
      record(row, null, "endpoint '" + row.endpoint() + "' is no longer configured (wangge.notify.webhooks[n].name)", true);
      return CompletableFuture.completedFuture(null);
    }
    byte[] body;
    try {
      body = body(row, hook).getBytes(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      record(row, null, "could not prepare the body: " + e.getMessage(), false);
      return CompletableFuture.completedFuture(null);
    }
    HttpRequest request =
        HttpRequest.newBuilder(hook.url())
            .timeout(hook.requestTimeout())
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Wangge-Webhook/1")
            .header("X-Wangge-Delivery", row.deliveryId().toString())
            .header("X-Wangge-Event", row.event())
            .header("X-Wangge-Attempt", Integer.toString(row.attempts()))
            .header("X-Wangge-Timestamp", Long.toString(Instant.now().getEpochSecond()))
            .header("X-Wangge-Signature", WebhookSignature.sign(hook.secret(), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              try {
                if (error != null) {
                  Throwable cause = error.getCause() != null ? error.getCause() : error;
                  record(row, null, cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), false);
                } else if (response.statusCode() / 100 == 2) {
                  delivered(row, response.statusCode());
                } else {
                  record(row, response.statusCode(), "HTTP " + response.statusCode(), false);
                }
              } catch (RuntimeException e) {
                log.warn("Could not record notification {} ({}): the lease will bring it back", row.deliveryId(), e.getMessage());
              }
              return null;
            });
  }

  /**
   * The stored payload, with phones in clear added to members and departments when the endpoint
   * asks for them (decrypted now, never stored).
   */
  private String body(Claimed row, NotifyProperties.Webhook hook) {
    if (!hook.includePhones()) {
      return row.payload();
    }
    JsonNode payload = json.readTree(row.payload());
    Set<String> members = new LinkedHashSet<>();
    Set<String> departments = new LinkedHashSet<>();
    for (JsonNode r : payload.path("recipients")) {
      String code = r.path("code").asString(null);
      if (code == null) {
        continue;
      }
      if ("MEMBER".equals(r.path("type").asString(""))) {
        members.add(code);
      } else if ("DEPARTMENT".equals(r.path("type").asString(""))) {
        departments.add(code);
      }
    }
    Map<String, String> memberPhones = phones.ofMembers(members);
    Map<String, String> departmentPhones = phones.ofDepartments(departments);
    List<String> revealed = new ArrayList<>();
    for (JsonNode r : payload.path("recipients")) {
      String code = r.path("code").asString(null);
      if (code != null && r instanceof ObjectNode o) {
        boolean member = "MEMBER".equals(r.path("type").asString(""));
        String phone = member ? memberPhones.get(code) : departmentPhones.get(code);
        o.put("phone", phone);
        if (phone != null) {
          revealed.add((member ? "member:" : "department:") + code + ".phone");
        }
      }
    }
    if (!revealed.isEmpty()) {
      // Phones leave the service in clear: on the audit trail like any unmasked read.
      JsonNode c = payload.path("case");
      audit.unmaskedRead(
          "notification", row.deliveryId().toString(), c.path("grid").asString(c.path("area").asString(null)), revealed);
    }
    return json.writeValueAsString(payload);
  }

  private void delivered(Claimed row, int status) {
    jdbc.update(
        "UPDATE notification_outbox SET delivered_at = ?, next_attempt_at = NULL, last_status = ?, last_error = NULL"
            + " WHERE id = ? AND delivered_at IS NULL",
        Timestamp.from(Instant.now()),
        status,
        row.id());
  }

  private void record(Claimed row, Integer status, String error, boolean giveUp) {
    boolean last = giveUp || row.attempts() >= properties.maxAttempts();
    Instant next = last ? null : Instant.now().plus(properties.backoff(row.attempts(), ThreadLocalRandom.current().nextDouble()));
    String text = error.length() > 1000 ? error.substring(0, 1000) : error;
    jdbc.update(
        "UPDATE notification_outbox SET next_attempt_at = ?, last_status = ?, last_error = ? WHERE id = ? AND delivered_at IS NULL",
        next == null ? null : Timestamp.from(next),
        status,
        text,
        row.id());
    if (last) {
      log.warn("Notification {} to '{}' failed for good after {} attempts: {}", row.deliveryId(), row.endpoint(), row.attempts(), text);
    } else {
      log.info("Notification {} to '{}' attempt {} failed ({}), next at {}", row.deliveryId(), row.endpoint(), row.attempts(), text, next);
    }
  }
}
