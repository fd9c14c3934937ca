package org.wangge.field;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ends a session signed in from a device as soon as the device is revoked or expires: the next
 * request of that session is answered {@code 401} with the device's code ({@code DEVICE_REVOKED},
 * {@code DEVICE_EXPIRED}) and the session is invalidated. One primary-key lookup per request of a
 * device's session, no cache, so a revocation holds at once on every instance. Runs after the
 * security filters (a plain servlet filter); the sign-in requests themselves are let through, since
 * they replace the session.
 */
@Component
class DeviceSessionCheck extends OncePerRequestFilter {

  private static final Set<String> SIGN_IN = Set.of("/api/devices", "/api/devices/session");

  private final Devices devices;
  private final JsonMapper json;

  DeviceSessionCheck(Devices devices, JsonMapper json) {
    this.devices = devices;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(DeviceController.DEVICE_ATTRIBUTE) instanceof Long deviceId
        && !SIGN_IN.contains(request.getRequestURI().substring(request.getContextPath().length()))) {
      String refusal = devices.refusal(deviceId, Instant.now());
      if (refusal != null) {
        try {
          session.invalidate();
        } catch (IllegalStateException alreadyInvalidated) {
          // A concurrent request of the same session (a phone sends several at once) ended it first.
        }
        SecurityContextHolder.clearContext();
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        String detail =
            refusal.equals("DEVICE_REVOKED")
                ? "This device was revoked by an administrator. Sign in again with your password."
                : refusal.equals("DEVICE_EXPIRED")
                    ? "This device's sign-in expired. Sign in again with your password."
                    : "This device is not known. Sign in again with your password.";
        var problem = new java.util.LinkedHashMap<String, Object>();
        problem.put("type", "about:blank");
        problem.put("title", "Device not signed in");
        problem.put("status", HttpServletResponse.SC_UNAUTHORIZED);
        problem.put("detail", detail);
        problem.put("code", refusal);
        problem.put("field", "deviceToken");
        response.getWriter().write(json.writeValueAsString(problem));
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
