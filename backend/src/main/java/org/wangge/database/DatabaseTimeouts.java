package org.wangge.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Puts the bounds of {@link DatabaseProperties} on every pooled connection before the pool opens
 * its first one: on PostgreSQL the driver properties {@code socketTimeout}, {@code loginTimeout} and
 * {@code options=-c statement_timeout=…} (a URL that sets {@code options} itself wins); on H2 {@code
 * SET QUERY_TIMEOUT} as the connection's init SQL. Flyway's migrations run with the long-work bound.
 */
@Configuration
class DatabaseTimeouts {

  private static final Logger log = LoggerFactory.getLogger(DatabaseTimeouts.class);

  /** Static: a bean post-processor must not wait for the configuration's other beans. */
  @Bean
  static BeanPostProcessor boundedConnections(Environment environment) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof HikariDataSource hikari && !hikari.isRunning()) {
          DatabaseProperties bounds =
              Binder.get(environment)
                  .bind("wangge.database", DatabaseProperties.class)
                  .orElseGet(() -> new DatabaseProperties(null, null, null));
          bound(hikari, bounds);
        }
        return bean;
      }
    };
  }

  static void bound(HikariDataSource hikari, DatabaseProperties bounds) {
    String url = hikari.getJdbcUrl() == null ? "" : hikari.getJdbcUrl();
    if (url.startsWith("jdbc:postgresql:")) {
      long socketSeconds = Math.max(1, (bounds.socketTimeout().toMillis() + 999) / 1000);
      hikari.addDataSourceProperty("socketTimeout", Long.toString(socketSeconds));
      hikari.addDataSourceProperty("loginTimeout", Long.toString(socketSeconds));
      hikari.addDataSourceProperty("options", "-c statement_timeout=" + bounds.statementTimeout().toMillis());
      log.info(
          "Database bounds: statement timeout {} ms, socket timeout {} s",
          bounds.statementTimeout().toMillis(),
          socketSeconds);
    } else if (url.startsWith("jdbc:h2:") && hikari.getConnectionInitSql() == null) {
      hikari.setConnectionInitSql("SET QUERY_TIMEOUT " + bounds.statementTimeout().toMillis());
      log.info("Database bounds: statement timeout {} ms", bounds.statementTimeout().toMillis());
    }
  }

  /** Lifts the bounds for each migration (a migration on a large database may take minutes). */
  @Bean
  Callback longMigrations(LongWork longWork) {
    return new Callback() {
      @Override
      public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE
            || event == Event.BEFORE_EACH_MIGRATE
            || event == Event.AFTER_MIGRATE
            || event == Event.AFTER_MIGRATE_ERROR;
      }

      @Override
      public boolean canHandleInTransaction(Event event, Context context) {
        return true;
      }

      @Override
      public void handle(Event event, Context context) {
        try {
          if (event == Event.AFTER_MIGRATE || event == Event.AFTER_MIGRATE_ERROR) {
            longWork.restore(context.getConnection());
          } else {
            longWork.extend(context.getConnection(), false);
          }
        } catch (SQLException e) {
          throw new IllegalStateException("Could not lift the statement timeout for a migration", e);
        }
      }

      @Override
      public String getCallbackName() {
        return "long-migrations";
      }
    };
  }
}
