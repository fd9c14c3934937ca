package org.wangge.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the database may take before a request gives up ({@code wangge.database.*}).
 *
 * @param statementTimeout the longest one statement may run on the server (PostgreSQL {@code
 *     statement_timeout}, H2 {@code QUERY_TIMEOUT}); then it is cancelled and the request answers
 *     {@code 503}
 * @param socketTimeout the longest the client waits for any answer from the database server
 *     (pgjdbc {@code socketTimeout}; also its login timeout): it bounds a frozen or unreachable
 *     server, whose statements cannot be cancelled. Must be longer than {@code statementTimeout}, so
 *     that a slow statement is cancelled by the server, not cut by the client. PostgreSQL only (the
 *     embedded H2 runs in the same process)
 * @param longWorkTimeout both bounds for the long jobs that ask for them ({@link LongWork}):
 *     imports, plan publishes, the demo city load, migrations
 */
@ConfigurationProperties("wangge.database")
public record DatabaseProperties(Duration statementTimeout, Duration socketTimeout, Duration longWorkTimeout) {

  public DatabaseProperties {
    statementTimeout = statementTimeout == null ? Duration.ofSeconds(20) : statementTimeout;
    socketTimeout = socketTimeout == null ? Duration.ofSeconds(25) : socketTimeout;
    longWorkTimeout = longWorkTimeout == null ? Duration.ofMinutes(30) : longWorkTimeout;
    if (statementTimeout.isNegative() || statementTimeout.isZero()) {
      throw new IllegalArgumentException("wangge.database.statement-timeout must be positive, was " + statementTimeout);
    }
    if (socketTimeout.compareTo(statementTimeout) <= 0) {
      throw new IllegalArgumentException(
          "wangge.database.socket-timeout (" + socketTimeout + ") must be longer than wangge.database.statement-timeout ("
              + statementTimeout + ")");
    }
    if (longWorkTimeout.compareTo(socketTimeout) < 0) {
      throw new IllegalArgumentException(
          "wangge.database.long-work-timeout (" + longWorkTimeout + ") must not be shorter than wangge.database.socket-timeout");
    }
  }
}
