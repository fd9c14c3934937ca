package org.wangge.gisdata.synthetic;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate: the size of the city, its random seed and the day it is "as of".
 *
 * <p>The area tree is derived from {@link #grids()}: about ten grids per community, about eight
 * communities per street and about five streets per district (at least two districts, at most 98,
 * since district codes run 3605 + 02..99). See {@link #communities()}, {@link #streets()} and
 * {@link #districts()}.
 *
 * @param seed seed of every random choice; the same spec always gives an identical city
 * @param grids number of grids, 10 to 50,000; the generator produces exactly this many
 * @param addresses number of standard addresses, 0 to 2,000 per grid and 5,000,000 in all
 * @param incidents number of incidents, 0 to 1,000,000
 * @param asOf the day the data is "as of": incidents are reported in the 90 days before its start
 *     (midnight, Asia/Shanghai) and members were last seen in the hours before it
 */
public record CitySpec(long seed, int grids, int addresses, int incidents, LocalDate asOf) {

  /** Seed of the demo city. */
  public static final long DEMO_SEED = 20261122L;

  /** Grids in the demo city. */
  public static final int DEMO_GRIDS = 800;

  /** Addresses in the demo city. */
  public static final int DEMO_ADDRESSES = 150_000;

  /** Incidents in the demo city. */
  public static final int DEMO_INCIDENTS = 3_000;

  /** Largest number of grids supported. */
  public static final int MAX_GRIDS = 50_000;

  /** Largest number of addresses per grid supported (address codes have a 5-digit sequence). */
  public static final int MAX_ADDRESSES_PER_GRID = 2_000;

  /** Largest number of addresses supported. */
  public static final int MAX_ADDRESSES = 5_000_000;

  /** Largest number of incidents supported (numbers have a 5-digit daily sequence). */
  public static final int MAX_INCIDENTS = 1_000_000;

  /** Number of days before {@link #asOf()} that incidents cover. */
  public static final int INCIDENT_DAYS = 90;

  /** Validates the arguments. */
  public CitySpec {
    Objects.requireNonNull(asOf, "asOf");
    if (grids < 10 || grids > MAX_GRIDS) {
      throw new IllegalArgumentException(
          "grids must be between 10 and " + MAX_GRIDS + ", was " + grids);
    }
    long maxAddresses = Math.min(MAX_ADDRESSES, (long) MAX_ADDRESSES_PER_GRID * grids);
    if (addresses < 0 || addresses > maxAddresses) {
      throw new IllegalArgumentException(
          "addresses must be between 0 and "
              + maxAddresses
              + " ("
              + MAX_ADDRESSES_PER_GRID
              + " per grid, "
              + MAX_ADDRESSES
              + " in all), was "
              + addresses);
    }
    if (incidents < 0 || incidents > MAX_INCIDENTS) {
      throw new IllegalArgumentException(
          "incidents must be between 0 and " + MAX_INCIDENTS + ", was " + incidents);
    }
  }

  /**
   * The demo city: seed {@value #DEMO_SEED}, {@value #DEMO_GRIDS} grids in 80 communities, 10
   * streets and 2 districts, {@value #DEMO_ADDRESSES} addresses, {@value #DEMO_INCIDENTS}
   * incidents.
   *
   * @param asOf the day the data is as of, not null
   */
  public static CitySpec demo(LocalDate asOf) {
    return new CitySpec(DEMO_SEED, DEMO_GRIDS, DEMO_ADDRESSES, DEMO_INCIDENTS, asOf);
  }

  /**
   * A city of any size for benchmarks, with incidents in the demo's proportion (3.75 per grid over
   * the 90 days).
   *
   * @param grids 10 to 50,000 grids
   * @param addresses number of addresses, 0 to 2,000 per grid and 5,000,000 in all
   * @param seed random seed
   * @param asOf the day the data is as of, not null
   */
  public static CitySpec scaled(int grids, int addresses, long seed, LocalDate asOf) {
    return new CitySpec(seed, grids, addresses, incidentsFor(grids), asOf);
  }

  /** The demo's number of incidents per grid applied to {@code grids}: 3.75 per grid. */
  public static int incidentsFor(int grids) {
    return (int) Math.round((double) DEMO_INCIDENTS * grids / DEMO_GRIDS);
  }

  /** The demo's number of addresses per grid applied to {@code grids}: 187.5 per grid. */
  public static int addressesFor(int grids) {
    return (int) Math.round((double) DEMO_ADDRESSES * grids / DEMO_GRIDS);
  }

  /** Number of communities: {@code round(grids / 10)}, at least 1. */
  public int communities() {
    return Math.max(1, (int) Math.round(grids / 10.0));
  }

  /** Number of streets: {@code round(communities / 8)}, at least 1. */
  public int streets() {
    return Math.max(1, (int) Math.round(communities() / 8.0));
  }

  /**
   * Number of districts: {@code round(streets / 5)}, at least 2 (if there are 2 streets), at most
   * 98.
   */
  public int districts() {
    return Math.min(streets(), Math.min(98, Math.max(2, (int) Math.round(streets() / 5.0))));
  }
}
