package org.wangge.address;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
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
 *
 * <p>Each lookup comes in two forms: over the whole city, and limited to a caller's jurisdiction,
 * given as a filter on grid codes (an address is inside when its grid code is allowed; for an area
 * subtree, a test that the grid code starts with the area's code). The filter is applied inside the
 * search, not to its answer: a filtered lookup answers exactly as if the addresses outside did not
 * exist, so it never shows them, how many there are, or that there are any (see {@link
 * AddressIndex}). An address without a grid code is outside every filter. The filter is called
 * on the looking-up thread, once per run of candidates from one grid rather than once per address,
 * and must not be null; {@link #WHOLE_CITY} is the filter of the unfiltered lookups.
 */
@Service
public class Geocoder implements SmartInitializingSingleton {

  /**
   * The whole city: every address, including any without a grid code. What the lookups without a
   * filter use; passing it is exactly the same as calling them, and as fast.
   */
  public static final Predicate<String> WHOLE_CITY = gridCode -> true;

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
    return geocode(text, limit, WHOLE_CITY);
  }

  /**
   * As {@link #geocode(String, int)}, over only the addresses whose grid code {@code
   * gridCodeAllowed} allows: candidates outside are skipped while searching, so the status is
   * decided among allowed addresses alone (a text that fits one allowed address and others outside
   * is a {@code MATCH}; a text that fits only addresses outside is {@code NONE}), and the limit
   * counts allowed addresses. An address code of an address outside is looked up as text.
   */
  public GeocodeResult geocode(String text, int limit, Predicate<String> gridCodeAllowed) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    return index.geocode(text, limit, indexFilter(gridCodeAllowed));
  }

  /** The address with this code. */
  public Optional<AddressMatch> byCode(String code) {
    return byCode(code, WHOLE_CITY);
  }

  /** The address with this code, if its grid code {@code gridCodeAllowed} allows; else empty. */
  public Optional<AddressMatch> byCode(String code, Predicate<String> gridCodeAllowed) {
    return Optional.ofNullable(index.byCode(code, indexFilter(gridCodeAllowed)));
  }

  /**
   * The address nearest to (lon, lat) on the sphere, if one lies within {@code maxDistanceMetres};
   * of several at the same distance, the lowest code.
   */
  public Optional<NearestAddress> reverse(double lon, double lat, double maxDistanceMetres) {
    return reverse(lon, lat, maxDistanceMetres, WHOLE_CITY);
  }

  /**
   * The address nearest to (lon, lat) on the sphere among those whose grid code {@code
   * gridCodeAllowed} allows, if one lies within {@code maxDistanceMetres}; of several at the same
   * distance, the lowest code. Nearer addresses outside are passed over by the search, which goes
   * on to the nearest allowed one; empty when only addresses outside lie within the distance.
   */
  public Optional<NearestAddress> reverse(
      double lon, double lat, double maxDistanceMetres, Predicate<String> gridCodeAllowed) {
    return Optional.ofNullable(
        index.nearest(lon, lat, maxDistanceMetres, indexFilter(gridCodeAllowed)));
  }

  /** The index's form of a filter: null for the whole city, its fast path. */
  private static Predicate<String> indexFilter(Predicate<String> gridCodeAllowed) {
    Objects.requireNonNull(gridCodeAllowed, "gridCodeAllowed");
    return gridCodeAllowed == WHOLE_CITY ? null : gridCodeAllowed;
  }

  /**
   * Calls the visitor with the position and households of every address of the current snapshot
   * (one snapshot throughout, even if a rebuild swaps a new one in meanwhile). The snapshot is as
   * of the last import of addresses ({@link AddressesImported}) or {@link #rebuild()}.
   */
  public void forEachPoint(AddressPointVisitor visitor) {
    index.forEachPoint(visitor);
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
