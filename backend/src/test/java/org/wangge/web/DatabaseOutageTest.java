package org.wangge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import tools.jackson.databind.json.JsonMapper;

class DatabaseOutageTest {

  private final DatabaseOutage outage = new DatabaseOutage(JsonMapper.builder().build(), Duration.ofSeconds(10));

  @Test
  void aBugOrBadDataIsNoOutage() {
    assertThat(DatabaseOutage.isOutage(new NullPointerException())).isFalse();
    assertThat(DatabaseOutage.isOutage(new IllegalStateException("x", new RuntimeException()))).isFalse();
    assertThat(DatabaseOutage.isOutage(new DataIntegrityViolationException("duplicate key", new SQLException("dup", "23505")))).isFalse();
  }

  @Test
  void noConnectionIsAnOutageThatChangedNothing() throws Exception {
    var e = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", new SQLException("refused", "08001"));
    assertThat(DatabaseOutage.isOutage(e)).isTrue();
    var response = write("POST", e);
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("10");
    assertThat(response.getContentAsString()).contains("Nothing was changed");
    assertThat(write("POST", new CannotCreateTransactionException("no", e)).getContentAsString()).contains("Nothing was changed");
  }

  @Test
  void aSignInThatCouldNotReadTheUserIsAnOutageThatChangedNothing() throws Exception {
    var e = new InternalAuthenticationServiceException("lookup failed", new CannotGetJdbcConnectionException("no"));
    assertThat(DatabaseOutage.isOutage(e)).isTrue();
    assertThat(write("POST", e).getContentAsString()).contains("Nothing was changed");
  }

  /** The commit's failure replaced by the rollback's ("Unable to rollback against JDBC Connection"). */
  @Test
  void aConnectionLostAtTheCommitIsAnOutageWhoseOutcomeIsUnknown() throws Exception {
    var commit = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
    var rollback =
        new TransactionSystemException(
            "Could not roll back JPA transaction", new RuntimeException("Unable to rollback against JDBC Connection", new SQLException("This connection has been closed.", "08003")));
    rollback.initApplicationException(commit);
    assertThat(DatabaseOutage.isOutage(rollback)).isTrue();
    String body = write("POST", rollback).getContentAsString();
    assertThat(body).contains("Idempotency-Key").doesNotContain("Nothing was changed");
    // Only the replaced commit failure tells: still recognised.
    var hidden = new TransactionSystemException("Could not commit", new RuntimeException("Unable to rollback"));
    hidden.initApplicationException(commit);
    assertThat(DatabaseOutage.isOutage(hidden)).isTrue();
    // A read changes nothing, whatever failed.
    assertThat(write("GET", rollback).getContentAsString()).contains("Nothing was changed");
  }

  /** As seen by scripts/chaos when the database stopped mid-transaction: the rollback replaced the failure. */
  @Test
  void aRollbackOnAClosedPooledConnectionIsAnOutage() throws Exception {
    var rollback =
        new org.springframework.orm.jpa.JpaSystemException(
            new RuntimeException("Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));
    assertThat(DatabaseOutage.isOutage(rollback)).isTrue();
    assertThat(DatabaseOutage.isOutage(new RuntimeException(new SQLException("Connection is closed")))).isTrue();
    assertThat(write("POST", rollback).getContentAsString()).contains("Idempotency-Key").doesNotContain("Nothing was changed");
  }

  @Test
  void aStatementTimeoutIsAnOutage() {
    assertThat(DatabaseOutage.isOutage(new RuntimeException(new SQLException("canceling statement due to statement timeout", "57014")))).isTrue();
  }

  private MockHttpServletResponse write(String method, Throwable e) throws Exception {
    var response = new MockHttpServletResponse();
    outage.write(new MockHttpServletRequest(method, "/api/incidents"), response, e);
    return response;
  }
}
