package org.wangge.risk;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/**
 * The risk warning letter (风险提示函) to an area, as one printable HTML page: the week's figures in
 * a few generated sentences (cases reported, the top three categories, the hot spots, overdue and
 * high-risk counts), what the area is asked to do, a table of the overdue and high-risk cases, the
 * date and the issuing centre. The page works under the service's Content-Security-Policy
 * ({@code style-src 'self'}, {@code script-src 'self'}): no inline style or script, only the
 * static {@code /css/letter.css} (A4 with {@code @page} and {@code @media print}). Every text from
 * the database is escaped.
 */
final class WarningLetter {

  /** At most this many cases in the letter's table; the rest are in the list itself. */
  static final int MAX_TABLE_ROWS = 20;

  private WarningLetter() {}

  static byte[] html(RiskReport r, ZoneId zone) {
    var h = new StringBuilder(8192);
    String area = r.area().name();
    h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>风险提示函 · ").append(esc(area)).append(" · ").append(esc(r.week())).append("</title>\n")
        .append("<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"/css/letter.css\">\n</head>\n<body class=\"letter-page\">\n")
        .append("<p class=\"screen-hint\">打印本页（Ctrl+P）即得 A4 提示函。</p>\n")
        .append("<main class=\"letter\">\n")
        .append("<h1 class=\"letter-title\">风险提示函</h1>\n")
        .append("<p class=\"letter-ref\">").append(esc(r.issuer())).append("　").append(esc(r.week())).append("</p>\n")
        .append("<p class=\"letter-to\">").append(esc(area)).append("：</p>\n");

    // The figures, in sentences.
    h.append("<p class=\"letter-text\">").append(esc(r.weekText())).append("，").append(esc(area));
    if (r.totalCases() == 0) {
      h.append("未上报事件。");
    } else {
      h.append("共上报事件<strong>").append(r.totalCases()).append("</strong>件");
      List<RiskReport.CategoryCount> top = r.byCategory().stream().limit(3).toList();
      h.append("，较多的类别是")
          .append(top.stream().map(c -> esc(c.name()) + "（" + c.count() + "件）").collect(Collectors.joining("、")))
          .append("。");
      if (!r.hotGrids().isEmpty()) {
        h.append("事件较集中的网格是")
            .append(
                r.hotGrids().stream()
                    .limit(3)
                    .map(g -> esc(g.name() != null ? g.name() : g.code()) + "（" + g.count() + "件）")
                    .collect(Collectors.joining("、")));
        if (!r.hotAddresses().isEmpty()) {
          h.append("；较集中的地址是")
              .append(
                  r.hotAddresses().stream()
                      .limit(3)
                      .map(a -> esc(a.fullText()) + "（" + a.count() + "件）")
                      .collect(Collectors.joining("、")));
        }
        h.append("。");
      }
    }
    h.append("</p>\n<p class=\"letter-text\">截至").append(esc(date(r.generatedAt().atZone(zone).toLocalDate()))).append("，");
    if (r.overdueCount() == 0 && r.highRiskCount() == 0) {
      h.append("辖区内没有超过处置时限未办结的事件，本周未上报高风险事件。请继续做好日常巡查，发现隐患及时上报。</p>\n");
    } else {
      h.append("辖区内超过处置时限仍未办结的事件<strong>").append(r.overdueCount()).append("</strong>件，本周上报的高风险事件<strong>")
          .append(r.highRiskCount()).append("</strong>件（明细见下表）。现提示如下：</p>\n")
          .append("<ol class=\"letter-asks\">\n");
      if (r.overdueCount() > 0) {
        h.append("<li>对超期事件逐件核查原因，明确责任人和化解时限，督促尽快办结销号；</li>\n");
      }
      if (r.highRiskCount() > 0) {
        h.append("<li>对高风险事件落实专人盯办，未化解的纳入重点清单管控，每日跟踪进展，防止风险升级；</li>\n");
      }
      if (!r.hotGrids().isEmpty()) {
        h.append("<li>对上述热点网格和地址加强巡查走访，从源头排查同类隐患；</li>\n");
      }
      h.append("<li>请于收函后三个工作日内将落实情况反馈本中心。</li>\n</ol>\n");
      table(h, r, zone);
    }
    h.append("<div class=\"letter-sign\">\n<p>").append(esc(r.issuer())).append("</p>\n<p>")
        .append(esc(date(r.generatedAt().atZone(zone).toLocalDate()))).append("</p>\n</div>\n")
        .append("</main>\n</body>\n</html>\n");
    return h.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void table(StringBuilder h, RiskReport r, ZoneId zone) {
    Map<Long, RiskReport.CaseRow> rows = new LinkedHashMap<>();
    r.overdue().forEach(c -> rows.put(c.id(), c));
    r.highRisk().forEach(c -> rows.putIfAbsent(c.id(), c));
    Set<Long> overdue = r.overdue().stream().map(RiskReport.CaseRow::id).collect(Collectors.toSet());
    h.append("<table class=\"letter-cases\">\n<caption>超期及高风险事件明细</caption>\n<thead><tr>")
        .append("<th>序号</th><th>案件编号</th><th>类别</th><th>网格</th><th>状态</th><th>处置时限</th><th>情形</th>")
        .append("</tr></thead>\n<tbody>\n");
    List<RiskReport.CaseRow> shown = new ArrayList<>(rows.values()).subList(0, Math.min(MAX_TABLE_ROWS, rows.size()));
    int n = 0;
    for (RiskReport.CaseRow c : shown) {
      List<String> marks = new ArrayList<>();
      if (overdue.contains(c.id())) {
        marks.add("超期");
      }
      if ("HIGH".equals(c.risk())) {
        marks.add("高风险");
      }
      h.append("<tr><td>").append(++n).append("</td><td>").append(esc(c.number())).append("</td><td>")
          .append(esc(c.categoryName())).append("</td><td>").append(esc(c.gridCode() != null ? c.gridCode() : c.areaCode()))
          .append("</td><td>").append(esc(Labels.status(c.status()))).append("</td><td>")
          .append(esc(RiskTables.time(c.dueAt(), zone))).append("</td><td>").append(esc(String.join("、", marks)))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
    // Cases beyond the table, plus those beyond the (capped) lists themselves.
    long more =
        rows.size() - shown.size() + (r.overdueCount() - r.overdue().size()) + (r.highRiskCount() - r.highRisk().size());
    if (more > 0) {
      h.append("<p class=\"letter-more\">另有").append(more).append("件，详见本周风险隐患清单。</p>\n");
    }
  }

  private static String date(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  private static String esc(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
