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
 * Case numbers: the report's day in the city's zone ({@code yyyyMMdd}) followed by a serial of at
 * least 5 digits. Serials come from the database sequence {@code incident_number_seq}, which
 * steps by {@link #BLOCK}: each value reserves the block starting at it for this instance, so
 * numbers are unique across instances with one sequence call per {@value #BLOCK} reports. Serials
 * are unique and increase within an instance, not across instances. Thread-safe.
 */
@Component
class IncidentNumbers {

  static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  /** The sequence's increment (migration V1_6). */
  static final int BLOCK = 50;

  private final DataFieldMaxValueIncrementer sequence;
  private long next;
  private long blockEnd;

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
    return DAY.format(reportedAt.atZone(CITY_ZONE)) + String.format("%05d", nextSerial());
  }

  private synchronized long nextSerial() {
    if (next >= blockEnd) {
      next = sequence.nextLongValue();
      blockEnd = next + BLOCK;
    }
    return next++;
  }
}
