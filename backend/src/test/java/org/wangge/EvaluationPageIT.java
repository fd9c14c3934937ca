package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 考核 (/evaluation.html) in headless Chromium at 1600×1000 on the embedded demo city, as a
 * district operator: the table's rows and total are the API's for the page's period (by child
 * area, then by member); the charts plot the API's series; a header click sorts; the CSV link
 * answers with its content type and file name; an end date before the start is named on the page.
 * No console errors. Screenshot: {@code evaluation.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class EvaluationPageIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private void waitUntilReady() {
    waitUpTo(90).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
  }

  private JsonNode api(String path) {
    var response = Api.as(port, "operator-district").get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private List<String> column(String key) {
    List<String> values = new ArrayList<>();
    browser.findElements(By.cssSelector("#rows tbody td[data-key='" + key + "']")).forEach(c -> values.add(c.getText()));
    return values;
  }

  private static String percent(JsonNode rate) {
    if (rate.isNull()) {
      return "–";
    }
    return new java.math.BigDecimal(rate.asString()).movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
            .toPlainString()
        + "%";
  }

  @Test
  void anOperatorEvaluatesTheDistrictByStreetAndByMemberWithChartsAndCsv() throws IOException {
    browser.manage().window().setSize(new Dimension(1600, 1000));
    browser.get(url("/login.html"));
    chromium.consoleErrors();
    chromium.signIn(url("/evaluation.html"), "operator-district", Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().contains("/evaluation.html")) {
      browser.get(url("/evaluation.html"));
    }
    waitUntilReady();
    String from = (String) js("return window.wangge.evaluation.from");
    String to = (String) js("return window.wangge.evaluation.to");
    JsonNode stats = api("/api/stats?groupBy=area&from=" + from + "&to=" + to);
    List<String> names = new ArrayList<>();
    List<String> opened = new ArrayList<>();
    List<String> closure = new ArrayList<>();
    stats.get("rows").forEach(r -> {
      names.add(r.get("name").asString());
      opened.add(String.format(java.util.Locale.ROOT, "%,d", r.get("opened").asLong()));
      closure.add(percent(r.get("closureRate")));
    });
    assertThat(names).as("the district's streets").hasSizeGreaterThan(1);
    assertThat(column("name")).isEqualTo(names);
    assertThat(column("opened")).isEqualTo(opened);
    assertThat(column("closureRate")).isEqualTo(closure);
    JsonNode total = stats.get("total");
    String totalRow = browser.findElement(By.cssSelector("#total tr")).getText();
    assertThat(totalRow).contains("合计", String.format(java.util.Locale.ROOT, "%,d", total.get("opened").asLong()), percent(total.get("onTimeClosureRate")));
    assertThat(browser.findElement(By.id("summary")).getText())
        .contains(stats.get("area").get("name").asString(), "立案 " + String.format(java.util.Locale.ROOT, "%,d", total.get("opened").asLong()) + " 件",
            "结案率 " + percent(total.get("closureRate")));

    // The charts plot the series of the same period, week by week.
    JsonNode series = api("/api/stats/series?step=week&from=" + from + "&to=" + to);
    assertThat(series.get("points").size()).isBetween(11, 13);
    List<Object> expected = new ArrayList<>();
    series.get("points").forEach(p -> {
      JsonNode rate = p.get("figures").get("onTimeClosureRate");
      expected.add(rate.isNull() ? null : Math.round(rate.asDouble() * 1000) / 10.0);
    });
    @SuppressWarnings("unchecked")
    List<Object> plotted = (List<Object>) js("return window.wangge.charts.rates.data.datasets[1].data");
    assertThat(plotted).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(plotted.get(i) == null ? null : ((Number) plotted.get(i)).doubleValue()).as("week " + i).isEqualTo(expected.get(i));
    }
    List<Long> openedPerWeek = new ArrayList<>();
    series.get("points").forEach(p -> openedPerWeek.add(p.get("figures").get("opened").asLong()));
    @SuppressWarnings("unchecked")
    List<Object> bars = (List<Object>) js("return window.wangge.charts.counts.data.datasets[0].data");
    assertThat(bars.stream().map(b -> ((Number) b).longValue()).toList()).isEqualTo(openedPerWeek);
    assertThat(((Number) js("return document.getElementById('rates-chart').getBoundingClientRect().height")).doubleValue()).isGreaterThan(150);

    // Sorting by closure rate, descending after two clicks (no rate last).
    WebElement closureHeader = browser.findElement(By.cssSelector("#rows th[data-key='closureRate'] button"));
    closureHeader.click();
    closureHeader = browser.findElement(By.cssSelector("#rows th[data-key='closureRate'] button"));
    closureHeader.click();
    assertThat(browser.findElement(By.cssSelector("#rows th[data-key='closureRate']")).getDomAttribute("aria-sort")).isEqualTo("descending");
    List<Double> rates = column("closureRate").stream().filter(s -> !s.equals("–")).map(s -> Double.parseDouble(s.replace("%", ""))).toList();
    assertThat(rates).isSortedAccordingTo(Comparator.reverseOrder());
    screenshot("evaluation.png");

    // CSV of the table.
    @SuppressWarnings("unchecked")
    Map<String, Object> csv = (Map<String, Object>) browser.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(document.getElementById('download-csv').href).then(async r => done({status: r.status,"
            + " type: r.headers.get('Content-Type'), disposition: r.headers.get('Content-Disposition'), text: await r.text()}));");
    assertThat(csv.get("status")).isEqualTo(200L);
    assertThat((String) csv.get("type")).startsWith("text/csv");
    assertThat((String) csv.get("disposition")).contains("attachment", "evaluation-" + stats.get("area").get("code").asString() + "-area-", ".csv");
    assertThat((String) csv.get("text")).contains(names.getFirst());

    // By member: the API's members.
    new Select(browser.findElement(By.id("group-by"))).selectByValue("member");
    waitUpTo(60).until(d -> "member".equals(js("return window.wangge.evaluation.groupBy")));
    waitUntilReady();
    JsonNode byMember = api("/api/stats?groupBy=member&from=" + from + "&to=" + to);
    List<String> members = new ArrayList<>();
    byMember.get("rows").forEach(r -> members.add(r.get("name").asString()));
    // The sort picked above stays: the same rows, in closure-rate order.
    assertThat(column("name")).containsExactlyInAnyOrderElementsOf(members);
    assertThat(column("closureRate").stream().filter(s -> !s.equals("–")).map(s -> Double.parseDouble(s.replace("%", ""))).toList())
        .isSortedAccordingTo(Comparator.reverseOrder());

    // An end before the start is named on the page and nothing is loaded.
    js("const f = document.getElementById('to'); f.value = '2020-01-01'; f.dispatchEvent(new Event('change'));");
    WebElement error = browser.findElement(By.id("error"));
    waitUpTo(5).until(d -> error.isDisplayed());
    assertThat(error.getText()).contains("截止日期", "2020-01-01", "早于起始日期");
    assertThat(browser.findElement(By.id("download-csv")).getDomAttribute("aria-disabled")).isEqualTo("true");

    browser.findElement(By.id("lang-toggle")).click();
    waitUpTo(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("Evaluation"));
    assertThat(browser.findElement(By.cssSelector("#rows th[data-key='onTimeClosureRate']")).getText()).contains("On-time rate");
    browser.findElement(By.id("lang-toggle")).click();
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }
}
