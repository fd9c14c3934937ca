package org.wangge.risk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The weekly risk list as tables with Chinese headers, one per section (summary, major classes,
 * minor classes, hot grids, hot addresses, overdue cases, high-risk cases), written as CSV (UTF-8
 * with a byte-order mark so that Excel reads the Chinese; sections one after another, each after a
 * blank line and its title row) or as an .xlsx workbook (one sheet per section, bold frozen header
 * row, columns as wide as their content) with fastexcel.
 */
final class RiskTables {

  /** One section: a title, its column headers, and rows of strings and numbers. */
  record Section(String title, List<String> headers, List<List<Object>> rows) {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private RiskTables() {}

  static List<Section> sections(RiskReport r, ZoneId zone) {
    List<Section> sections = new ArrayList<>();
    sections.add(
        new Section(
            "概况",
            List.of("项目", "内容"),
            List.of(
                row("区域编码", r.area().code() == null ? "" : r.area().code()),
                row("区域名称", r.area().name()),
                row("周次", r.week()),
                row("时段", r.weekText()),
                row("上报事件数", r.totalCases()),
                row("超期未办结数", r.overdueCount()),
                row("高风险事件数", r.highRiskCount()),
                row("出具单位", r.issuer()),
                row("生成时间", time(r.generatedAt(), zone)))));
    sections.add(
        new Section(
            "按大类统计",
            List.of("大类编码", "大类名称", "件数"),
            r.byMajorClass().stream().map(m -> row(m.code(), m.name(), m.count())).toList()));
    sections.add(
        new Section(
            "按小类统计",
            List.of("大类编码", "大类名称", "小类编码", "小类名称", "件数"),
            r.byCategory().stream().map(c -> row(c.majorCode(), c.majorName(), c.code(), c.name(), c.count())).toList()));
    List<List<Object>> grids = new ArrayList<>();
    for (int i = 0; i < r.hotGrids().size(); i++) {
      var g = r.hotGrids().get(i);
      grids.add(row(i + 1, g.code(), g.name(), g.count()));
    }
    sections.add(new Section("热点网格", List.of("排名", "网格编码", "网格名称", "件数"), grids));
    List<List<Object>> addresses = new ArrayList<>();
    for (int i = 0; i < r.hotAddresses().size(); i++) {
      var a = r.hotAddresses().get(i);
      addresses.add(row(i + 1, a.code(), a.fullText(), a.gridCode(), a.count()));
    }
    sections.add(new Section("热点地址", List.of("排名", "地址编码", "标准地址", "网格编码", "件数"), addresses));
    List<String> caseHeaders = List.of("案件编号", "类别编码", "类别名称", "网格编码", "状态", "风险等级", "上报时间", "处置时限");
    sections.add(new Section("超期案件", caseHeaders, r.overdue().stream().map(c -> caseRow(c, zone)).toList()));
    sections.add(new Section("高风险案件", caseHeaders, r.highRisk().stream().map(c -> caseRow(c, zone)).toList()));
    return sections;
  }

  private static List<Object> caseRow(RiskReport.CaseRow c, ZoneId zone) {
    return row(
        c.number(),
        c.categoryCode(),
        c.categoryName(),
        c.gridCode() != null ? c.gridCode() : c.areaCode(),
        Labels.status(c.status()),
        Labels.risk(c.risk()),
        time(c.reportedAt(), zone),
        time(c.dueAt(), zone));
  }

  private static List<Object> row(Object... cells) {
    List<Object> row = new ArrayList<>(cells.length);
    for (Object cell : cells) {
      row.add(cell == null ? "" : cell);
    }
    return row;
  }

  static String time(Instant instant, ZoneId zone) {
    return instant == null ? "" : TIME.format(instant.atZone(zone));
  }

  // CSV ---------------------------------------------------------------------------------------

  /** RFC 4180 CSV (CRLF line ends) in UTF-8 with a byte-order mark. */
  static byte[] csv(List<Section> sections) {
    var out = new StringBuilder("\uFEFF");
    for (int s = 0; s < sections.size(); s++) {
      Section section = sections.get(s);
      if (s > 0) {
        out.append("\r\n");
      }
      out.append(csvField(section.title())).append("\r\n");
      line(out, new ArrayList<>(section.headers()));
      for (List<Object> row : section.rows()) {
        line(out, row);
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder out, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object cell = cells.get(i);
      out.append(cell instanceof Number n ? n.toString() : csvField(String.valueOf(cell)));
    }
    out.append("\r\n");
  }

  /**
   * One text field: quoted when it holds a comma, quote or line break; a text that a spreadsheet
   * would run as a formula ({@code = + - @}, tab, carriage return) gets a leading apostrophe.
   */
  static String csvField(String text) {
    String value = text;
    if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
      value = "'" + value;
    }
    if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }

  // XLSX --------------------------------------------------------------------------------------

  /** One sheet per section: bold header row, frozen below it, columns sized to their content. */
  static byte[] xlsx(List<Section> sections) {
    var bytes = new ByteArrayOutputStream();
    try {
      Workbook workbook = new Workbook(bytes, "Wangge", "1.0");
      for (Section section : sections) {
        Worksheet sheet = workbook.newWorksheet(section.title());
        List<String> headers = section.headers();
        double[] widths = new double[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
          sheet.value(0, c, headers.get(c));
          widths[c] = displayWidth(headers.get(c));
        }
        sheet.range(0, 0, 0, headers.size() - 1).style().bold().fillColor("DDE4EC").set();
        for (int r = 0; r < section.rows().size(); r++) {
          List<Object> row = section.rows().get(r);
          for (int c = 0; c < row.size(); c++) {
            Object cell = row.get(c);
            if (cell instanceof Number n) {
              sheet.value(r + 1, c, n);
            } else {
              sheet.value(r + 1, c, String.valueOf(cell));
            }
            widths[c] = Math.max(widths[c], displayWidth(String.valueOf(cell)));
          }
        }
        for (int c = 0; c < widths.length; c++) {
          sheet.width(c, Math.min(60, Math.max(8, widths[c] + 2)));
        }
        sheet.freezePane(0, 1);
        sheet.finish();
      }
      workbook.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Characters as a spreadsheet column counts them: a Chinese character is about two. */
  static double displayWidth(String text) {
    double width = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      width += Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN || cp >= 0x3000 && cp <= 0x30FF || cp >= 0xFF00 && cp <= 0xFFEF ? 2 : 1;
      i += Character.charCount(cp);
    }
    return width;
  }
}
