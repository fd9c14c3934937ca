package org.wangge.security;

import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 1.9: encrypts the phone numbers a database written before encryption still
 * holds in plaintext ({@code member.phone}, {@code department.phone}, {@code
 * incident.reporter_phone}; widened by the SQL migration 1.8), in batches, with the configured
 * data key. Values already encrypted are left alone, so running it again changes nothing.
 *
 * <p>A Spring bean, so that it gets the {@link PersonalDataCipher}: Spring Boot hands every
 * {@code JavaMigration} bean to Flyway. It lives outside {@code db/migration}, so Flyway's
 * location scanning does not find it (and does not try to create it without its cipher).
 */
@Component
public class V1_9__EncryptPhones extends BaseJavaMigration {

  private static final Logger log = LoggerFactory.getLogger(V1_9__EncryptPhones.class);

  static final int BATCH = 1000;

  private record EncryptedColumn(String table, String column) {}

  /** The encrypted columns; each table has a numeric primary key {@code id}. */
  private static final List<EncryptedColumn> COLUMNS =
      List.of(
          new EncryptedColumn("member", "phone"),
          new EncryptedColumn("department", "phone"),
          new EncryptedColumn("incident", "reporter_phone"));

  private final PersonalDataCipher cipher;

  public V1_9__EncryptPhones(PersonalDataCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public void migrate(Context context) {
    // Flyway's connection, inside Flyway's transaction; the wrapper must not close it.
    var jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
    int encrypted = encryptPlaintext(jdbc);
    log.info("Encrypted {} plaintext phone numbers", encrypted);
  }

  /**
   * Encrypts every plaintext value in the encrypted columns, {@value #BATCH} rows at a time, on
   * the given template's connection (and transaction, if one is active).
   *
   * @return how many values were encrypted
   */
  public int encryptPlaintext(JdbcTemplate jdbc) {
    int total = 0;
    for (EncryptedColumn c : COLUMNS) {
      total += encryptPlaintext(jdbc, c);
    }
    return total;
  }

  private record Row(long id, String value) {}

  private int encryptPlaintext(JdbcTemplate jdbc, EncryptedColumn c) {
    // Keyset paging by id: each batch starts after the last row of the one before.
    String select =
        "SELECT id, " + c.column() + " FROM " + c.table()
            + " WHERE id > ? AND " + c.column() + " IS NOT NULL AND " + c.column() + " NOT LIKE ?"
            + " ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY";
    String update = "UPDATE " + c.table() + " SET " + c.column() + " = ? WHERE id = ?";
    int count = 0;
    long after = Long.MIN_VALUE;
    while (true) {
      List<Row> rows =
          jdbc.query(
              select,
              (rs, i) -> new Row(rs.getLong(1), rs.getString(2)),
              after,
              PersonalDataCipher.PREFIX + "%");
      if (rows.isEmpty()) {
        return count;
      }
      jdbc.batchUpdate(
          update,
          rows,
          rows.size(),
          (ps, row) -> {
            ps.setString(1, cipher.encrypt(row.value()));
            ps.setLong(2, row.id());
          });
      count += rows.size();
      after = rows.getLast().id();
    }
  }
}
