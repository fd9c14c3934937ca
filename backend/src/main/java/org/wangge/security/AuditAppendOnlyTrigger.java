package org.wangge.security;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * The embedded database's guard of the audit trail (PostgreSQL has a PL/pgSQL trigger): any
 * update or delete of {@code audit_event} fails. Named in the H2 migration {@code V1_7}.
 */
public class AuditAppendOnlyTrigger implements Trigger {

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException("audit_event is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " is not allowed");
  }
}
