package org.wangge.incident;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Component;

/**
 * Case numbers: the report's day in the city's zone ({@code yyyyMMdd}) followed by a sequence
 * number of at least 5 digits from the database sequence {@code incident_number_seq}, so numbers
 * are unique across instances without coordination.
 */
@Component
class IncidentNumbers {

  static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final DataFieldMaxValueIncrementer sequence;

  IncidentNumbers(DataSource dataSource) {
    String product;
    try (var connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot tell which database this is", e);
    }
    sequence =
        product.toLowerCase(java.util.Locale.ROOT).contains("postgres")
            ? new PostgresSequenceMaxValueIncrementer(dataSource, "incident_number_seq")
            : new H2SequenceMaxValueIncrementer(dataSource, "incident_number_seq");
  }

  String next(Instant reportedAt) {
    return DAY.format(reportedAt.atZone(CITY_ZONE)) + String.format("%05d", sequence.nextLongValue());
  }
}
