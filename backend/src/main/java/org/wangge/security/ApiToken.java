package org.wangge.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A personal API token: only its SHA-256 is kept, and the first characters to recognise it by. */
@Entity
@Table(name = "api_token")
class ApiToken {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "user_id")
  private long userId;

  private String name;

  @Column(name = "token_hash")
  private String tokenHash;

  private String prefix;

  @Column(name = "issued_by")
  private String issuedBy;

  @Column(name = "issued_at")
  private Instant issuedAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoked_by")
  private String revokedBy;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  protected ApiToken() {}

  ApiToken(long userId, String name, String tokenHash, String prefix, String issuedBy, Instant issuedAt, Instant expiresAt) {
    this.userId = userId;
    this.name = name;
    this.tokenHash = tokenHash;
    this.prefix = prefix;
    this.issuedBy = issuedBy;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
  }

  Long id() {
    return id;
  }

  long userId() {
    return userId;
  }

  String name() {
    return name;
  }

  String prefix() {
    return prefix;
  }

  String issuedBy() {
    return issuedBy;
  }

  Instant issuedAt() {
    return issuedAt;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  Instant revokedAt() {
    return revokedAt;
  }

  Instant lastUsedAt() {
    return lastUsedAt;
  }

  boolean usableAt(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }

  void revoke(String by, Instant at) {
    this.revokedAt = at;
    this.revokedBy = by;
  }
}
