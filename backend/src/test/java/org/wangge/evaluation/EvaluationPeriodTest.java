package org.wangge.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.wangge.web.InvalidInputException;

class EvaluationPeriodTest {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  /** Wednesday 2026-03-18 10:00 Beijing time. */
  static final Instant NOW = Instant.parse("2026-03-18T02:00:00Z");

  static EvaluationPeriod parse(String from, String to, String period) {
    return EvaluationPeriod.parse(from, to, period, NOW, BEIJING);
  }

  static String fieldOf(Runnable r) {
    try {
      r.run();
    } catch (InvalidInputException e) {
      return e.field();
    }
    throw new AssertionError("no InvalidInputException");
  }

  @Test
  void withoutParametersItIsTheThirtyDaysUpToNow() {
    assertThat(parse(null, null, null)).isEqualTo(new EvaluationPeriod(NOW.minus(Duration.ofDays(30)), NOW));
    assertThat(parse(" ", "", null)).isEqualTo(new EvaluationPeriod(NOW.minus(Duration.ofDays(30)), NOW));
  }

  @Test
  void aMissingFromIsThirtyDaysBeforeTo() {
    assertThat(parse(null, "2020-03-31T00:00:00Z", null))
        .isEqualTo(new EvaluationPeriod(Instant.parse("2020-03-01T00:00:00Z"), Instant.parse("2020-03-31T00:00:00Z")));
  }

  @Test
  void aWeekAndAMonthStartAtFrom() {
    assertThat(parse("2020-03-02T00:00:00Z", null, "week"))
        .isEqualTo(new EvaluationPeriod(Instant.parse("2020-03-02T00:00:00Z"), Instant.parse("2020-03-09T00:00:00Z")));
    // A calendar month in the zone: February 2020 has 29 days.
    assertThat(parse("2020-01-31T16:00:00Z", null, "MONTH"))
        .isEqualTo(new EvaluationPeriod(Instant.parse("2020-01-31T16:00:00Z"), Instant.parse("2020-02-29T16:00:00Z")));
  }

  @Test
  void withoutFromAWeekIsThisWeekFromMondayAndAMonthThisMonth() {
    assertThat(parse(null, null, "week"))
        .isEqualTo(new EvaluationPeriod(Instant.parse("2026-03-15T16:00:00Z"), Instant.parse("2026-03-22T16:00:00Z")));
    assertThat(parse(null, null, "month"))
        .isEqualTo(new EvaluationPeriod(Instant.parse("2026-02-28T16:00:00Z"), Instant.parse("2026-03-31T16:00:00Z")));
  }

  @Test
  void fromMustComeBeforeToAtMost366DaysApart() {
    assertThat(fieldOf(() -> parse("2020-03-02T00:00:00Z", "2020-03-02T00:00:00Z", null))).isEqualTo("to");
    assertThat(fieldOf(() -> parse("2020-03-03T00:00:00Z", "2020-03-02T00:00:00Z", null))).isEqualTo("to");
    assertThat(parse("2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z", null).to()).isEqualTo(Instant.parse("2021-01-01T00:00:00Z"));
    assertThat(fieldOf(() -> parse("2020-01-01T00:00:00Z", "2021-01-01T00:00:00.001Z", null))).isEqualTo("to");
    // A from in the future without a to: to is now, before from.
    assertThat(fieldOf(() -> parse("2027-01-01T00:00:00Z", null, null))).isEqualTo("to");
  }

  @Test
  void badValuesNameTheirField() {
    assertThat(fieldOf(() -> parse("last week", null, null))).isEqualTo("from");
    assertThat(fieldOf(() -> parse(null, "2020-02-30T00:00:00Z", null))).isEqualTo("to");
    assertThat(fieldOf(() -> parse(null, null, "year"))).isEqualTo("period");
    assertThat(fieldOf(() -> parse("2020-03-02T00:00:00Z", "2020-03-09T00:00:00Z", "week"))).isEqualTo("to");
    assertThatThrownBy(() -> GroupBy.parse("street")).isInstanceOf(InvalidInputException.class).hasMessageContaining("area");
    assertThat(GroupBy.parse(null)).isEqualTo(GroupBy.AREA);
    assertThat(GroupBy.parse(" Member ")).isEqualTo(GroupBy.MEMBER);
  }
}
