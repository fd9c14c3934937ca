package org.wangge.gisdata.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.wangge.gisdata.geojson.GeoJsonWriter;
import org.wangge.gisdata.model.City;

class DeterminismTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  private static byte[] bytes(City city) {
    var out = new ByteArrayOutputStream();
    GeoJsonWriter.writeAreas(city.areas(), out);
    GeoJsonWriter.writeAddresses(city.addresses(), out);
    GeoJsonWriter.writeMembers(city.members(), out);
    GeoJsonWriter.writeIncidents(city.incidents(), out);
    GeoJsonWriter.writeDepartments(city.departments(), out);
    GeoJsonWriter.writeCategories(city.categories(), out);
    return out.toByteArray();
  }

  @Test
  void sameSpecGivesTheSameBytesAndAnotherSeedDifferentOnes() {
    CitySpec spec = new CitySpec(42, 200, 20_000, 800, AS_OF);
    byte[] first = bytes(SyntheticCityGenerator.generate(spec));
    byte[] second = bytes(SyntheticCityGenerator.generate(spec));
    byte[] otherSeed =
        bytes(SyntheticCityGenerator.generate(new CitySpec(43, 200, 20_000, 800, AS_OF)));
    assertThat(first).hasSizeGreaterThan(1_000_000);
    assertThat(second).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void smallCitiesOfManySizesAndSeedsPassTheCoverageCheck() {
    // generate() runs CoverageCheck itself and throws CityCoverageException on failure.
    for (int grids : new int[] {10, 37, 120, 333}) {
      for (long seed = 1; seed <= 3; seed++) {
        City city =
            SyntheticCityGenerator.generate(new CitySpec(seed, grids, grids * 20, grids, AS_OF));
        assertThat(city.areas().stream().filter(a -> a.code().length() == 15)).hasSize(grids);
      }
    }
  }
}
