package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 风险隐患清单 (/risk-list.html) in headless Chromium at 1600×1000 on the embedded demo city, as a
 * district operator: this ISO week by default; another week picked shows the API's figures for
 * it, section by section; a header click sorts; the CSV and Excel links answer with their content
 * types and file names; the warning letter opens in a new tab; a week not yet begun is named on
 * the page. No console errors. Screenshots: {@code risk-list.png}, {@code risk-letter.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class RiskListPageIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private void waitUntilReady() {
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
  }

  private static String week(LocalDate day) {
    return String.format("%04d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private List<String> column(String table, String key) {
    List<String> values = new ArrayList<>();
    browser.findElements(By.cssSelector("#" + table + " tbody td[data-key='" + key + "']")).forEach(c -> values.add(c.getText()));
    return values;
  }

  private void pickWeek(String week) {
    js("const w = document.getElementById('week-picker'); w.value = arguments[0]; w.dispatchEvent(new Event('change'));", week);
    waitUntilReady();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> fetch(String href) {
    return (Map<String, Object>) browser.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0]).then(async r => done({status: r.status, type: r.headers.get('Content-Type'),"
            + " disposition: r.headers.get('Content-Disposition'), size: (await r.arrayBuffer()).byteLength}))"
            + ".catch(e => done({error: String(e)}));",
        href);
  }

  @Test
  void anOperatorPicksAWeekReadsSortsDownloadsAndPrintsTheLetter() throws IOException {
    browser.manage().window().setSize(new Dimension(1600, 1000));
    browser.get(url("/login.html"));
    chromium.consoleErrors();
    chromium.signIn(url("/risk-list.html"), "operator-district", Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().contains("/risk-list.html")) {
      browser.get(url("/risk-list.html"));
    }
    waitUntilReady();
    LocalDate today = LocalDate.now(SHANGHAI);
    assertThat(browser.findElement(By.id("week-picker")).getDomProperty("value")).isEqualTo(week(today));

    // Last week: the demo's history has cases in it.
    String lastWeek = week(today.minusWeeks(1));
    pickWeek(lastWeek);
    var response = Api.as(port, "operator-district").get("/api/risk-list?week=" + lastWeek);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode report = JSON.readTree(response.body());
    assertThat(report.get("totalCases").asLong()).as("the demo has cases last week").isPositive();
    assertThat(browser.findElement(By.id("summary")).getText())
        .contains(report.get("weekText").asString(), "本周上报 " + report.get("totalCases").asLong() + " 件",
            "超时未办结 " + report.get("overdueCount").asLong() + " 件", "高风险 " + report.get("highRiskCount").asLong() + " 件");
    for (String[] section : new String[][] {{"by-major", "byMajorClass"}, {"by-category", "byCategory"}, {"hot-grids", "hotGrids"}}) {
      List<String> codes = new ArrayList<>();
      List<String> counts = new ArrayList<>();
      report.get(section[1]).forEach(r -> {
        codes.add(r.get("code").asString());
        counts.add(r.get("count").asString());
      });
      assertThat(column(section[0], "code")).as(section[1]).isEqualTo(codes);
      assertThat(column(section[0], "count")).as(section[1]).isEqualTo(counts);
    }
    List<String> overdue = new ArrayList<>();
    report.get("overdue").forEach(c -> overdue.add(c.get("number").asString()));
    assertThat(column("overdue", "number")).isEqualTo(overdue);
    List<String> high = new ArrayList<>();
    report.get("highRisk").forEach(c -> high.add(c.get("number").asString()));
    assertThat(column("high-risk", "number")).isEqualTo(high);

    // Sorting the categories by name, then by count ascending.
    browser.findElement(By.cssSelector("#by-category th[data-key='count'] button")).click();
    assertThat(browser.findElement(By.cssSelector("#by-category th[data-key='count']")).getDomAttribute("aria-sort")).isEqualTo("ascending");
    assertThat(column("by-category", "count").stream().map(Long::parseLong).toList()).isSortedAccordingTo(Comparator.naturalOrder());
    browser.findElement(By.cssSelector("#overdue th[data-key='due'] button")).click();
    browser.findElement(By.cssSelector("#overdue th[data-key='due'] button")).click();
    assertThat(browser.findElement(By.cssSelector("#overdue th[data-key='due']")).getDomAttribute("aria-sort")).isEqualTo("descending");
    Map<String, String> dueOf = new java.util.HashMap<>();
    report.get("overdue").forEach(c -> dueOf.put(c.get("number").asString(), c.get("dueAt").asString()));
    List<String> shownDues = column("overdue", "number").stream().map(dueOf::get).toList();
    assertThat(shownDues).hasSize(overdue.size()).isSortedAccordingTo(Comparator.reverseOrder());
    js("document.querySelector('main').scrollTo(0, 0)");
    screenshot("risk-list.png");

    // Downloads: content type and file name.
    String code = report.get("area").get("code").asString();
    Map<String, Object> csv = fetch(browser.findElement(By.id("download-csv")).getDomProperty("href"));
    assertThat(csv.get("status")).isEqualTo(200L);
    assertThat((String) csv.get("type")).startsWith("text/csv");
    assertThat((String) csv.get("disposition")).contains("attachment", "risk-list_" + code + "_" + lastWeek + ".csv");
    Map<String, Object> xlsx = fetch(browser.findElement(By.id("download-xlsx")).getDomProperty("href"));
    assertThat(xlsx.get("status")).isEqualTo(200L);
    assertThat((String) xlsx.get("type")).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat((String) xlsx.get("disposition")).contains("risk-list_" + code + "_" + lastWeek + ".xlsx");
    assertThat((Long) xlsx.get("size")).isGreaterThan(1000L);

    // The letter opens in a new tab, printable.
    String desk = browser.getWindowHandle();
    browser.findElement(By.id("print-letter")).click();
    waitUpTo(10).until(d -> d.getWindowHandles().size() == 2);
    String letter = browser.getWindowHandles().stream().filter(h -> !h.equals(desk)).findFirst().orElseThrow();
    browser.switchTo().window(letter);
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector(".letter-title")).isEmpty());
    assertThat(browser.findElement(By.cssSelector(".letter-title")).getText()).contains("风险提示函");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains(report.get("area").get("name").asString());
    screenshot("risk-letter.png");
    browser.close();
    browser.switchTo().window(desk);

    // A week not begun yet is named on the page, and the links are off.
    pickWeek(week(today.plusWeeks(2)));
    WebElement error = browser.findElement(By.id("error"));
    waitUpTo(5).until(d -> error.isDisplayed());
    assertThat(error.getText()).contains("周次", week(today.plusWeeks(2)), "尚未开始");
    assertThat(browser.findElement(By.id("download-csv")).getDomAttribute("aria-disabled")).isEqualTo("true");

    // English.
    pickWeek(lastWeek);
    assertThat(error.isDisplayed()).isFalse();
    browser.findElement(By.id("lang-toggle")).click();
    waitUpTo(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("Risk list"));
    assertThat(browser.findElement(By.id("summary")).getText()).contains(report.get("totalCases").asLong() + " cases reported");
    assertThat(browser.findElement(By.cssSelector("#by-category th[data-key='count']")).getText()).contains("Cases");
    browser.findElement(By.id("lang-toggle")).click();
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }
}
