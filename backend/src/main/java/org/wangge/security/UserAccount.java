package org.wangge.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user account: credentials, role, the area (and department) it is bound to, lock-out state. */
@Entity
@Table(name = "app_user")
class UserAccount {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String username;

  @Column(name = "display_name")
  private String displayName;

  @Column(name = "password_hash")
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  private Role role;

  @Column(name = "area_code")
  private String areaCode;

  @Column(name = "department_code")
  private String departmentCode;

  @Column(name = "member_code")
  private String memberCode;

  private boolean enabled = true;

  /** Created with the demo password; the prod profile refuses to start while one is enabled. */
  private boolean demo;

  @Column(name = "failed_attempts")
  private int failedAttempts;

  @Column(name = "locked_until")
  private Instant lockedUntil;

  @Column(name = "created_at")
  private Instant createdAt;

  protected UserAccount() {}

  UserAccount(
      String username,
      String displayName,
      String passwordHash,
      Role role,
      String areaCode,
      String departmentCode,
      String memberCode,
      boolean demo,
      Instant createdAt) {
    this.username = username;
    this.displayName = displayName;
    this.passwordHash = passwordHash;
    this.role = role;
    this.areaCode = areaCode;
    this.departmentCode = departmentCode;
    this.memberCode = memberCode;
    this.demo = demo;
    this.createdAt = createdAt;
  }

  Jurisdiction jurisdiction() {
    return new Jurisdiction(id, username, role, areaCode, departmentCode, memberCode);
  }

  Long id() {
    return id;
  }

  String username() {
    return username;
  }

  String displayName() {
    return displayName;
  }

  String passwordHash() {
    return passwordHash;
  }

  Role role() {
    return role;
  }

  String areaCode() {
    return areaCode;
  }

  String departmentCode() {
    return departmentCode;
  }

  String memberCode() {
    return memberCode;
  }

  boolean enabled() {
    return enabled;
  }

  boolean demo() {
    return demo;
  }

  int failedAttempts() {
    return failedAttempts;
  }

  Instant lockedUntil() {
    return lockedUntil;
  }

  Instant createdAt() {
    return createdAt;
  }

  void changePassword(String hash) {
    this.passwordHash = hash;
    this.demo = false;
  }

  void update(String displayName, Role role, String areaCode, String departmentCode, String memberCode, boolean enabled) {
    this.displayName = displayName;
    this.role = role;
    this.areaCode = areaCode;
    this.departmentCode = departmentCode;
    this.memberCode = memberCode;
    this.enabled = enabled;
  }

  /** Counts a failed sign-in; returns whether this failure locked the account. */
  boolean failedSignIn(Instant now, int maxAttempts, java.time.Duration lockFor) {
    if (lockedUntil != null && !lockedUntil.isAfter(now)) {
      // The last lock has run out: count afresh.
      lockedUntil = null;
      failedAttempts = 0;
    }
    failedAttempts++;
    if (lockedUntil == null && maxAttempts > 0 && failedAttempts >= maxAttempts) {
      lockedUntil = now.plus(lockFor);
      return true;
    }
    return false;
  }

  void signedIn() {
    failedAttempts = 0;
    lockedUntil = null;
  }

  void unlock() {
    failedAttempts = 0;
    lockedUntil = null;
  }
}
