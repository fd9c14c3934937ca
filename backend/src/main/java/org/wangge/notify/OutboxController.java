package org.wangge.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.security.CurrentUser;
import org.wangge.security.Role;
import org.wangge.web.InvalidInputException;

/**
 * {@code GET /api/notifications/outbox?state=pending|failed|delivered&limit=N} (ADMIN): the outbox
 * rows in that state, newest first, for operators watching the webhooks. Payloads are not listed.
 */
@RestController
class OutboxController {

  /** One outbox row as operators see it. */
  record OutboxRow(
      String deliveryId,
      String endpoint,
      String event,
      String action,
      String caseNumber,
      String role,
      Instant createdAt,
      int attempts,
      Instant nextAttemptAt,
      Instant deliveredAt,
      Integer lastStatus,
      String lastError) {}

  record OutboxPage(String state, int count, List<OutboxRow> rows) {}

  private final JdbcTemplate jdbc;
  private final CurrentUser currentUser;

  OutboxController(JdbcTemplate jdbc, CurrentUser currentUser) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/notifications/outbox")
  OutboxPage outbox(@RequestParam(required = false) String state, @RequestParam(required = false) String limit) {
    currentUser.requireRole("read the notification outbox", Role.ADMIN);
    String s = state == null || state.isBlank() ? "pending" : state.strip().toLowerCase(Locale.ROOT);
    String where =
        switch (s) {
          case "pending" -> "delivered_at IS NULL AND next_attempt_at IS NOT NULL";
          case "failed" -> "delivered_at IS NULL AND next_attempt_at IS NULL";
          case "delivered" -> "delivered_at IS NOT NULL";
          default -> throw new InvalidInputException("state", "'" + state + "' is not a state: use pending, failed or delivered");
        };
    int n = 100;
    if (limit != null && !limit.isBlank()) {
      try {
        n = Integer.parseInt(limit.strip());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > 1000) {
        throw new InvalidInputException("limit", "'" + limit + "' is not a number of rows from 1 to 1000");
      }
    }
    List<OutboxRow> rows =
        jdbc.query(
            "SELECT delivery_id, endpoint, event, action, case_number, recipient_role, created_at, attempts, next_attempt_at,"
                + " delivered_at, last_status, last_error FROM notification_outbox WHERE "
                + where
                + " ORDER BY id DESC FETCH FIRST " + n + " ROWS ONLY",
            (rs, i) ->
                new OutboxRow(
                    rs.getObject(1, java.util.UUID.class).toString(),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    instant(rs.getTimestamp(7)),
                    rs.getInt(8),
                    instant(rs.getTimestamp(9)),
                    instant(rs.getTimestamp(10)),
                    rs.getObject(11, Integer.class),
                    rs.getString(12)));
    return new OutboxPage(s, rows.size(), rows);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
