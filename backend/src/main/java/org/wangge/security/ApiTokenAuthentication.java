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
import org.springframework.transaction.support.TransactionTemplate;

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

  /** Checks a token: known, not revoked, not expired, its user enabled and not locked. */
  static final class Provider implements AuthenticationProvider {
    private final ApiTokenRepository tokens;
    private final UserAccountRepository users;
    private final TransactionTemplate transactions;

    Provider(ApiTokenRepository tokens, UserAccountRepository users, TransactionTemplate transactions) {
      this.tokens = tokens;
      this.users = users;
      this.transactions = transactions;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
      String secret = (String) authentication.getCredentials();
      Instant now = Instant.now();
      WanggeUser user =
          transactions.execute(
              tx -> {
                ApiToken token =
                    tokens
                        .findByTokenHash(UserAccounts.hash(secret))
                        .filter(t -> t.usableAt(now))
                        .orElseThrow(() -> new BadCredentialsException("The API token is unknown, revoked or expired."));
                tokens.touch(token.id(), now, now.minus(Duration.ofMinutes(1)));
                return WanggeUser.of(users.findById(token.userId()).orElseThrow());
              });
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
