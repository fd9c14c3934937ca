package org.wangge.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * An evaluation as CSV (RFC 4180, CRLF line ends) for spreadsheets: a byte-order mark so that
 * Excel reads UTF-8, a header row in Chinese, one line per row and a last line for the total
 * (合计). Rates are fractions like the JSON's; empty cells stand for {@code null}.
 */
final class EvaluationCsv {

  static final String BOM = "\uFEFF";

  static final List<String> HEADERS =
      List.of(
          "代码", "名称", "立案数", "应结案数", "应结已结数", "结案率", "结案数", "按期结案数", "按期结案率", "返工数", "返工率", "延期数",
          "延期率", "受理数", "平均受理时长(小时)", "平均结案时长(小时)", "满意度", "满意度评价数", "标准地址数", "巡查覆盖地址数",
          "巡查覆盖率");

  private EvaluationCsv() {}

  static String write(Evaluation evaluation) {
    var out = new StringBuilder(BOM);
    line(out, HEADERS);
    for (EvaluationRow row : evaluation.rows()) {
      line(out, cells(row.key(), row.name(), row));
    }
    EvaluationRow total = evaluation.total();
    line(out, cells(total.key(), "合计 " + total.name(), total));
    return out.toString();
  }

  private static List<String> cells(String key, String name, EvaluationRow r) {
    List<String> cells = new ArrayList<>();
    cells.add(key);
    cells.add(name);
    for (Object value :
        new Object[] {
          r.opened(), r.dueToClose(), r.closedOfDue(), r.closureRate(), r.closed(), r.closedOnTime(), r.onTimeClosureRate(),
          r.reworked(), r.reworkRate(), r.extended(), r.extensionRate(), r.accepted(), r.averageHoursToAccept(),
          r.averageHoursToClose(), r.satisfaction(), r.satisfactionCount(), r.standardAddresses(), r.patrolledAddresses(),
          r.patrolCoverage()
        }) {
      cells.add(
          value == null
              ? null
              : value instanceof Double d ? java.math.BigDecimal.valueOf(d).toPlainString() : value.toString());
    }
    return cells;
  }

  private static void line(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  /**
   * A cell, quoted when it holds a comma, quote or line break; text that a spreadsheet would run
   * as a formula ({@code = + - @} first) is prefixed with an apostrophe.
   */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
