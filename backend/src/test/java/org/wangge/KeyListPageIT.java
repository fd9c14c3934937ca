package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 重点清单 (/key-list.html) in headless Chromium at 1600×1000 on the embedded demo city, as a district
 * operator: the rows are the API's key list in its order; a header click sorts (aria-sort); a blank
 * note is named on the page; a note and then the mark controlled show in the case's history as the
 * API keeps it, and the case moves to the controlled table with its note; English; the case number
 * opens the case on the command map; a grid leader may write notes but not mark. No console errors.
 * Screenshots: {@code key-list.png}, {@code key-list-en.png}. The demo case marked is restored after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class KeyListPageIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired JdbcTemplate jdbc;

  private Long marked;

  @AfterAll
  void restoreTheDemoCase() {
    if (marked != null) {
      jdbc.update("DELETE FROM key_case_note WHERE incident_id = ?", marked);
      jdbc.update("DELETE FROM key_case_control WHERE incident_id = ?", marked);
    }
  }

  private void open(String username) {
    browser.manage().window().setSize(new Dimension(1600, 1000));
    browser.get(url("/login.html"));
    chromium.consoleErrors();
    chromium.signIn(url("/key-list.html"), username, Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().contains("/key-list.html")) {
      browser.get(url("/key-list.html"));
    }
    waitUntilReady();
  }

  private void waitUntilReady() {
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
  }

  private JsonNode api(String username, String path) {
    var response = Api.as(port, username).get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private List<String> column(String table, String key) {
    List<String> values = new ArrayList<>();
    browser.findElements(By.cssSelector("#" + table + " tbody td[data-key='" + key + "']")).forEach(c -> values.add(c.getText()));
    return values;
  }

  private WebElement header(String table, String key) {
    return browser.findElement(By.cssSelector("#" + table + " th[data-key='" + key + "']"));
  }

  @Test
  void anOperatorReadsTheListNotesAndMarksACaseControlledAndOpensItOnTheMap() throws IOException {
    open("operator-district");
    JsonNode view = api("operator-district", "/api/key-list");
    List<String> numbers = new ArrayList<>();
    view.get("cases").forEach(c -> numbers.add(c.get("number").asString()));
    assertThat(numbers).as("the demo street has open high-risk cases").hasSizeGreaterThan(2);
    assertThat(column("open-cases", "number")).isEqualTo(numbers);
    assertThat(browser.findElement(By.id("summary")).getText()).contains(view.get("areaName").asString(), view.get("count").asInt() + " 件");
    assertThat(browser.findElement(By.id("page-nav")).getText()).contains("重点清单", "风险隐患清单", "考核");

    // Sorting: days open, ascending then descending, marked with aria-sort.
    header("open-cases", "days").findElement(By.tagName("button")).click();
    assertThat(header("open-cases", "days").getDomAttribute("aria-sort")).isEqualTo("ascending");
    List<Long> days = column("open-cases", "days").stream().map(s -> Long.parseLong(s.replace(",", ""))).toList();
    assertThat(days).isSortedAccordingTo(Comparator.naturalOrder());
    header("open-cases", "days").findElement(By.tagName("button")).click();
    assertThat(header("open-cases", "days").getDomAttribute("aria-sort")).isEqualTo("descending");
    assertThat(column("open-cases", "days").stream().map(s -> Long.parseLong(s.replace(",", ""))).toList())
        .isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(header("open-cases", "number").getDomAttribute("aria-sort")).isEqualTo("none");

    // The newest case: its panel, a blank note named, a note, then the mark.
    JsonNode chosen = view.get("cases").get(view.get("cases").size() - 1);
    String number = chosen.get("number").asString();
    marked = chosen.get("id").asLong();
    browser.findElement(By.cssSelector("#open-cases tr[data-number='" + number + "'] td[data-key='category']")).click();
    waitUpTo(10).until(d -> d.findElement(By.id("panel-title")).getText().equals(number));
    waitUpTo(10).until(d -> d.findElement(By.id("history")).getText().contains("尚无备注或管控记录"));
    browser.findElement(By.id("mark-controlled")).click();
    WebElement noteError = browser.findElement(By.id("note-error"));
    waitUpTo(5).until(d -> noteError.isDisplayed());
    assertThat(noteError.getText()).contains("请填写备注");
    assertThat(browser.findElement(By.id("note-text")).getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM key_case_note WHERE incident_id = ?", Long.class, marked)).isZero();

    browser.findElement(By.id("note-text")).sendKeys("已约谈业主，明日复查");
    browser.findElement(By.id("add-note")).click();
    waitUpTo(20).until(d -> d.findElements(By.cssSelector("#history li[data-kind='NOTE']")).size() == 1);
    assertThat(browser.findElement(By.id("history")).getText()).contains("已约谈业主，明日复查", "备注", "operator-district");
    assertThat(column("open-cases", "number")).contains(number);

    browser.findElement(By.id("note-text")).sendKeys("已落实专人盯守，每日回访");
    browser.findElement(By.id("mark-controlled")).click();
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#controlled-cases tr[data-number='" + number + "']")).isEmpty());
    waitUntilReady();
    assertThat(column("open-cases", "number")).doesNotContain(number);
    WebElement row = browser.findElement(By.cssSelector("#controlled-cases tr[data-number='" + number + "']"));
    assertThat(row.getText()).contains("已管控", "已落实专人盯守，每日回访", "operator-district");
    waitUpTo(20).until(d -> d.findElements(By.cssSelector("#history li[data-kind]")).size() == 2);
    JsonNode history = api("operator-district", "/api/key-list/" + marked + "/history");
    List<String> notes = new ArrayList<>();
    history.get("entries").forEach(e -> notes.add(e.get("note").asString()));
    assertThat(notes).containsExactly("已约谈业主，明日复查", "已落实专人盯守，每日回访");
    List<String> shown = new ArrayList<>();
    browser.findElements(By.cssSelector("#history li .text")).forEach(e -> shown.add(e.getText()));
    assertThat(shown).isEqualTo(notes);
    assertThat(browser.findElement(By.id("panel-control")).getText()).contains("标为已管控", "已落实专人盯守，每日回访");
    assertThat(browser.findElement(By.id("mark-controlled")).isDisplayed()).isFalse();
    screenshot("key-list.png");

    browser.findElement(By.id("lang-toggle")).click();
    waitUpTo(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("Key list"));
    assertThat(header("open-cases", "days").getText()).contains("Days open");
    assertThat(browser.findElement(By.id("history")).getText()).contains("Marked controlled");
    screenshot("key-list-en.png");
    browser.findElement(By.id("lang-toggle")).click();
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();

    // The number opens the case on the command map.
    WebElement link = browser.findElement(By.cssSelector("#controlled-cases tr[data-number='" + number + "'] a.case-link"));
    assertThat(link.getDomAttribute("href")).isEqualTo("/?case=" + number);
    link.click();
    waitUpTo(60).until(d -> d.findElement(By.id("card")).isDisplayed() && d.findElement(By.id("card")).getText().contains(number));
    browser.get(url("/login.html"));
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void aGridLeaderMayWriteNotesButNotMark() {
    open("leader-community");
    JsonNode view = api("leader-community", "/api/key-list");
    List<String> numbers = new ArrayList<>();
    view.get("cases").forEach(c -> numbers.add(c.get("number").asString()));
    assertThat(column("open-cases", "number")).isEqualTo(numbers);
    if (!numbers.isEmpty()) {
      browser.findElement(By.cssSelector("#open-cases tbody tr td[data-key='status']")).click();
      waitUpTo(10).until(d -> d.findElement(By.id("case-panel")).isDisplayed());
      assertThat(browser.findElement(By.id("add-note")).isDisplayed()).isTrue();
      assertThat(browser.findElement(By.id("mark-controlled")).isDisplayed()).isFalse();
      assertThat(browser.findElement(By.id("note-roles")).getText()).contains("网格长可添加备注");
    }
    assertThat(browser.findElement(By.id("keyList-link")).getDomAttribute("aria-current")).isEqualTo("page");
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }
}
