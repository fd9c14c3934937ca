package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The embedded database's migrations leave no CHECK constraint that H2 2.4.240 binds to the session
 * that created it. Such a constraint (an IN list, or an OR chain of equalities that H2 rewrites as
 * one) fails every insert or update with "The database has been closed" once the connection that ran
 * the migration is closed — in the running app, when the pool retires it after its maximum lifetime
 * (30 minutes), which broke every report on a newcomer's first run. {@code PoolLifetimeEmbeddedIT}
 * checks the running app past a short pool lifetime.
 */
class H2MigrationsTest {

  private static final String URL = "jdbc:h2:mem:h2-migrations-test;DB_CLOSE_DELAY=-1";

  /** Migrates on connections that Flyway closes afterwards, as the pool does with its first one. */
  private static void migrate() {
    var dataSource = new JdbcDataSource();
    dataSource.setURL(URL);
    dataSource.setUser("wangge");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();
  }

  @Test
  void noCheckConstraintKeepsAnInListAfterTheMigrations() throws SQLException {
    migrate();
    List<String> inLists = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(URL, "wangge", "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS ORDER BY 1")) {
      while (rs.next()) {
        String clause = rs.getString(2).replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
        if (clause.matches(".*\\bIN ?\\(.*")) {
          inLists.add(rs.getString(1) + ": " + rs.getString(2));
        }
      }
    }
    assertThat(inLists)
        .as("CHECK constraints with an IN list fail once their creating connection closes (H2 2.4.240):"
            + " use REGEXP_LIKE(column, '^(A|B)$') instead")
        .isEmpty();
  }

  @Test
  void aRowIsCheckedOnAConnectionOpenedAfterTheMigrationClosedItsOwn() throws SQLException {
    migrate();
    try (Connection c = DriverManager.getConnection(URL, "wangge", "");
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO category (code, name, default_risk, deadline_hours) VALUES ('TST01', '测试', 'LOW', 8)");
      assertThat(s.executeUpdate("UPDATE category SET default_risk = 'HIGH' WHERE code = 'TST01'")).isEqualTo(1);
      try {
        s.executeUpdate("UPDATE category SET default_risk = 'SEVERE' WHERE code = 'TST01'");
        throw new AssertionError("a risk outside HIGH, MEDIUM, LOW was accepted");
      } catch (SQLException e) {
        assertThat(e.getMessage()).contains("CATEGORY_RISK_CK").doesNotContain("has been closed");
      }
    }
  }
}
