package org.wangge.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void ratesHaveFourDecimalsAndAreNullWithoutADenominator() {
    assertThat(Figures.rate(2, 3)).isEqualTo(0.6667);
    assertThat(Figures.rate(1, 3)).isEqualTo(0.3333);
    assertThat(Figures.rate(3, 3)).isEqualTo(1.0);
    assertThat(Figures.rate(0, 0)).isNull();
  }

  @Test
  void hoursAreWallClockMeansToOneDecimal() {
    // 36 h, 96 h and 106 h: 79.33 h.
    assertThat(Figures.hours(BigDecimal.valueOf((36 + 96 + 106) * 3600L), 3)).isEqualTo(79.3);
    // 2.25 h rounds half up to 2.3.
    assertThat(Figures.hours(BigDecimal.valueOf(8100), 1)).isEqualTo(2.3);
    assertThat(Figures.hours(BigDecimal.ZERO, 0)).isNull();
  }

  @Test
  void aTotalIsTheSumOfItsGroups() {
    var a = new Figures(3, 4, 2, 2, 1, 1, 1, BigDecimal.valueOf(132 * 3600), 3, BigDecimal.valueOf(8 * 3600), 2, 8);
    var b = new Figures(2, 2, 2, 1, 1, 0, 0, BigDecimal.valueOf(106 * 3600), 1, BigDecimal.valueOf(2 * 3600), 1, 4);
    EvaluationRow total = Figures.NONE.plus(a).plus(b).row("x", "X");
    assertThat(List.of(total.opened(), total.dueToClose(), total.closedOfDue(), total.closed(), total.accepted()))
        .containsExactly(5L, 6L, 4L, 3L, 4L);
    assertThat(total.closureRate()).isEqualTo(0.6667);
    assertThat(total.averageHoursToAccept()).isEqualTo(2.5);
    assertThat(total.averageHoursToClose()).isEqualTo(79.3);
    assertThat(total.satisfaction()).isEqualTo(4.0);
    assertThat(Figures.NONE.row("x", "X").satisfaction()).isNull();
  }
}
