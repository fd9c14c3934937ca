package org.wangge;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Creates a fresh PostGIS database in the test cluster that {@code scripts/test} starts, and points
 * the app at it. The cluster is given by {@code WANGGE_TEST_PG_HOST}, {@code _PORT}, {@code _USER}
 * (a superuser) and {@code _PASSWORD}; without them the test fails and says how to run it.
 */
public class PostgisDatabase
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String host = System.getenv("WANGGE_TEST_PG_HOST");
    String port = System.getenv("WANGGE_TEST_PG_PORT");
    String user = System.getenv("WANGGE_TEST_PG_USER");
    String password = System.getenv().getOrDefault("WANGGE_TEST_PG_PASSWORD", "");
    if (host == null || port == null || user == null) {
      throw new IllegalStateException(
          "The PostGIS tests need a PostgreSQL server with PostGIS. Run them with scripts/test, "
              + "which installs PostGIS if needed and starts a private cluster, or set "
              + "WANGGE_TEST_PG_HOST, WANGGE_TEST_PG_PORT, WANGGE_TEST_PG_USER (a superuser) and "
              + "WANGGE_TEST_PG_PASSWORD.");
    }
    String database = "wangge_it_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
    String server = "jdbc:postgresql://" + host + ":" + port + "/";
    try (Connection admin = DriverManager.getConnection(server + "postgres", user, password);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + database + " at " + server, e);
    }
    try (Connection db = DriverManager.getConnection(server + database, user, password);
        Statement statement = db.createStatement()) {
      statement.execute("CREATE EXTENSION postgis");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the postgis extension in " + database, e);
    }
    TestPropertyValues.of(
            "spring.datasource.url=" + server + database + "?reWriteBatchedInserts=true",
            "spring.datasource.username=" + user,
            "spring.datasource.password=" + password)
        .applyTo(context);
  }
}
