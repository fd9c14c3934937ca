package org.wangge.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

class RiskTablesTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  static RiskReport report(String areaName, String categoryName, String address) {
    var c = new RiskReport.CaseRow(
        7, "SJ-1", "0102", categoryName, "360502001001001", "360502001001", "DISPATCHED", "HIGH",
        Instant.parse("2020-03-02T01:00:00Z"), Instant.parse("2020-03-03T01:00:00Z"));
    return new RiskReport(
        new RiskReport.Area("360502001", areaName, "STREET"),
        "2020-W10",
        "2020年第10周（3月2日—3月8日）",
        "Asia/Shanghai",
        Instant.parse("2020-03-01T16:00:00Z"),
        Instant.parse("2020-03-08T16:00:00Z"),
        Instant.parse("2026-11-25T03:00:00Z"),
        "新余市综治中心",
        3,
        List.of(new RiskReport.MajorCount("01", "市容环境", 3)),
        List.of(new RiskReport.CategoryCount("01", "市容环境", "0102", categoryName, 3)),
        List.of(new RiskReport.GridCount("360502001001001", "湖滨社区第01网格", 3)),
        List.of(new RiskReport.AddressCount(9, "A1", address, "360502001001001", 2)),
        1,
        List.of(c),
        1,
        List.of(c));
  }

  @Test
  void csvFieldsAreQuotedAndFormulasDefused() {
    assertThat(RiskTables.csvField("暴露垃圾")).isEqualTo("暴露垃圾");
    assertThat(RiskTables.csvField("a,b")).isEqualTo("\"a,b\"");
    assertThat(RiskTables.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(RiskTables.csvField("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(RiskTables.csvField("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(RiskTables.csvField("line\nbreak")).isEqualTo("\"line\nbreak\"");
  }

  @Test
  void csvStartsWithABomAndSeparatesSectionsByABlankLineAndTitle() {
    byte[] csv = RiskTables.csv(RiskTables.sections(report("城北街道", "暴露垃圾", "胜利路1号"), SHANGHAI));
    assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String text = new String(csv, StandardCharsets.UTF_8).substring(1);
    assertThat(text).startsWith("概况\r\n项目,内容\r\n区域编码,360502001\r\n");
    assertThat(text).contains("\r\n\r\n按小类统计\r\n大类编码,大类名称,小类编码,小类名称,件数\r\n01,市容环境,0102,暴露垃圾,3\r\n");
    assertThat(text).contains("\r\n\r\n超期案件\r\n案件编号,类别编码,类别名称,网格编码,状态,风险等级,上报时间,处置时限\r\n"
        + "SJ-1,0102,暴露垃圾,360502001001001,已派遣,高,2020-03-02 09:00,2020-03-03 09:00\r\n");
  }

  @Test
  void xlsxHasOneSheetPerSectionWithChineseHeaders() throws Exception {
    byte[] xlsx = RiskTables.xlsx(RiskTables.sections(report("城北街道", "暴露垃圾", "胜利路1号"), SHANGHAI));
    try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
      List<Sheet> sheets = workbook.getSheets().toList();
      assertThat(sheets).extracting(Sheet::getName)
          .containsExactly("概况", "按大类统计", "按小类统计", "热点网格", "热点地址", "超期案件", "高风险案件");
      List<Row> rows = sheets.get(4).read();
      assertThat(rows.get(0).getCellText(2)).isEqualTo("标准地址");
      assertThat(rows.get(1).getCellText(2)).isEqualTo("胜利路1号");
      assertThat(rows.get(1).getCellAsNumber(4)).hasValueSatisfying(n -> assertThat(n.intValue()).isEqualTo(2));
    }
  }

  @Test
  void chineseCharactersCountDoubleForColumnWidths() {
    assertThat(RiskTables.displayWidth("SJ-1")).isEqualTo(4);
    assertThat(RiskTables.displayWidth("城北街道")).isEqualTo(8);
    assertThat(RiskTables.displayWidth("（1）")).isEqualTo(5);
  }
}
