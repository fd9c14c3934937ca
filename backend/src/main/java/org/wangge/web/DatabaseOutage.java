package org.wangge.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one answer to a database that is away, cut off, frozen or too slow: {@code 503 Service
 * Unavailable} with {@code Retry-After} ({@code wangge.web.retry-after}) and a problem body that
 * says only what is known. Wherever the failure surfaces (a controller, the sign-in filters, the
 * commit) it is recognised by {@link #isOutage(Throwable)} and answered by {@link #write}.
 *
 * <p>What the body says: when no connection could be had, or the request only read, nothing was
 * changed. Otherwise (the connection died or timed out during a change, perhaps during the commit)
 * the change may or may not have been saved, and the client should retry with the same {@code
 * Idempotency-Key}, which returns the saved report instead of filing it twice.
 */
@Component
public class DatabaseOutage {

  private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

  private final JsonMapper json;
  private final long retryAfterSeconds;

  DatabaseOutage(JsonMapper json, @Value("${wangge.web.retry-after:10s}") Duration retryAfter) {
    this.json = json;
    this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
  }

  /**
   * Whether the failure (or anything it was caused by, suppressed, or replaced) is the database
   * being unreachable or too slow, as opposed to a bug or bad data.
   */
  public static boolean isOutage(Throwable failure) {
    for (Throwable t : chain(failure)) {
      if (t instanceof CannotGetJdbcConnectionException
          || t instanceof CannotCreateTransactionException
          || t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessResourceException
          || t instanceof RecoverableDataAccessException
          || t instanceof QueryTimeoutException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          || t instanceof SQLTimeoutException
          || t instanceof java.net.SocketTimeoutException
          || t instanceof java.net.ConnectException
          || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
        return true;
      }
      // A commit or rollback on a connection that broke: Hibernate's wording, and the pool's closed
      // connection (which carries no SQL state). A failed rollback replaces the real failure.
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (message.startsWith("Unable to rollback against JDBC Connection")
          || message.startsWith("Unable to commit against JDBC Connection")
          || (t instanceof SQLException && message.equals("Connection is closed"))) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 08: connection exception; 57P01-57P03: server shutting down / crashed / not yet accepting;
        // 57014: statement cancelled (statement_timeout); H2: 90067 connection broken, 57014 timeout.
        if (state.startsWith("08") || state.startsWith("57P0") || state.equals("57014") || state.equals("90067")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the failure happened before the request could change anything (no connection, no transaction). */
  static boolean beforeAnyChange(Throwable failure) {
    // Signing in only reads; a transaction that could not begin, or a connection never had, changed nothing.
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CannotGetJdbcConnectionException
          || t instanceof CannotCreateTransactionException
          || t instanceof org.springframework.security.authentication.InternalAuthenticationServiceException) {
        return true;
      }
      if (t instanceof TransactionSystemException) {
        return false;
      }
    }
    return false;
  }

  /** The problem details for an outage that {@code request} ran into. */
  public ProblemDetail problem(HttpServletRequest request, Throwable failure) {
    String method = request.getMethod();
    boolean readOnly = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    String detail;
    if (readOnly || beforeAnyChange(failure)) {
      detail = "The database is not reachable right now. Nothing was changed; retry in " + retryAfterSeconds + " s.";
    } else {
      detail =
          "The database connection failed while the request was being saved, so whether it was saved is not known. "
              + "Retry in " + retryAfterSeconds + " s with the same Idempotency-Key: if it was saved, the retry "
              + "returns it and nothing is filed twice.";
    }
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
    problem.setTitle("Database unavailable");
    problem.setProperty("retryAfterSeconds", retryAfterSeconds);
    return problem;
  }

  /** Writes the 503 (unless the response is already on its way, which is then left alone). */
  public void write(HttpServletRequest request, HttpServletResponse response, Throwable failure) throws IOException {
    log.warn("Database unavailable ({} {}): {}", request.getMethod(), request.getRequestURI(), rootMessage(failure));
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(json.writeValueAsString(problem(request, failure)));
    response.flushBuffer();
  }

  private static String rootMessage(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage()
        + (t == failure ? "" : " (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")");
  }

  private static void addIfPresent(Deque<Throwable> todo, Throwable t) {
    if (t != null) {
      todo.add(t);
    }
  }

  /** The failure, its causes, what it suppressed and what replaced it (a failed rollback hides the commit's failure). */
  private static Iterable<Throwable> chain(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>();
    addIfPresent(todo, failure);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (!seen.add(t) || seen.size() > 50) {
        continue;
      }
      addIfPresent(todo, t.getCause());
      for (Throwable suppressed : t.getSuppressed()) {
        addIfPresent(todo, suppressed);
      }
      if (t instanceof TransactionSystemException tse) {
        addIfPresent(todo, tse.getOriginalException());
        addIfPresent(todo, tse.getApplicationException());
      }
      if (t instanceof SQLException sql) {
        addIfPresent(todo, sql.getNextException());
      }
    }
    return seen;
  }
}
