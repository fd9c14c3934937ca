package org.wangge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.wangge.gisdata.synthetic.CitySpec;

/** Binding of {@code wangge.demo.*} with Spring Boot's {@link Binder}, without a context. */
class DemoPropertiesTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

  private static DemoProperties bind(Map<?, ?> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("wangge.demo", DemoProperties.class);
  }

  @Test
  void defaultsAreTheDemoCity() {
    DemoProperties properties = bind(Map.of());
    assertThat(properties.load()).isTrue();
    assertThat(properties.spec(AS_OF)).isEqualTo(CitySpec.demo(AS_OF));
  }

  @Test
  void aLargerCityForBenchmarks() {
    DemoProperties properties =
        bind(
            Map.of(
                "wangge.demo.grids", "20000",
                "wangge.demo.addresses", "2000000",
                "wangge.demo.incidents", "20000"));
    assertThat(properties.spec(AS_OF))
        .isEqualTo(new CitySpec(CitySpec.DEMO_SEED, 20_000, 2_000_000, 20_000, AS_OF));
  }

  @Test
  void sizesOutsideTheGeneratorsBoundsNameTheProperty() {
    assertRejected(Map.of("wangge.demo.grids", "9"), "wangge.demo.grids must be between 10 and 50000, was 9");
    assertRejected(Map.of("wangge.demo.grids", "50001"), "wangge.demo.grids must be between 10 and 50000, was 50001");
    assertRejected(
        Map.of("wangge.demo.grids", "10", "wangge.demo.addresses", "20001"),
        "wangge.demo.addresses must be between 0 and 20000 (2000 per grid of wangge.demo.grids=10, 5000000 in all), was 20001");
    assertRejected(Map.of("wangge.demo.addresses", "-1"), "wangge.demo.addresses must be between 0 and 1600000");
    assertRejected(Map.of("wangge.demo.incidents", "1000001"), "wangge.demo.incidents must be between 0 and 1000000, was 1000001");
    // the edges themselves are accepted
    assertThat(bind(Map.of("wangge.demo.grids", "50000", "wangge.demo.addresses", "5000000", "wangge.demo.incidents", "0")).spec(AS_OF).grids())
        .isEqualTo(50_000);
  }

  private static void assertRejected(Map<?, ?> properties, String message) {
    assertThatExceptionOfType(BindException.class)
        .isThrownBy(() -> bind(properties))
        .havingRootCause()
        .isInstanceOf(IllegalArgumentException.class)
        .withMessageContaining(message);
  }
}
