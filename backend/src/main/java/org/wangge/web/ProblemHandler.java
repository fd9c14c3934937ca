package org.wangge.web;

import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns failures into RFC 9457 problem details. Ordered before Spring's own handler so that bad
 * parameters always name the field.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalidInput(InvalidInputException e) {
    return invalid(e.field(), e.getMessage());
  }

  /** A forbidden action (the caller is known, or the action needs a role): 403, saying why. */
  @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
  ResponseEntity<ProblemDetail> forbidden(org.springframework.security.access.AccessDeniedException e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("Forbidden");
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Not found");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ProblemDetail missing(MissingServletRequestParameterException e) {
    return invalid(e.getParameterName(), "is required (" + e.getParameterType() + ")");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
    Class<?> type = e.getRequiredType();
    String expected =
        type == null
            ? "a valid value"
            : type.isEnum()
                ? "one of " + List.of(type.getEnumConstants())
                : "a " + type.getSimpleName().toLowerCase();
    return invalid(e.getName(), "must be " + expected + ", got '" + e.getValue() + "'");
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
      String field =
          databind.getPath().stream()
              .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."));
      return invalid(field, "has the wrong type or format: " + databind.getOriginalMessage());
    }
    String reason = cause instanceof JacksonException json ? json.getOriginalMessage() : "the body could not be read";
    return invalid("body", "is not valid JSON: " + reason);
  }

  private final org.springframework.util.unit.DataSize importLimit;

  ProblemHandler(
      @org.springframework.beans.factory.annotation.Value("${wangge.exchange.max-upload-size:1GB}")
          org.springframework.util.unit.DataSize importLimit) {
    this.importLimit = importLimit;
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ProblemDetail tooLarge(MaxUploadSizeExceededException e, jakarta.servlet.http.HttpServletRequest request) {
    drainUnreadBody(request);
    if (request.getRequestURI().startsWith("/api/imports")) {
      // GIS imports (org.wangge.exchange): one part 'file' up to wangge.exchange.max-upload-size.
      long bytes = importLimit.toBytes();
      String limit = bytes % (1L << 30) == 0 ? (bytes >> 30) + " GB" : bytes % (1L << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " bytes";
      var problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.CONTENT_TOO_LARGE,
              "The file is larger than " + limit + " (limit wangge.exchange.max-upload-size); split the file or raise the limit.");
      problem.setTitle("Upload too large");
      problem.setProperties(Map.of("field", "file", "limitBytes", bytes));
      return problem;
    }
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONTENT_TOO_LARGE,
            "The upload is too large: at most 6 photos of 5 MB each, 40 MB in all.");
    problem.setTitle("Upload too large");
    problem.setProperties(Map.of("field", "photos"));
    return problem;
  }

  /** The most of a refused upload read and thrown away so that the client can read the 413. */
  private static final long DRAIN_LIMIT_BYTES = 64L << 20;

  /**
   * Reads (up to {@value #DRAIN_LIMIT_BYTES} bytes of) what is left of a refused upload. Tomcat closes
   * the connection after a 413; were the rest of the body still unread, the close would reset the
   * connection and the client (a browser, the CLI) would see a network error instead of the answer.
   */
  private static void drainUnreadBody(jakarta.servlet.http.HttpServletRequest request) {
    try (var in = request.getInputStream()) {
      byte[] buffer = new byte[64 * 1024];
      long read = 0;
      int n;
      while (read < DRAIN_LIMIT_BYTES && (n = in.read(buffer)) > 0) {
        read += n;
      }
    } catch (java.io.IOException | IllegalStateException e) {
      log.debug("Could not drain a refused upload: {}", e.toString());
    }
  }

  // A database outage (503 with Retry-After) is answered by DatabaseOutageResolver, before these.

  private static ProblemDetail invalid(String field, String message) {
    var problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "'" + field + "' " + message);
    problem.setTitle("Invalid input");
    problem.setProperties(Map.of("field", field));
    return problem;
  }
}
