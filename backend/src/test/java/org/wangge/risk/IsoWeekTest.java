package org.wangge.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.wangge.web.InvalidInputException;

class IsoWeekTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z"); // a Wednesday, in 2026-W48

  @Test
  void aWeekRunsFromMondayMidnightToTheNextInShanghai() {
    IsoWeek w = IsoWeek.parse("week", "2020-W10", NOW, SHANGHAI);
    assertThat(w.monday()).isEqualTo(LocalDate.of(2020, 3, 2));
    assertThat(w.start()).isEqualTo(Instant.parse("2020-03-01T16:00:00Z"));
    assertThat(w.end()).isEqualTo(Instant.parse("2020-03-08T16:00:00Z"));
    assertThat(w).hasToString("2020-W10");
    assertThat(w.chinese()).isEqualTo("2020年第10周（3月2日—3月8日）");
  }

  @Test
  void weekOneCanStartInTheYearBefore() {
    IsoWeek w = IsoWeek.parse("week", "2026-w01", NOW, SHANGHAI);
    assertThat(w.monday()).isEqualTo(LocalDate.of(2025, 12, 29));
    assertThat(w.chinese()).isEqualTo("2026年第1周（12月29日—2026年1月4日）");
  }

  @Test
  void week53ExistsOnlyInLongYears() {
    assertThat(IsoWeek.parse("week", "2020-W53", NOW, SHANGHAI).monday()).isEqualTo(LocalDate.of(2020, 12, 28));
    assertThatThrownBy(() -> IsoWeek.parse("week", "2021-W53", NOW, SHANGHAI))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("weeks 01 to 52");
  }

  @Test
  void withoutAWeekItIsTheLastCompleteOne() {
    assertThat(IsoWeek.parse("week", null, NOW, SHANGHAI)).hasToString("2026-W47");
    // Sunday 23:30 in Shanghai is still inside W48, so the last complete week is W47 ...
    assertThat(IsoWeek.lastComplete(Instant.parse("2026-11-29T15:30:00Z"), SHANGHAI)).hasToString("2026-W47");
    // ... and half an hour later, Monday in Shanghai (still Sunday in UTC), W48 is complete.
    assertThat(IsoWeek.lastComplete(Instant.parse("2026-11-29T16:30:00Z"), SHANGHAI)).hasToString("2026-W48");
  }

  @Test
  void badOrFutureWeeksNameTheField() {
    for (String bad : new String[] {"2026-47", "W47", "2026-W00", "2026-W7", "2026-W47x", "2027-W01"}) {
      assertThatThrownBy(() -> IsoWeek.parse("week", bad, NOW, SHANGHAI))
          .as(bad)
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("week"));
    }
  }
}
