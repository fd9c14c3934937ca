package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 工作日历 (/calendar.html) in headless Chromium at 1600×1000 on the embedded demo city, as the ADMIN:
 * 2026 shows 春节 on 17 February coloured and named; a blank name is named on the page; the ADMIN
 * makes a past weekday a holiday with a name and sees it coloured, named and in the list (which the
 * API confirms), still there after a reload; the list sorts (aria-sort); English; the day is cleared
 * again. No console errors. Screenshots: {@code calendar.png}, {@code calendar-en.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class CalendarPageIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A Thursday in the past, so that no live deadline moves while the test has it as a holiday. */
  private static final String DAY = "2026-03-12";

  private static final String NAME = "城市纪念日";

  @AfterAll
  void clearTheDay() {
    Api.as(port, "admin").delete("/api/calendar/days/" + DAY); // 204, or 404 when the test cleared it
  }

  private WebDriverWait waiting() {
    var wait = new WebDriverWait(browser, java.time.Duration.ofSeconds(60));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private void waitUntilReady() {
    waiting().until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
  }

  private WebElement day(String date) {
    return browser.findElement(By.cssSelector("#months button[data-date='" + date + "']"));
  }

  private List<String> entryDates() {
    return browser.findElements(By.cssSelector("#entries tbody tr[data-date]")).stream().map(r -> r.getDomAttribute("data-date")).toList();
  }

  private JsonNode entry(String date) {
    JsonNode year = JSON.readTree(Api.as(port, "admin").get("/api/calendar?year=" + date.substring(0, 4)).body());
    for (JsonNode d : year.get("days")) {
      if (d.get("date").asString().equals(date)) {
        return d;
      }
    }
    return null;
  }

  @Test
  void theAdminMarksADayAsAHolidayAndSeesItColouredListedAndKept() throws IOException {
    browser.get(url("/login.html"));
    chromium.signIn(url("/calendar.html?year=2026"), "admin", Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().contains("/calendar.html")) {
      browser.get(url("/calendar.html?year=2026"));
    }
    viewport(1600, 1000);
    waitUntilReady();
    chromium.consoleErrors();

    assertThat(browser.findElement(By.id("year")).getDomProperty("value")).isEqualTo("2026");
    assertThat(browser.findElements(By.cssSelector("#months .month"))).hasSize(12);
    WebElement spring = day("2026-02-17");
    assertThat(spring.getDomAttribute("class")).contains("day-holiday");
    assertThat(spring.getText()).contains("17", "春节");
    assertThat(day("2026-02-14").getDomAttribute("class")).contains("day-makeup"); // 春节调休上班, a Saturday
    assertThat(day("2026-12-05").getDomAttribute("class")).contains("day-weekend").doesNotContain("day-holiday");
    assertThat(entryDates()).hasSize(39).contains("2026-02-17", "2026-10-10");
    assertThat(browser.findElement(By.id("summary")).getText()).contains("33", "6");
    assertThat(browser.findElement(By.id("calendar-link")).getDomAttribute("aria-current")).isEqualTo("page");

    // A weekday without an entry: the panel offers 放假, and a blank name is named on the page.
    assertThat(entry(DAY)).isNull();
    day(DAY).click();
    assertThat(browser.findElement(By.id("day-title")).getText()).contains("2026", "3", "12");
    assertThat(browser.findElement(By.cssSelector("input[name='kind'][value='HOLIDAY']")).isSelected()).isTrue();
    assertThat(browser.findElement(By.id("day-clear")).isDisplayed()).isFalse();
    browser.findElement(By.id("day-save")).click();
    WebElement error = browser.findElement(By.id("day-error"));
    assertThat(error.isDisplayed()).isTrue();
    assertThat(error.getText()).contains("名称");
    assertThat(entry(DAY)).isNull();

    browser.findElement(By.id("day-name")).sendKeys(NAME);
    browser.findElement(By.id("day-save")).click();
    waiting().until(d -> entryDates().contains(DAY));
    waitUntilReady();
    assertThat(day(DAY).getDomAttribute("class")).contains("day-holiday", "day-selected");
    assertThat(day(DAY).getText()).contains(NAME);
    WebElement row = browser.findElement(By.cssSelector("#entries tbody tr[data-date='" + DAY + "']"));
    assertThat(row.getText()).contains(NAME, "放假", "admin");
    assertThat(browser.findElement(By.id("day-facts")).getText()).contains(NAME, "admin");
    JsonNode saved = entry(DAY);
    assertThat(saved.get("kind").asString()).isEqualTo("HOLIDAY");
    assertThat(saved.get("name").asString()).isEqualTo(NAME);
    assertThat(saved.get("changedBy").asString()).isEqualTo("admin");
    js("document.querySelector('main').scrollTop = 0");
    screenshot("calendar.png");

    // Kept: after a reload the day is still coloured, named and listed.
    browser.navigate().refresh();
    waitUntilReady();
    assertThat(day(DAY).getDomAttribute("class")).contains("day-holiday");
    assertThat(day(DAY).getText()).contains(NAME);
    assertThat(entryDates()).contains(DAY).hasSize(40);

    // The list sorts by name; the year switcher loads 2025 and back.
    WebElement nameHead = browser.findElement(By.cssSelector("#entries th[data-key='name']"));
    nameHead.findElement(By.tagName("button")).click();
    assertThat(browser.findElement(By.cssSelector("#entries th[data-key='name']")).getDomAttribute("aria-sort")).isEqualTo("ascending");
    browser.findElement(By.id("year-prev")).click();
    waiting().until(d -> "2025".equals(d.findElement(By.id("year")).getDomProperty("value")) && !entryDates().contains(DAY));
    waitUntilReady();
    assertThat(entryDates()).hasSize(33).contains("2025-10-08");
    assertThat(day("2025-01-28").getText()).contains("春节");
    browser.findElement(By.id("year-next")).click();
    waiting().until(d -> entryDates().contains(DAY));
    waitUntilReady();

    // English.
    browser.findElement(By.id("lang-toggle")).click();
    waiting().until(d -> d.findElement(By.tagName("h1")).getText().equals("Working calendar"));
    day(DAY).click();
    assertThat(browser.findElement(By.id("day-facts")).getText()).contains("Holiday", NAME);
    assertThat(browser.findElement(By.cssSelector("#entries th[data-key='kind']")).getText()).contains("Kind");
    js("document.querySelector('main').scrollTop = 0");
    screenshot("calendar-en.png");
    browser.findElement(By.id("lang-toggle")).click();
    waiting().until(d -> d.findElement(By.tagName("h1")).getText().equals("工作日历"));

    // Cleared again: an ordinary Thursday.
    day(DAY).click();
    browser.findElement(By.id("day-clear")).click();
    waiting().until(d -> !entryDates().contains(DAY));
    waitUntilReady();
    assertThat(day(DAY).getDomAttribute("class")).doesNotContain("day-holiday");
    assertThat(entry(DAY)).isNull();
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }
}
