package org.wangge.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The larger bound for legitimate long work (imports, plan publishes, the demo city load): call
 * {@link #extend()} first thing inside the work's transaction. Its connection then waits up to
 * {@code wangge.database.long-work-timeout} for the server and each statement may run as long; the
 * bounds return to normal when the transaction ends (PostgreSQL: {@code SET LOCAL}, and the pool
 * resets the network timeout when the connection comes back; H2: reset before completion).
 */
@Component
public class LongWork {

  private final DataSource dataSource;
  private final DatabaseProperties bounds;

  LongWork(DataSource dataSource, DatabaseProperties bounds) {
    this.dataSource = dataSource;
    this.bounds = bounds;
  }

  /** Lifts the bounds for the rest of the current transaction (which must be active). */
  public void extend() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("LongWork.extend() needs an active transaction");
    }
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      boolean h2 = extend(connection, true);
      if (h2) {
        TransactionSynchronizationManager.registerSynchronization(
            new TransactionSynchronization() {
              @Override
              public void beforeCompletion() {
                try (Statement s = connection.createStatement()) {
                  s.execute("SET QUERY_TIMEOUT " + bounds.statementTimeout().toMillis());
                } catch (SQLException e) {
                  // The connection is broken; the pool retires it.
                }
              }
            });
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not lift the database bounds for long work", e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  /** Lifts the bounds on one connection; {@code local}: for its current transaction only. Returns whether it is H2. */
  boolean extend(Connection connection, boolean local) throws SQLException {
    long millis = bounds.longWorkTimeout().toMillis();
    String product = connection.getMetaData().getDatabaseProductName();
    try (Statement s = connection.createStatement()) {
      if ("PostgreSQL".equals(product)) {
        connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, millis));
        s.execute("SET " + (local ? "LOCAL " : "") + "statement_timeout = " + millis);
        return false;
      }
      if ("H2".equals(product)) {
        s.execute("SET QUERY_TIMEOUT " + Math.min(Integer.MAX_VALUE, millis));
        return true;
      }
    }
    return false;
  }

  /** Puts the normal bounds back on a connection that {@link #extend(Connection, boolean)} lifted for good. */
  void restore(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    try (Statement s = connection.createStatement()) {
      if ("PostgreSQL".equals(product)) {
        connection.setNetworkTimeout(Runnable::run, (int) bounds.socketTimeout().toMillis());
        s.execute("SET statement_timeout = " + bounds.statementTimeout().toMillis());
      } else if ("H2".equals(product)) {
        s.execute("SET QUERY_TIMEOUT " + bounds.statementTimeout().toMillis());
      }
    }
  }
}
