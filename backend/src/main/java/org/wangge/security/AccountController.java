package org.wangge.security;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;

/**
 * {@code GET /api/me} (who am I, what may I see); the ADMIN's {@code /api/admin/users} (list,
 * create, change, password, unlock) and personal API tokens (issue, list, revoke); and {@code GET
 * /api/audit}. Admins manage only users inside their jurisdiction.
 */
@RestController
class AccountController {

  private static final int MAX_AUDIT_PAGE = 500;

  private final UserAccounts accounts;
  private final CurrentUser currentUser;
  private final AuditLog audit;

  AccountController(UserAccounts accounts, CurrentUser currentUser, AuditLog audit) {
    this.accounts = accounts;
    this.currentUser = currentUser;
    this.audit = audit;
  }

  /** The signed-in user and their jurisdiction. */
  @GetMapping("/api/me")
  UserAccounts.SignedInUser me() {
    return accounts.signedIn(currentUser.require());
  }

  @GetMapping("/api/admin/users")
  List<UserAccounts.UserView> users() {
    return accounts.list(admin());
  }

  @PostMapping("/api/admin/users")
  ResponseEntity<UserAccounts.UserView> create(@RequestBody UserAccounts.NewUser user) {
    var created = accounts.create(admin(), user);
    return ResponseEntity.created(URI.create("/api/admin/users/" + created.username())).body(created);
  }

  @GetMapping("/api/admin/users/{username}")
  UserAccounts.UserView user(@PathVariable String username) {
    return accounts.get(admin(), username);
  }

  @PutMapping("/api/admin/users/{username}")
  UserAccounts.UserView update(@PathVariable String username, @RequestBody UserAccounts.UserChange change) {
    return accounts.update(admin(), username, change);
  }

  record PasswordChange(String password) {}

  @PostMapping("/api/admin/users/{username}/password")
  UserAccounts.UserView password(@PathVariable String username, @RequestBody PasswordChange change) {
    return accounts.changePassword(admin(), username, change.password());
  }

  @PostMapping("/api/admin/users/{username}/unlock")
  UserAccounts.UserView unlock(@PathVariable String username) {
    return accounts.unlock(admin(), username);
  }

  @GetMapping("/api/admin/users/{username}/tokens")
  List<UserAccounts.TokenView> tokens(@PathVariable String username) {
    return accounts.tokens(admin(), username);
  }

  record TokenRequest(String name, Instant expiresAt) {}

  @PostMapping("/api/admin/users/{username}/tokens")
  ResponseEntity<UserAccounts.IssuedToken> issue(@PathVariable String username, @RequestBody TokenRequest request) {
    var issued = accounts.issueToken(admin(), username, request.name(), request.expiresAt());
    return ResponseEntity.created(URI.create("/api/admin/tokens/" + issued.token().id())).body(issued);
  }

  @DeleteMapping("/api/admin/tokens/{id}")
  UserAccounts.TokenView revoke(@PathVariable long id) {
    return accounts
        .revokeToken(admin(), id)
        .orElseThrow(() -> new NotFoundException("No API token has id " + id + " in your jurisdiction."));
  }

  @GetMapping("/api/audit")
  List<AuditLog.Event> audit(
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String entityType,
      @RequestParam(required = false) String entityId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size) {
    if (page < 0) {
      throw new InvalidInputException("page", "must be 0 or more");
    }
    if (size < 1 || size > MAX_AUDIT_PAGE) {
      throw new InvalidInputException("size", "must be between 1 and " + MAX_AUDIT_PAGE);
    }
    return audit.search(
        admin(),
        new AuditLog.Query(blank(actor), blank(action), blank(entityType), blank(entityId), InvalidInputException.instant("from", from), InvalidInputException.instant("to", to)),
        page,
        size);
  }

  private Jurisdiction admin() {
    return currentUser.requireRole("manage users or read the audit trail", Role.ADMIN);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
