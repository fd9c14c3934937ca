package org.wangge.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.authentication.AuthenticationConverter;
import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

/** Personal API tokens: {@code Authorization: Bearer wg_…}, looked up by their SHA-256. */
final class ApiTokenAuthentication {

  private ApiTokenAuthentication() {}

  /** A bearer token before and after it is checked. */
  static final class TokenAuthentication extends AbstractAuthenticationToken {
    private final String secret;
    private final WanggeUser user;

    TokenAuthentication(String secret) {
      super((Collection<? extends GrantedAuthority>) null);
      this.secret = secret;
      this.user = null;
      setAuthenticated(false);
    }

    TokenAuthentication(WanggeUser user) {
      super(user.getAuthorities());
      this.secret = null;
      this.user = user;
      setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
      return secret;
    }

    @Override
    public Object getPrincipal() {
      return user;
    }

    @Override
    public String getName() {
      return user == null ? "token" : user.getUsername();
    }
  }

  /** Reads {@code Authorization: Bearer wg_…}; other schemes are left to other filters. */
  static final class Converter implements AuthenticationConverter {
    @Override
    public Authentication convert(HttpServletRequest request) {
      String header = request.getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return null;
      }
      String secret = header.substring(7).strip();
      if (!secret.startsWith(UserAccounts.TOKEN_PREFIX)) {
        throw new BadCredentialsException("The bearer token is not a Wangge API token (they start with wg_).");
      }
      return new TokenAuthentication(secret);
    }
  }

  /**
   * Checks a token: known, not revoked, not expired, its user enabled and not locked. One indexed
   * query per request (token joined to its user), no cache, so a revocation holds at once on every
   * instance; the token's last use is written at most once a minute.
   */
  static final class Provider implements AuthenticationProvider {
    private final JdbcTemplate jdbc;

    Provider(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    private record Row(WanggeUser user, long tokenId, Instant lastUsedAt) {}

    @Override
    public Authentication authenticate(Authentication authentication) {
      try {
        return check((String) authentication.getCredentials());
      } catch (DataAccessException e) {
        // Not a verdict on the token: the sign-in filter answers 503 (database away), never 500 or 401.
        throw new InternalAuthenticationServiceException("The API token could not be checked: " + e.getMessage(), e);
      }
    }

    private Authentication check(String secret) {
      Instant now = Instant.now();
      Row row =
          jdbc.query(
                  """
                  SELECT t.id, t.last_used_at, u.id, u.username, u.role, u.area_code, u.department_code,
                         u.member_code, u.display_name, u.enabled, u.locked_until
                  FROM api_token t JOIN app_user u ON u.id = t.user_id
                  WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)""",
                  (rs, i) -> {
                    Timestamp lastUsed = rs.getTimestamp(2);
                    Timestamp locked = rs.getTimestamp(11);
                    var jurisdiction =
                        new Jurisdiction(
                            rs.getLong(3),
                            rs.getString(4),
                            Role.valueOf(rs.getString(5)),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8));
                    return new Row(
                        new WanggeUser(jurisdiction, rs.getString(9), null, rs.getBoolean(10), locked == null ? null : locked.toInstant()),
                        rs.getLong(1),
                        lastUsed == null ? null : lastUsed.toInstant());
                  },
                  UserAccounts.hash(secret),
                  Timestamp.from(now))
              .stream()
              .findFirst()
              .orElseThrow(() -> new BadCredentialsException("The API token is unknown, revoked or expired."));
      if (row.lastUsedAt() == null || row.lastUsedAt().isBefore(now.minus(Duration.ofMinutes(1)))) {
        jdbc.update("UPDATE api_token SET last_used_at = ? WHERE id = ?", Timestamp.from(now), row.tokenId());
      }
      WanggeUser user = row.user();
      if (!user.isEnabled()) {
        throw new DisabledException("The token's user is disabled.");
      }
      if (!user.isAccountNonLocked()) {
        throw new LockedException("The token's user is locked until " + user.lockedUntil() + ".");
      }
      return new TokenAuthentication(user);
    }

    @Override
    public boolean supports(Class<?> authentication) {
      return TokenAuthentication.class.isAssignableFrom(authentication);
    }
  }
}
