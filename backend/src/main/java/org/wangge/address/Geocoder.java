package org.wangge.address;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Geocoding over the standard addresses, from memory: address text → address ({@link #geocode}),
 * code → address ({@link #byCode}) and point → nearest address ({@link #reverse}). Holds an
 * immutable snapshot of every address, built at start-up and swapped atomically for a new one when
 * {@link AddressesImported} is heard (after the import commits); lookups during a swap see the old
 * or the new snapshot, never a mix. Thread-safe.
 *
 * <p>Texts are read as people write them: with or without province, city, district, street and
 * community, with full-width digits, {@code 號}, {@code 幢}/{@code 座}/{@code 号楼} for {@code 栋},
 * Chinese numerals ({@code 三栋二单元}), the short form {@code 128号3-2} or {@code 128-3-2}, and a
 * room number at the end. See {@link AddressText} and {@link AddressIndex} for the rules and scores.
 * Coordinates are longitude/latitude in EPSG:4326; distances are great-circle metres.
 */
@Service
public class Geocoder implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(Geocoder.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate readOnly;
  private volatile AddressIndex index = new AddressIndex.Builder(0).build();

  Geocoder(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.readOnly = new TransactionTemplate(transactions);
    readOnly.setReadOnly(true);
    // A new transaction also when rebuilding from an after-commit callback.
    readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * The standard addresses {@code text} names. {@code MATCH} with the one address when exactly one
   * fits (as written, or as the only address at a door); {@code AMBIGUOUS} with up to {@code
   * limit} candidates, best first, when several fit (a door or building written without unit, a road
   * without number, a loosely recognised road with that door on several roads); {@code NONE}
   * otherwise. A text that is an address code is looked up as one.
   */
  public GeocodeResult geocode(String text, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    return index.geocode(text, limit);
  }

  /** The address with this code. */
  public Optional<AddressMatch> byCode(String code) {
    return Optional.ofNullable(index.byCode(code));
  }

  /**
   * The address nearest to (lon, lat) on the sphere, if one lies within {@code maxDistanceMetres};
   * of several at the same distance, the lowest code.
   */
  public Optional<NearestAddress> reverse(double lon, double lat, double maxDistanceMetres) {
    return Optional.ofNullable(index.nearest(lon, lat, maxDistanceMetres));
  }

  /** Number of addresses in the current snapshot. */
  public int addressCount() {
    return index.size();
  }

  @Override
  public void afterSingletonsInstantiated() {
    rebuild();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(AddressesImported event) {
    rebuild();
  }

  /** Reads every address and swaps the new snapshot in. One rebuild at a time. */
  public synchronized void rebuild() {
    long start = System.nanoTime();
    AddressIndex built =
        readOnly.execute(
            tx -> {
              Long count = jdbc.queryForObject("SELECT count(*) FROM address", Long.class);
              var builder = new AddressIndex.Builder(count == null ? 0 : count.intValue());
              jdbc.query(
                  connection -> {
                    var statement =
                        connection.prepareStatement(
                            """
                            SELECT id, code, full_text, road, number, building, unit,
                                   ST_X(location), ST_Y(location), grid_code, households
                            FROM address ORDER BY code""");
                    statement.setFetchSize(10_000); // streams on PostgreSQL inside a transaction
                    return statement;
                  },
                  rs -> {
                    builder.add(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getDouble(8),
                        rs.getDouble(9),
                        rs.getString(10),
                        rs.getInt(11));
                  });
              return builder.build();
            });
    index = built;
    log.info(
        "Geocoder indexed {} addresses in {} ms",
        built.size(),
        (System.nanoTime() - start) / 1_000_000);
  }
}
