package org.wangge.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WarningLetterTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void everyTextIsEscapedAndNothingIsInline() {
    String html =
        new String(
            WarningLetter.html(RiskTablesTest.report("<b>城北</b>街道", "<script>alert(1)</script>", "胜利路\"1\"号 & 2号"), SHANGHAI),
            StandardCharsets.UTF_8);
    assertThat(html).contains("&lt;b&gt;城北&lt;/b&gt;街道：");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;（3件）");
    assertThat(html).contains("胜利路&quot;1&quot;号 &amp; 2号");
    assertThat(html).doesNotContain("<script", "<b>", "style=", "<style");
    assertThat(html).contains("<link rel=\"stylesheet\" href=\"/css/letter.css\">");
  }

  @Test
  void theLetterStatesTheFiguresWhatToDoTheDateAndTheIssuer() {
    String html = new String(WarningLetter.html(RiskTablesTest.report("城北街道", "暴露垃圾", "胜利路1号"), SHANGHAI), StandardCharsets.UTF_8);
    assertThat(html).contains("风险提示函", "城北街道：", "2020年第10周（3月2日—3月8日）", "共上报事件<strong>3</strong>件");
    assertThat(html).contains("暴露垃圾（3件）", "湖滨社区第01网格（3件）", "胜利路1号（2件）");
    assertThat(html).contains("超过处置时限仍未办结的事件<strong>1</strong>件", "高风险事件<strong>1</strong>件");
    assertThat(html).contains("纳入重点清单管控", "<td>SJ-1</td>", "<td>超期、高风险</td>");
    assertThat(html).contains("<p>新余市综治中心</p>", "<p>2026年11月25日</p>");
    // The same case is overdue and high risk: one row, nothing more to see elsewhere.
    assertThat(html).doesNotContain("另有");
  }
}
