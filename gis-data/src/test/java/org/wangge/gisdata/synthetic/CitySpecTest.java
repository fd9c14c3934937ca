package org.wangge.gisdata.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CitySpecTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  @Test
  void demoHas80CommunitiesIn10StreetsIn2Districts() {
    CitySpec demo = CitySpec.demo(AS_OF);
    assertThat(demo.grids()).isEqualTo(800);
    assertThat(demo.addresses()).isEqualTo(150_000);
    assertThat(demo.incidents()).isEqualTo(3_000);
    assertThat(demo.communities()).isEqualTo(80);
    assertThat(demo.streets()).isEqualTo(10);
    assertThat(demo.districts()).isEqualTo(2);
  }

  @Test
  void scaledCitiesGrowTheTreeAndIncidentsInProportion() {
    CitySpec big = CitySpec.scaled(20_000, 2_000_000, 1, AS_OF);
    assertThat(big.communities()).isEqualTo(2_000);
    assertThat(big.streets()).isEqualTo(250);
    assertThat(big.districts()).isEqualTo(50);
    assertThat(big.incidents()).isEqualTo(75_000);
    CitySpec tiny = CitySpec.scaled(10, 100, 1, AS_OF);
    assertThat(tiny.communities()).isEqualTo(1);
    assertThat(tiny.streets()).isEqualTo(1);
    assertThat(tiny.districts()).isEqualTo(1);
    assertThat(CitySpec.scaled(50_000, 0, 1, AS_OF).districts()).isEqualTo(98);
  }

  @Test
  void outOfRangeSizesAreRejectedByName() {
    assertThatThrownBy(() -> new CitySpec(1, 9, 0, 0, AS_OF)).hasMessageContaining("grids");
    assertThatThrownBy(() -> new CitySpec(1, 100, 200_001, 0, AS_OF))
        .hasMessageContaining("addresses");
    assertThatThrownBy(() -> new CitySpec(1, 100, 10, -1, AS_OF)).hasMessageContaining("incidents");
    assertThatThrownBy(() -> new CitySpec(1, 100, 10, 0, null)).hasMessageContaining("asOf");
  }
}
