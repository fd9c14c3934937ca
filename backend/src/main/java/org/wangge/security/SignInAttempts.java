package org.wangge.security;

import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lock-out: counts consecutive failed password sign-ins per account (row-locked, so parallel
 * guesses count one by one) and locks the account for {@code wangge.security.lock-duration} after
 * {@code wangge.security.max-failed-sign-ins}; a successful sign-in resets the count. The lock is
 * audited. Unknown usernames are not recorded.
 */
@Component
class SignInAttempts {

  private static final Logger log = LoggerFactory.getLogger(SignInAttempts.class);

  private final UserAccountRepository users;
  private final SecurityProperties properties;
  private final TransactionTemplate transactions;
  private final AuditLog audit;

  SignInAttempts(UserAccountRepository users, SecurityProperties properties, TransactionTemplate transactions, AuditLog audit) {
    this.users = users;
    this.properties = properties;
    this.transactions = transactions;
    this.audit = audit;
  }

  @EventListener
  void failed(AuthenticationFailureBadCredentialsEvent event) {
    if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)) {
      return;
    }
    String username = event.getAuthentication().getName();
    transactions.executeWithoutResult(
        tx ->
            users
                .findByUsernameForUpdate(username)
                .ifPresent(
                    account -> {
                      Instant now = Instant.now();
                      if (account.failedSignIn(now, properties.maxFailedSignIns(), properties.lockDuration())) {
                        log.warn("Account {} locked until {} after {} failed sign-ins", username, account.lockedUntil(), account.failedAttempts());
                        audit.change(
                            "ACCOUNT_LOCKED",
                            "user",
                            username,
                            account.areaCode(),
                            null,
                            Map.of("failedAttempts", account.failedAttempts(), "lockedUntil", account.lockedUntil().toString()));
                      }
                    }));
  }

  @EventListener
  void succeeded(AuthenticationSuccessEvent event) {
    if (!(event.getAuthentication().getPrincipal() instanceof WanggeUser user)
        || !(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)) {
      return;
    }
    // Only write when there is something to reset: HTTP Basic signs in on every request.
    transactions.executeWithoutResult(
        tx ->
            users.findByUsername(user.getUsername())
                .filter(a -> a.failedAttempts() > 0 || a.lockedUntil() != null)
                .ifPresent(UserAccount::signedIn));
  }
}
