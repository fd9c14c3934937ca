package org.wangge.web;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import tools.jackson.core.JacksonException;
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
  ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
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
  ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
    return invalid(e.getParameterName(), "is required (" + e.getParameterType() + ")");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
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
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Utf8Bodies.MalformedUtf8 malformed) {
        return invalid("body", malformed.getMessage());
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JacksonException json) {
        InvalidInputException named = InvalidInputException.json("body", json);
        return invalid(named.field(), named.getMessage());
      }
    }
    return invalid("body", "could not be read: " + e.getMostSpecificCause().getMessage());
  }

  // --- bad requests refused by Spring MVC itself (badinput: docs/bad-input.md) ------------------

  /** A multipart body that does not parse: no boundary, a boundary too long, a truncated body, a bad file name. */
  @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
  ResponseEntity<ProblemDetail> badMultipart(
      org.springframework.web.multipart.MultipartException e, jakarta.servlet.http.HttpServletRequest request) {
    Throwable root = e.getMostSpecificCause();
    String reason = String.valueOf(root.getMessage());
    String files = request.getRequestURI().startsWith("/api/imports") ? "file" : "photos";
    if (root.getClass().getSimpleName().equals("InvalidFileNameException")) {
      return invalid(files, "has a file name with characters a file name may not hold (such as NUL)");
    }
    if (reason.contains("boundary") || reason.contains("buffer size")) {
      return invalid("Content-Type", "must be multipart/form-data with a boundary of 1 to 70 characters (RFC 2046)");
    }
    return invalid("body", "is not a complete multipart/form-data body: " + reason);
  }

  @ExceptionHandler(org.springframework.web.HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> unsupportedType(org.springframework.web.HttpMediaTypeNotSupportedException e) {
    return client(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type",
        "'Content-Type' " + e.getContentType() + " is not accepted here; send one of " + e.getSupportedMediaTypes(), null);
  }

  @ExceptionHandler(org.springframework.web.HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable(org.springframework.web.HttpMediaTypeNotAcceptableException e) {
    return client(HttpStatus.NOT_ACCEPTABLE, "Accept",
        "'Accept' asks for a type this endpoint does not answer; it answers " + e.getSupportedMediaTypes(), null);
  }

  @ExceptionHandler(org.springframework.web.HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> wrongMethod(org.springframework.web.HttpRequestMethodNotSupportedException e) {
    return client(HttpStatus.METHOD_NOT_ALLOWED, "method",
        "'method' " + e.getMethod() + " is not allowed here; allowed: " + e.getSupportedHttpMethods(), e.getSupportedHttpMethods());
  }

  @ExceptionHandler(org.springframework.web.servlet.resource.NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noSuchPath(org.springframework.web.servlet.resource.NoResourceFoundException e) {
    return client(HttpStatus.NOT_FOUND, "path", "'path' /" + e.getResourcePath() + " is nothing this server has", null);
  }

  @ExceptionHandler(org.springframework.web.bind.MissingRequestHeaderException.class)
  ResponseEntity<ProblemDetail> missingHeader(org.springframework.web.bind.MissingRequestHeaderException e) {
    return invalid(e.getHeaderName(), "header is required");
  }

  @ExceptionHandler(org.springframework.web.multipart.support.MissingServletRequestPartException.class)
  ResponseEntity<ProblemDetail> missingPart(org.springframework.web.multipart.support.MissingServletRequestPartException e) {
    return invalid(e.getRequestPartName(), "part is required");
  }

  private static ResponseEntity<ProblemDetail> client(HttpStatus status, String field, String detail, java.util.Set<org.springframework.http.HttpMethod> allow) {
    log.warn("Bad request ({}): {}", status.value(), detail);
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(status.getReasonPhrase());
    problem.setProperty("field", field);
    var response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (allow != null) {
      response.allow(allow.toArray(org.springframework.http.HttpMethod[]::new));
    }
    return response.body(problem);
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

  /**
   * 400 naming the field, always as problem+json (also where the endpoint produces something else,
   * such as the live feed's event stream), logged as one WARN line: a client's mistake, not ours.
   */
  private static ResponseEntity<ProblemDetail> invalid(String field, String message) {
    var problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "'" + field + "' " + message);
    problem.setTitle("Invalid input");
    problem.setProperties(Map.of("field", field));
    log.warn("Bad input: '{}' {}", field, message);
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
