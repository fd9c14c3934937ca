package org.wangge.field;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.security.Role;
import org.wangge.security.UserAccounts;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;

/**
 * Device sign-in for a shift: {@code POST /api/devices} (password step, remembers the device),
 * {@code POST /api/devices/session} (sign in by the device token, which is rotated), {@code DELETE
 * /api/devices/current} (sign out and revoke); and the ADMIN's {@code GET /api/admin/devices} and
 * {@code DELETE /api/admin/devices/{id}}. Each sign-in also signs the browser session in, with a
 * new session id, as the form login does.
 */
@RestController
class DeviceController {

  /** The session attribute holding the id of the device the session was signed in from. */
  static final String DEVICE_ATTRIBUTE = DeviceController.class.getName() + ".deviceId";

  private final Devices devices;
  private final AuthenticationManager authentication;
  private final UserDetailsService users;
  private final UserAccounts accounts;
  private final CurrentUser currentUser;
  private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

  DeviceController(
      Devices devices,
      AuthenticationManager authentication,
      UserDetailsService users,
      UserAccounts accounts,
      CurrentUser currentUser) {
    this.devices = devices;
    this.authentication = authentication;
    this.users = users;
    this.accounts = accounts;
    this.currentUser = currentUser;
  }

  record PasswordSignIn(String username, String password, String deviceName) {}

  record TokenSignIn(String deviceToken) {}

  /** The answer to a sign-in: the device, its (new) token and who signed in. */
  record SignedIn(long deviceId, String deviceToken, Instant expiresAt, UserAccounts.SignedInUser user) {}

  @PostMapping("/api/devices")
  ResponseEntity<?> register(
      @RequestBody(required = false) PasswordSignIn body, HttpServletRequest request, HttpServletResponse response) {
    if (body == null) {
      throw new InvalidInputException("body", "is missing: send {\"username\", \"password\", \"deviceName\"} as JSON");
    }
    if (body.username() == null || body.username().isBlank()) {
      throw new InvalidInputException("username", "is required");
    }
    if (body.password() == null || body.password().isEmpty()) {
      throw new InvalidInputException("password", "is required");
    }
    String deviceName = body.deviceName() == null ? "" : body.deviceName().strip();
    if (deviceName.isEmpty() || deviceName.length() > 100) {
      throw new InvalidInputException("deviceName", "is required (what the phone is called), at most 100 characters");
    }
    Authentication signedIn;
    try {
      // The form login's own check: failures count toward the lock-out, a locked account is refused.
      signedIn = authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(body.username().strip(), body.password()));
    } catch (AuthenticationException e) {
      return refused(e);
    }
    signIn(signedIn, request, response);
    Jurisdiction j = currentUser.require();
    var issued = devices.register(j, deviceName, Instant.now());
    request.getSession().setAttribute(DEVICE_ATTRIBUTE, issued.deviceId());
    return ResponseEntity.created(URI.create("/api/devices/" + issued.deviceId()))
        .body(new SignedIn(issued.deviceId(), issued.deviceToken(), issued.expiresAt(), accounts.signedIn(j)));
  }

  @PostMapping("/api/devices/session")
  ResponseEntity<?> session(
      @RequestBody(required = false) TokenSignIn body, HttpServletRequest request, HttpServletResponse response) {
    if (body == null || body.deviceToken() == null || body.deviceToken().isBlank()) {
      throw new InvalidInputException("deviceToken", "is required");
    }
    var rotated = devices.rotate(body.deviceToken().strip(), Instant.now());
    UserDetails user;
    try {
      user = users.loadUserByUsername(rotated.username());
    } catch (UsernameNotFoundException e) {
      throw new DeviceRefused("DEVICE_UNKNOWN", "The device's user no longer exists.");
    }
    if (!user.isEnabled()) {
      return refused(new DisabledException("disabled"));
    }
    if (!user.isAccountNonLocked()) {
      return refused(new LockedException("locked"));
    }
    signIn(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()), request, response);
    Jurisdiction j = currentUser.require();
    devices.auditSignIn(rotated.deviceId(), j.areaCode());
    request.getSession().setAttribute(DEVICE_ATTRIBUTE, rotated.deviceId());
    var next = rotated.next();
    return ResponseEntity.ok(new SignedIn(next.deviceId(), next.deviceToken(), next.expiresAt(), accounts.signedIn(j)));
  }

  /** Signs out; the device the session was signed in from is revoked (its token stops working). */
  @DeleteMapping("/api/devices/current")
  ResponseEntity<Void> signOut(HttpServletRequest request) {
    Jurisdiction j = currentUser.require();
    HttpSession session = request.getSession(false);
    if (session != null) {
      if (session.getAttribute(DEVICE_ATTRIBUTE) instanceof Long deviceId) {
        devices.revoke(deviceId, j, "DEVICE_SIGNED_OUT", Instant.now());
      }
      session.invalidate();
    }
    SecurityContextHolder.clearContext();
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/admin/devices")
  List<Devices.DeviceView> list(@RequestParam(required = false) String username) {
    Jurisdiction admin = admin();
    String name = username == null || username.isBlank() ? null : username.strip();
    if (name != null && accounts.find(admin, name).isEmpty()) {
      throw new NotFoundException("No user is called '" + name + "' in your jurisdiction.");
    }
    return devices.list(admin, name);
  }

  @DeleteMapping("/api/admin/devices/{id}")
  Devices.DeviceView revoke(@PathVariable long id) {
    return devices
        .revoke(id, admin(), "DEVICE_REVOKED", Instant.now())
        .orElseThrow(() -> new NotFoundException("No device has id " + id + " in your jurisdiction."));
  }

  private Jurisdiction admin() {
    return currentUser.requireRole("list or revoke devices", Role.ADMIN);
  }

  /** Puts the user into a new security context saved in the session, under a new session id. */
  private void signIn(Authentication user, HttpServletRequest request, HttpServletResponse response) {
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(user);
    SecurityContextHolder.setContext(context);
    if (request.getSession(false) != null) {
      request.changeSessionId();
    } else {
      request.getSession(true);
    }
    sessions.saveContext(context, request, response);
  }

  /** A refused password step, as the form login refuses it (lock-out included). */
  private static ResponseEntity<ProblemDetail> refused(AuthenticationException e) {
    String code;
    String detail;
    if (e instanceof LockedException) {
      code = "ACCOUNT_LOCKED";
      detail = "The account is locked after repeated failed sign-ins. Wait, or ask an administrator to unlock it.";
    } else if (e instanceof DisabledException) {
      code = "ACCOUNT_DISABLED";
      detail = "The account is disabled. Ask an administrator.";
    } else {
      code = "BAD_CREDENTIALS";
      detail = "The username or password is wrong.";
    }
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
    problem.setTitle("Unauthorized");
    problem.setProperties(Map.of("code", code, "field", "password"));
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
  }
}
