package org.wangge.security;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;

/**
 * Creates and changes user accounts and their API tokens; every change is audited in its own
 * transaction. Admins act only on users inside their jurisdiction; one outside answers as if it
 * did not exist.
 */
@Service
@Transactional
public class UserAccounts {

  /** The password of every demo user (README); the prod profile refuses to start while one is enabled. */
  public static final String DEMO_PASSWORD = "wangge-demo-2026";

  static final int MIN_PASSWORD_LENGTH = 12;
  static final String TOKEN_PREFIX = "wg_";
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,49}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserAccountRepository users;
  private final ApiTokenRepository tokens;
  private final PasswordEncoder passwords;
  private final AuditLog audit;
  private final JdbcTemplate jdbc;

  UserAccounts(
      UserAccountRepository users,
      ApiTokenRepository tokens,
      PasswordEncoder passwords,
      AuditLog audit,
      JdbcTemplate jdbc) {
    this.users = users;
    this.tokens = tokens;
    this.passwords = passwords;
    this.audit = audit;
    this.jdbc = jdbc;
  }

  /**
   * A new user.
   *
   * @param areaCode the area the user is bound to; {@code null} only for an ADMIN of everything
   * @param departmentCode required for a DEPARTMENT_OFFICER
   * @param memberCode the grid team member the user is, if any
   */
  public record NewUser(
      String username,
      String displayName,
      String password,
      Role role,
      String areaCode,
      String departmentCode,
      String memberCode) {}

  /** A user as admins see it (never the password hash). */
  public record UserView(
      long id,
      String username,
      String displayName,
      Role role,
      String roleName,
      String areaCode,
      String departmentCode,
      String memberCode,
      boolean enabled,
      boolean demo,
      int failedAttempts,
      Instant lockedUntil,
      Instant createdAt) {

    static UserView of(UserAccount u) {
      return new UserView(
          u.id(),
          u.username(),
          u.displayName(),
          u.role(),
          u.role().chineseName(),
          u.areaCode(),
          u.departmentCode(),
          u.memberCode(),
          u.enabled(),
          u.demo(),
          u.failedAttempts(),
          u.lockedUntil(),
          u.createdAt());
    }
  }

  public boolean isEmpty() {
    return users.count() == 0;
  }

  /** Creates the demo users that do not exist yet, as the system, with {@link #DEMO_PASSWORD}. */
  public int createDemoUsers(List<NewUser> demoUsers) {
    int created = 0;
    String hash = null;
    for (NewUser u : demoUsers) {
      if (users.findByUsername(u.username()).isPresent()) {
        continue;
      }
      if (hash == null) {
        hash = passwords.encode(DEMO_PASSWORD);
      }
      checkBinding(u.role(), u.areaCode(), u.departmentCode());
      var account =
          users.save(
              new UserAccount(
                  u.username(), u.displayName(), hash, u.role(), u.areaCode(), u.departmentCode(), u.memberCode(), true, Instant.now()));
      audit.change("USER_CREATED", "user", u.username(), u.areaCode(), null, UserView.of(account));
      created++;
    }
    return created;
  }

  /** Creates the first admin of a production system, bound to no area (sees everything). */
  void createBootstrapAdmin(String password) {
    checkPassword(password);
    var account =
        users.save(
            new UserAccount("admin", "系统管理员", passwords.encode(password), Role.ADMIN, null, null, null, false, Instant.now()));
    audit.change("USER_CREATED", "user", "admin", null, null, UserView.of(account));
  }

  UserView create(Jurisdiction by, NewUser u) {
    if (u.username() == null || !USERNAME.matcher(u.username()).matches()) {
      throw new InvalidInputException(
          "username", "must be 3 to 50 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
    }
    if (users.findByUsername(u.username()).isPresent()) {
      throw new InvalidInputException("username", "'" + u.username() + "' is taken");
    }
    if (u.displayName() == null || u.displayName().isBlank() || u.displayName().length() > 100) {
      throw new InvalidInputException("displayName", "is required, at most 100 characters");
    }
    if (u.role() == null) {
      throw new InvalidInputException("role", "is required: one of " + List.of(Role.values()));
    }
    checkPassword(u.password());
    checkBinding(u.role(), u.areaCode(), u.departmentCode());
    checkInside(by, u.areaCode());
    var account =
        users.save(
            new UserAccount(
                u.username(),
                u.displayName().strip(),
                passwords.encode(u.password()),
                u.role(),
                u.areaCode(),
                u.departmentCode(),
                u.memberCode(),
                false,
                Instant.now()));
    var view = UserView.of(account);
    audit.change("USER_CREATED", "user", u.username(), u.areaCode(), null, view);
    return view;
  }

  /** Changes of a user; {@code null} fields stay as they are. */
  public record UserChange(String displayName, Role role, String areaCode, String departmentCode, String memberCode, Boolean enabled) {}

  UserView update(Jurisdiction by, String username, UserChange change) {
    UserAccount account = inside(by, username);
    var before = UserView.of(account);
    Role role = change.role() == null ? account.role() : change.role();
    String area = change.areaCode() == null ? account.areaCode() : change.areaCode();
    String department = change.departmentCode() == null ? account.departmentCode() : change.departmentCode();
    if (change.displayName() != null && (change.displayName().isBlank() || change.displayName().length() > 100)) {
      throw new InvalidInputException("displayName", "must not be blank, at most 100 characters");
    }
    checkBinding(role, area, department);
    checkInside(by, area);
    if (account.username().equals(by.username()) && Boolean.FALSE.equals(change.enabled())) {
      throw new InvalidInputException("enabled", "you cannot disable your own account");
    }
    account.update(
        change.displayName() == null ? account.displayName() : change.displayName().strip(),
        role,
        area,
        department,
        change.memberCode() == null ? account.memberCode() : change.memberCode(),
        change.enabled() == null ? account.enabled() : change.enabled());
    var after = UserView.of(account);
    audit.change("USER_CHANGED", "user", username, area, before, after);
    return after;
  }

  UserView changePassword(Jurisdiction by, String username, String password) {
    UserAccount account = inside(by, username);
    checkPassword(password);
    account.changePassword(passwords.encode(password));
    audit.change("PASSWORD_CHANGED", "user", username, account.areaCode(), null, Map.of("demo", false));
    return UserView.of(account);
  }

  UserView unlock(Jurisdiction by, String username) {
    UserAccount account = inside(by, username);
    var before = UserView.of(account);
    account.unlock();
    var after = UserView.of(account);
    audit.change("USER_UNLOCKED", "user", username, account.areaCode(), before, after);
    return after;
  }

  @Transactional(readOnly = true)
  List<UserView> list(Jurisdiction by) {
    return users.findInside(by.likePattern()).stream().map(UserView::of).toList();
  }

  @Transactional(readOnly = true)
  UserView get(Jurisdiction by, String username) {
    return UserView.of(inside(by, username));
  }

  /** A token as listed: never the token itself. */
  record TokenView(long id, String username, String name, String prefix, String issuedBy, Instant issuedAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
    static TokenView of(ApiToken t, String username) {
      return new TokenView(t.id(), username, t.name(), t.prefix(), t.issuedBy(), t.issuedAt(), t.expiresAt(), t.revokedAt(), t.lastUsedAt());
    }
  }

  /** A token just issued: the only time the secret is shown. */
  record IssuedToken(TokenView token, String secret) {}

  IssuedToken issueToken(Jurisdiction by, String username, String name, Instant expiresAt) {
    UserAccount account = inside(by, username);
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new InvalidInputException("name", "is required (what the token is for), at most 100 characters");
    }
    if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
      throw new InvalidInputException("expiresAt", "must be in the future");
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    var token =
        tokens.save(
            new ApiToken(account.id(), name.strip(), hash(secret), secret.substring(0, 10), by.username(), Instant.now(), expiresAt));
    var view = TokenView.of(token, username);
    audit.change("TOKEN_ISSUED", "api_token", token.id().toString(), account.areaCode(), null, view);
    return new IssuedToken(view, secret);
  }

  @Transactional(readOnly = true)
  List<TokenView> tokens(Jurisdiction by, String username) {
    UserAccount account = inside(by, username);
    return tokens.findByUserIdOrderById(account.id()).stream().map(t -> TokenView.of(t, username)).toList();
  }

  Optional<TokenView> revokeToken(Jurisdiction by, long tokenId) {
    Optional<ApiToken> found = tokens.findById(tokenId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ApiToken token = found.get();
    UserAccount owner = users.findById(token.userId()).orElseThrow();
    if (!visible(by, owner)) {
      return Optional.empty();
    }
    var before = TokenView.of(token, owner.username());
    if (token.revokedAt() == null) {
      token.revoke(by.username(), Instant.now());
      audit.change("TOKEN_REVOKED", "api_token", token.id().toString(), owner.areaCode(), before, TokenView.of(token, owner.username()));
    }
    return Optional.of(TokenView.of(token, owner.username()));
  }

  /**
   * The signed-in user as {@code GET /api/me} shows it (also the {@code user} of a device sign-in).
   *
   * @param jurisdiction the area the user works in: code, name and level ({@code ALL} for an
   *     ADMIN of everything)
   */
  public record SignedInUser(
      String username,
      String displayName,
      Role role,
      String roleName,
      Map<String, String> jurisdiction,
      String departmentCode,
      String memberCode,
      boolean mayRevealContacts) {}

  /** The user behind a jurisdiction, as {@code GET /api/me} shows it. */
  @Transactional(readOnly = true)
  public SignedInUser signedIn(Jurisdiction j) {
    var view = get(j, j.username());
    return new SignedInUser(
        j.username(),
        view.displayName(),
        j.role(),
        j.role().chineseName(),
        j.everywhere() ? Map.of("code", "", "name", "全部", "level", "ALL") : areaLabel(j.areaCode()),
        j.departmentCode(),
        j.memberCode(),
        j.role().mayRevealContacts());
  }

  /** The user with this name if it lies inside {@code by}'s jurisdiction (as admins see users). */
  @Transactional(readOnly = true)
  public Optional<UserView> find(Jurisdiction by, String username) {
    return users.findByUsername(username).filter(u -> visible(by, u)).map(UserView::of);
  }

  /** Name and level of the current area with this code, for showing a user's jurisdiction. */
  @Transactional(readOnly = true)
  Map<String, String> areaLabel(String areaCode) {
    if (areaCode == null) {
      return null;
    }
    var rows =
        jdbc.queryForList("SELECT name, level FROM area WHERE code = ? AND valid_to IS NULL", areaCode);
    Map<String, String> label = new LinkedHashMap<>();
    label.put("code", areaCode);
    label.put("name", rows.isEmpty() ? null : (String) rows.getFirst().get("name"));
    label.put("level", rows.isEmpty() ? null : (String) rows.getFirst().get("level"));
    return label;
  }

  static String hash(String secret) {
    try {
      var digest = java.security.MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private UserAccount inside(Jurisdiction by, String username) {
    return users
        .findByUsername(username)
        .filter(u -> visible(by, u))
        .orElseThrow(() -> new NotFoundException("No user is called '" + username + "' in your jurisdiction."));
  }

  private static boolean visible(Jurisdiction by, UserAccount u) {
    return by.everywhere() || (u.areaCode() != null && by.covers(u.areaCode()));
  }

  private static void checkInside(Jurisdiction by, String areaCode) {
    if (!by.everywhere() && (areaCode == null || !by.covers(areaCode))) {
      throw new org.springframework.security.access.AccessDeniedException(
          "You may only bind users to areas inside your jurisdiction (" + by.areaCode() + ").");
    }
  }

  private void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 200) {
      throw new InvalidInputException("password", "must be " + MIN_PASSWORD_LENGTH + " to 200 characters");
    }
    if (password.equals(DEMO_PASSWORD)) {
      throw new InvalidInputException("password", "must not be the demo password");
    }
  }

  private void checkBinding(Role role, String areaCode, String departmentCode) {
    if (areaCode == null) {
      if (role != Role.ADMIN) {
        throw new InvalidInputException("areaCode", "is required: the area whose subtree the user works in");
      }
    } else {
      Integer found =
          jdbc.queryForObject("SELECT count(*) FROM area WHERE code = ? AND valid_to IS NULL", Integer.class, areaCode);
      if (found == null || found == 0) {
        throw new InvalidInputException("areaCode", "'" + areaCode + "' is not the code of a current area");
      }
    }
    if (role == Role.DEPARTMENT_OFFICER) {
      if (departmentCode == null) {
        throw new InvalidInputException("departmentCode", "is required for a DEPARTMENT_OFFICER");
      }
      Integer found = jdbc.queryForObject("SELECT count(*) FROM department WHERE code = ?", Integer.class, departmentCode);
      if (found == null || found == 0) {
        throw new InvalidInputException("departmentCode", "'" + departmentCode + "' is not the code of a department");
      }
    }
  }
}
