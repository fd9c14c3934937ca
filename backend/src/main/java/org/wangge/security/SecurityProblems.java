package org.wangge.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.wangge.web.DatabaseOutage;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code 401} and {@code 403} for API clients as RFC 9457 problem details saying what to do ({@code
 * 503} with {@code Retry-After} when the credentials could not be checked because the database is
 * away). A
 * browser's own requests (marked {@code X-Requested-With}) get no {@code Basic} challenge, so no
 * password dialog pops up over the map.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final JsonMapper json;
  private final DatabaseOutage outage;

  SecurityProblems(JsonMapper json, DatabaseOutage outage) {
    this.json = json;
    this.outage = outage;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (DatabaseOutage.isOutage(e)) {
      // The credentials could not be checked: 503 so that the client retries, not 401 "bad credentials".
      outage.write(request, response, e);
      return;
    }
    String detail;
    if (e instanceof LockedException) {
      detail = "The account is locked after repeated failed sign-ins. Wait, or ask an administrator to unlock it.";
    } else if (e instanceof DisabledException) {
      detail = "The account is disabled. Ask an administrator.";
    } else if (request.getHeader("Authorization") != null) {
      detail = "The credentials were not accepted: " + e.getMessage();
    } else {
      detail =
          "Sign in first: a browser at /login; an API client with HTTP Basic or an API token "
              + "(Authorization: Bearer wg_…) that an administrator issues.";
    }
    if (request.getHeader("X-Requested-With") == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"Wangge\", charset=\"UTF-8\"");
    } else {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"Wangge\"");
    }
    write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail, "Authorization");
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    if (e instanceof CsrfException) {
      write(
          response,
          HttpStatus.FORBIDDEN,
          "CSRF token missing or wrong",
          "A request from a signed-in browser must carry the CSRF token: the X-XSRF-TOKEN header (or the "
              + "_csrf form field) with the value of the XSRF-TOKEN cookie. Reload the page and try again.",
          "X-XSRF-TOKEN");
      return;
    }
    write(response, HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
  }

  void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
    write(response, status, title, detail, null);
  }

  /** The problem, naming the field (header) at fault when there is one. */
  void write(HttpServletResponse response, HttpStatus status, String title, String detail, String field) throws IOException {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    if (field != null) {
      problem.setProperty("field", field);
    }
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(json.writeValueAsString(problem));
  }
}
