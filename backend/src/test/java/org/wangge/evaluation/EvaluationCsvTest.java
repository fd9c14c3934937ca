package org.wangge.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvaluationCsvTest {

  @Test
  void cellsAreQuotedWhenTheyMustBe() {
    assertThat(EvaluationCsv.cell(null)).isEmpty();
    assertThat(EvaluationCsv.cell("湖滨社区")).isEqualTo("湖滨社区");
    assertThat(EvaluationCsv.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(EvaluationCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(EvaluationCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void formulasAreDefusedButNegativeNumbersAreNot() {
    assertThat(EvaluationCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(EvaluationCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(EvaluationCsv.cell("-1.5")).isEqualTo("-1.5");
  }
}
