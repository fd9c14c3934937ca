package org.wangge.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binding of {@code wangge.calendar.*} with Spring Boot's {@link Binder}, without a context. */
class WorkingCalendarPropertiesTest {

  private static WorkingCalendarProperties bind(Map<?, ?> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("wangge.calendar", WorkingCalendarProperties.class);
  }

  @Test
  void defaultsWhenNothingIsSet() {
    WorkingCalendarProperties properties = bind(Map.of());
    assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(properties.periods())
        .containsExactly(
            new WorkingCalendarProperties.Period(LocalTime.of(8, 30), LocalTime.of(12, 0)),
            new WorkingCalendarProperties.Period(LocalTime.of(13, 30), LocalTime.of(18, 0)));
    assertThat(properties.weekend())
        .containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    assertThat(properties.holidays()).isEmpty();
    assertThat(properties.workingDays()).isEmpty();
  }

  @Test
  void commaSeparatedValuesBind() {
    WorkingCalendarProperties properties =
        bind(
            Map.of(
                "wangge.calendar.zone", "Asia/Urumqi",
                "wangge.calendar.working-periods", "09:00-13:00, 15:30-19:30",
                "wangge.calendar.weekend", "sunday",
                "wangge.calendar.holidays", "2026-10-01,2026-10-02",
                "wangge.calendar.working-days", "2026-10-10"));
    assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
    assertThat(properties.periods()).hasSize(2);
    assertThat(properties.periods().get(1).start()).isEqualTo(LocalTime.of(15, 30));
    assertThat(properties.weekend()).containsExactly(DayOfWeek.SUNDAY);
    assertThat(properties.holidays())
        .containsExactly(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-02"));
    assertThat(properties.workingDays()).containsExactly(LocalDate.parse("2026-10-10"));
  }

  @Test
  void invalidValueFailsBindingNamingTheProperty() {
    assertThatExceptionOfType(BindException.class)
        .isThrownBy(
            () -> bind(Map.of("wangge.calendar.working-periods", "08:30-12:00,11:00-14:00")))
        .havingRootCause()
        .withMessageContaining("wangge.calendar.working-periods");
  }

  @Test
  void shippedApplicationPropertiesBindToAPlausibleCalendar() throws IOException {
    Properties shipped = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
      shipped.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    WorkingCalendarProperties properties = bind(shipped);

    assertThat(properties.holidays())
        .contains(LocalDate.parse("2025-10-08"), LocalDate.parse("2026-10-01"))
        .doesNotHaveDuplicates();
    // Make-up working days (调休上班) are always a Saturday or a Sunday.
    assertThat(properties.workingDays())
        .isNotEmpty()
        .allSatisfy(
            day ->
                assertThat(day.getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    WorkingCalendar calendar = new WorkingCalendar(properties);
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-17"))).isFalse(); // 春节
  }
}
