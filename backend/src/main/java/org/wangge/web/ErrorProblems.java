package org.wangge.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page ({@code /error}, where the servlet container forwards a {@code sendError}: the
 * security firewall's refusals, a servlet's error) answers an RFC 9457 problem naming what is at
 * fault, instead of Spring Boot's {@code {timestamp, status, error, path}} or its HTML page.
 */
@RestController
class ErrorProblems implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ErrorProblems.class);

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    String field =
        switch (status.value()) {
          case 400, 404, 414 -> "path";
          case 405 -> "method";
          case 406 -> "Accept";
          case 413 -> "body";
          case 415 -> "Content-Type";
          case 401 -> "Authorization";
          default -> status.is4xxClientError() ? "request" : null;
        };
    String detail =
        status.is5xxServerError()
            ? "Something went wrong on the server. Nothing you sent was at fault; try again later."
            : message instanceof String m && !m.isBlank() ? m : status.getReasonPhrase();
    if (status.is4xxClientError()) {
      log.warn("Refused {} {}: {} ({})", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), status.value(), detail, field);
    }
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(status.getReasonPhrase());
    if (field != null) {
      problem.setProperty("field", field);
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
