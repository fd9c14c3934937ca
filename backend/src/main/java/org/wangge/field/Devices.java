package org.wangge.field;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.security.AuditLog;
import org.wangge.security.Jurisdiction;

/**
 * Devices remembered for sign-in. A device token ({@code wgd_} and 43 URL-safe characters, 256
 * random bits) is shown once, when issued, and stored only as its SHA-256. Every use replaces it
 * by a new one; the token just replaced is accepted once more within {@code
 * wangge.field.device-token-grace}. A device expires {@code wangge.field.device-token-ttl} after
 * the password step (rotation does not extend it) and stops at once when revoked. Row-locked, so a
 * token is rotated once however many requests race with it.
 */
@Service
class Devices {

  static final String TOKEN_PREFIX = "wgd_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final AuditLog audit;
  private final FieldProperties properties;

  Devices(JdbcTemplate jdbc, AuditLog audit, FieldProperties properties) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.properties = properties;
  }

  /** A device as admins see it (never its token). */
  record DeviceView(
      long id, String username, String deviceName, Instant createdAt, Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {}

  /** A token just issued: the only time it is seen. */
  record Issued(long deviceId, String deviceToken, Instant expiresAt) {}

  /** A device signed in by its token: who it belongs to and its next token. */
  record Rotated(long deviceId, String username, Issued next) {}

  /** Registers a device for the user who just signed in with a password (audited). */
  @Transactional
  Issued register(Jurisdiction user, String deviceName, Instant now) {
    String token = newToken();
    Instant expiresAt = now.plus(properties.deviceTokenTtl());
    jdbc.update(
        """
        INSERT INTO device (user_id, username, area_code, device_name, token_hash, created_at, last_used_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        user.userId(), user.username(), user.areaCode(), deviceName, hash(token), Timestamp.from(now), Timestamp.from(now),
        Timestamp.from(expiresAt));
    long id = jdbc.queryForObject("SELECT id FROM device WHERE token_hash = ?", Long.class, hash(token));
    audit.change("DEVICE_SIGNED_IN", "device", Long.toString(id), user.areaCode(), null, view(id).orElseThrow());
    return new Issued(id, token, expiresAt);
  }

  private record Row(long id, String username, String areaCode, String tokenHash, Instant previousValidUntil, Instant expiresAt, Instant revokedAt) {}

  /**
   * Checks a device token and replaces it by a new one.
   *
   * @throws DeviceRefused unknown (also a replaced token outside its grace), revoked or expired
   */
  @Transactional(noRollbackFor = DeviceRefused.class)
  Rotated rotate(String token, Instant now) {
    if (token == null || !token.startsWith(TOKEN_PREFIX)) {
      throw new DeviceRefused("DEVICE_UNKNOWN", "This is not a device token (they start with wgd_). Sign in again with your password.");
    }
    String hash = hash(token);
    boolean current = true;
    Optional<Row> found = lock("token_hash", hash);
    if (found.isEmpty()) {
      current = false;
      found = lock("previous_token_hash", hash);
    }
    Row row =
        found.orElseThrow(
            () -> new DeviceRefused("DEVICE_UNKNOWN", "This device is not known. Sign in again with your password."));
    if (row.revokedAt() != null) {
      throw new DeviceRefused(
          "DEVICE_REVOKED", "This device was signed out or revoked by an administrator at " + row.revokedAt() + ". Sign in again with your password.");
    }
    if (!row.expiresAt().isAfter(now)) {
      throw new DeviceRefused(
          "DEVICE_EXPIRED", "This device's sign-in expired at " + row.expiresAt() + ". Sign in again with your password.");
    }
    String next = newToken();
    if (current) {
      jdbc.update(
          "UPDATE device SET previous_token_hash = token_hash, previous_valid_until = ?, token_hash = ?, last_used_at = ? WHERE id = ?",
          Timestamp.from(now.plus(properties.deviceTokenGrace())), hash(next), Timestamp.from(now), row.id());
    } else if (row.previousValidUntil() != null && now.isBefore(row.previousValidUntil())) {
      // The answer to the last rotation was lost: accept its token once, and forget the grace.
      jdbc.update(
          "UPDATE device SET previous_valid_until = NULL, token_hash = ?, last_used_at = ? WHERE id = ?",
          hash(next), Timestamp.from(now), row.id());
    } else {
      throw new DeviceRefused(
          "DEVICE_UNKNOWN", "This device token was replaced by a newer one. Sign in again with your password.");
    }
    return new Rotated(row.id(), row.username(), new Issued(row.id(), next, row.expiresAt()));
  }

  /** Records in the audit trail that the signed-in user's device signed in by its token. */
  @Transactional
  void auditSignIn(long deviceId, String areaCode) {
    audit.change("DEVICE_SESSION", "device", Long.toString(deviceId), areaCode, null, view(deviceId).orElseThrow());
  }

  private Optional<Row> lock(String column, String hash) {
    return jdbc.query(
            "SELECT id, username, area_code, token_hash, previous_valid_until, expires_at, revoked_at FROM device WHERE "
                + column + " = ? FOR UPDATE",
            (rs, i) ->
                new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5), instant(rs, 6), instant(rs, 7)),
            hash)
        .stream()
        .findFirst();
  }

  /**
   * Revokes a device (sign-out by the device itself, or an ADMIN's revocation); audited. Revoking
   * a revoked device changes nothing.
   *
   * @param action {@code DEVICE_SIGNED_OUT} or {@code DEVICE_REVOKED}
   * @return the device, or empty when it is not visible to {@code by}
   */
  @Transactional
  Optional<DeviceView> revoke(long id, Jurisdiction by, String action, Instant now) {
    var area = jdbc.query("SELECT area_code FROM device WHERE id = ? FOR UPDATE", (rs, i) -> Optional.ofNullable(rs.getString(1)), id);
    if (area.isEmpty()) {
      return Optional.empty();
    }
    String areaCode = area.getFirst().orElse(null);
    if (!by.everywhere() && (areaCode == null || !by.covers(areaCode))) {
      return Optional.empty();
    }
    DeviceView before = view(id).orElseThrow();
    if (before.revokedAt() == null) {
      jdbc.update("UPDATE device SET revoked_at = ?, revoked_by = ? WHERE id = ?", Timestamp.from(now), by.username(), id);
      audit.change(action, "device", Long.toString(id), areaCode, before, view(id).orElseThrow());
    }
    return view(id);
  }

  /** Whether a device still signs in: {@code null} if so, else the refusal's code. */
  @Transactional(readOnly = true)
  String refusal(long id, Instant now) {
    var rows =
        jdbc.query(
            "SELECT revoked_at, expires_at FROM device WHERE id = ?",
            (rs, i) -> {
              if (rs.getTimestamp(1) != null) {
                return "DEVICE_REVOKED";
              }
              return rs.getTimestamp(2).toInstant().isAfter(now) ? "" : "DEVICE_EXPIRED";
            },
            id);
    if (rows.isEmpty()) {
      return "DEVICE_UNKNOWN";
    }
    return rows.getFirst().isEmpty() ? null : rows.getFirst();
  }

  /** The devices of users inside the jurisdiction ({@code username}'s only, when given), newest first. */
  @Transactional(readOnly = true)
  List<DeviceView> list(Jurisdiction by, String username) {
    var sql = new StringBuilder(COLUMNS + " WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (!by.everywhere()) {
      sql.append(" AND area_code LIKE ?");
      args.add(by.likePattern());
    }
    if (username != null) {
      sql.append(" AND username = ?");
      args.add(username);
    }
    sql.append(" ORDER BY id DESC LIMIT 500");
    return jdbc.query(sql.toString(), (rs, i) -> view(rs), args.toArray());
  }

  private static final String COLUMNS =
      "SELECT id, username, device_name, created_at, last_used_at, expires_at, revoked_at FROM device";

  private Optional<DeviceView> view(long id) {
    return jdbc.query(COLUMNS + " WHERE id = ?", (rs, i) -> view(rs), id).stream().findFirst();
  }

  private static DeviceView view(ResultSet rs) throws SQLException {
    return new DeviceView(
        rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5), instant(rs, 6), instant(rs, 7));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static String newToken() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** The SHA-256 of a token, hex: what is stored. */
  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
