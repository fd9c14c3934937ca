package org.wangge.security;

import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The user behind the current request, and checks of what they may do. */
@Component
public class CurrentUser {

  /** The signed-in user's jurisdiction, or empty for an anonymous caller. */
  public Optional<Jurisdiction> jurisdiction() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof WanggeUser user) {
      return Optional.of(user.jurisdiction());
    }
    return Optional.empty();
  }

  /** The signed-in user's jurisdiction; an anonymous caller is answered {@code 401}. */
  public Jurisdiction require() {
    return jurisdiction()
        .orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Sign in first."));
  }

  /** The signed-in user, who must have one of the roles, or {@code 403}. */
  public Jurisdiction requireRole(String action, Role... roles) {
    Jurisdiction j = require();
    if (!j.hasRole(roles)) {
      throw new AccessDeniedException(
          "A " + j.role() + " may not " + action + "; it needs the role " + java.util.Arrays.toString(roles) + ".");
    }
    return j;
  }

  /** Who is acting, for the audit trail: the username, or {@code anonymous}/{@code system}. */
  static String actor() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null) {
      return "system";
    }
    if (auth.getPrincipal() instanceof WanggeUser user) {
      return user.getUsername();
    }
    return "anonymous";
  }

  static Role actorRole() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null && auth.getPrincipal() instanceof WanggeUser user ? user.jurisdiction().role() : null;
  }
}
