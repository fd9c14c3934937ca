package org.wangge.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user as Spring Security holds it: the account's state and its jurisdiction. */
final class WanggeUser implements UserDetails, CredentialsContainer {

  private final Jurisdiction jurisdiction;
  private final String displayName;
  private String passwordHash;
  private final boolean enabled;
  private final Instant lockedUntil;

  WanggeUser(Jurisdiction jurisdiction, String displayName, String passwordHash, boolean enabled, Instant lockedUntil) {
    this.jurisdiction = jurisdiction;
    this.displayName = displayName;
    this.passwordHash = passwordHash;
    this.enabled = enabled;
    this.lockedUntil = lockedUntil;
  }

  static WanggeUser of(UserAccount account) {
    return new WanggeUser(
        account.jurisdiction(),
        account.displayName(),
        account.passwordHash(),
        account.enabled(),
        account.lockedUntil());
  }

  Jurisdiction jurisdiction() {
    return jurisdiction;
  }

  String displayName() {
    return displayName;
  }

  Instant lockedUntil() {
    return lockedUntil;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority(jurisdiction.role().authority()));
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return jurisdiction.username();
  }

  @Override
  public boolean isAccountNonLocked() {
    return lockedUntil == null || !lockedUntil.isAfter(Instant.now());
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public void eraseCredentials() {
    passwordHash = null;
  }

  @Override
  public String toString() {
    return "WanggeUser[" + jurisdiction.username() + ", " + jurisdiction.role() + "]";
  }
}
