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
 * Flyway migration 1.27.1: fills {@code incident.reporter_phone_hash} (added by the SQL migration
 * 1.27) for the cases stored before it, from the encrypted phone ({@link PersonalDataCipher}) and
 * the lookup key ({@link PhoneLookup}), in batches. Only rows with a phone and no hash are touched,
 * so running {@link #hashMissing} again changes nothing.
 *
 * <p>A Flyway Java migration (a Spring bean, like {@link V1_9__EncryptPhones}) rather than a
 * start-up job: the key lives in the application, not in SQL, and Flyway runs this exactly once,
 * in order right after the column exists, inside its transaction and before the application serves
 * a single request, so no desk ever searches a half-filled column.
 */
@Component
public class V1_27_1__HashReporterPhones extends BaseJavaMigration {

  private static final Logger log = LoggerFactory.getLogger(V1_27_1__HashReporterPhones.class);

  static final int BATCH = 1000;

  private final PersonalDataCipher cipher;
  private final PhoneLookup lookup;

  public V1_27_1__HashReporterPhones(PersonalDataCipher cipher, PhoneLookup lookup) {
    this.cipher = cipher;
    this.lookup = lookup;
  }

  @Override
  public void migrate(Context context) {
    var jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
    log.info("Hashed {} reporters' phone numbers for the caller lookup", hashMissing(jdbc));
  }

  private record Row(long id, String phone) {}

  /**
   * Hashes every reporter phone whose hash is missing, {@value #BATCH} rows at a time (keyset
   * paging by id), on the template's connection.
   *
   * @return how many rows were filled
   */
  public int hashMissing(JdbcTemplate jdbc) {
    int count = 0;
    long after = Long.MIN_VALUE;
    while (true) {
      List<Row> rows =
          jdbc.query(
              "SELECT id, reporter_phone FROM incident WHERE id > ? AND reporter_phone IS NOT NULL"
                  + " AND reporter_phone_hash IS NULL ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY",
              (rs, i) -> new Row(rs.getLong(1), rs.getString(2)),
              after);
      if (rows.isEmpty()) {
        return count;
      }
      jdbc.batchUpdate(
          "UPDATE incident SET reporter_phone_hash = ? WHERE id = ?",
          rows,
          rows.size(),
          (ps, row) -> {
            ps.setString(1, lookup.hash(cipher.decrypt(row.phone())));
            ps.setLong(2, row.id());
          });
      count += rows.size();
      after = rows.getLast().id();
    }
  }
}
