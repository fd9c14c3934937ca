package org.wangge.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.wangge.gisdata.synthetic.CitySpec;

/**
 * {@code wangge.demo.*}: whether to load the generated city and how large it is. The defaults give
 * the demo city of the README; larger cities (up to {@value CitySpec#MAX_GRIDS} grids) are for
 * benchmarks. The seed is always the demo's, so the same sizes give the same city.
 *
 * @param load load the generated city on a start with an empty database (default {@code true})
 * @param grids number of grids, 10 to {@value CitySpec#MAX_GRIDS} (default {@value
 *     CitySpec#DEMO_GRIDS})
 * @param addresses number of standard addresses, 0 to {@value CitySpec#MAX_ADDRESSES_PER_GRID} per
 *     grid and {@value CitySpec#MAX_ADDRESSES} in all (default {@value CitySpec#DEMO_ADDRESSES})
 * @param incidents number of incidents over the last 90 days, 0 to {@value
 *     CitySpec#MAX_INCIDENTS} (default {@value CitySpec#DEMO_INCIDENTS})
 */
@ConfigurationProperties("wangge.demo")
record DemoProperties(Boolean load, Integer grids, Integer addresses, Integer incidents) {

  DemoProperties {
    load = load == null || load;
    grids = grids == null ? CitySpec.DEMO_GRIDS : grids;
    addresses = addresses == null ? CitySpec.DEMO_ADDRESSES : addresses;
    incidents = incidents == null ? CitySpec.DEMO_INCIDENTS : incidents;
    if (grids < 10 || grids > CitySpec.MAX_GRIDS) {
      throw new IllegalArgumentException(
          "wangge.demo.grids must be between 10 and " + CitySpec.MAX_GRIDS + ", was " + grids);
    }
    long maxAddresses =
        Math.min(CitySpec.MAX_ADDRESSES, (long) CitySpec.MAX_ADDRESSES_PER_GRID * grids);
    if (addresses < 0 || addresses > maxAddresses) {
      throw new IllegalArgumentException(
          "wangge.demo.addresses must be between 0 and "
              + maxAddresses
              + " ("
              + CitySpec.MAX_ADDRESSES_PER_GRID
              + " per grid of wangge.demo.grids="
              + grids
              + ", "
              + CitySpec.MAX_ADDRESSES
              + " in all), was "
              + addresses);
    }
    if (incidents < 0 || incidents > CitySpec.MAX_INCIDENTS) {
      throw new IllegalArgumentException(
          "wangge.demo.incidents must be between 0 and "
              + CitySpec.MAX_INCIDENTS
              + ", was "
              + incidents);
    }
  }

  /** The city to generate, as of {@code asOf}: the demo city with the defaults. */
  CitySpec spec(java.time.LocalDate asOf) {
    return new CitySpec(CitySpec.DEMO_SEED, grids, addresses, incidents, asOf);
  }
}
