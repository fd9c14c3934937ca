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
import java.util.List;
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

    // The national holidays live in the database (migration V1_31, edited on /calendar.html); the
    // properties ship empty and only add a city's own days.
    assertThat(properties.holidays()).isEmpty();
    assertThat(properties.workingDays()).isEmpty();
    assertThat(properties.zone()).hasToString("Asia/Shanghai");
    assertThat(properties.periods()).hasSize(2);
    WorkingCalendar calendar = new WorkingCalendar(properties);
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-04"))).isTrue(); // a Friday
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-05"))).isFalse(); // a Saturday
  }

  @Test
  void datedDaysFromTheDatabaseAddToTheConfiguredOnes() {
    WorkingCalendar calendar =
        new WorkingCalendar(bind(Map.of("wangge.calendar.holidays", "2026-12-07")));
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-07"))).isFalse();
    calendar.useDatedDays(List.of(LocalDate.parse("2026-12-08")), List.of(LocalDate.parse("2026-12-12")));
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-07"))).as("configured holiday").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-08"))).as("database holiday").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-12"))).as("make-up Saturday").isTrue();
    calendar.useDatedDays(List.of(), List.of());
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-07"))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-08"))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-12"))).isFalse();
  }
}
