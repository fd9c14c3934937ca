package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coverage page in headless Chromium on the embedded demo city: the problems listed are the
 * API's (per kind and in all), the level scores are the API's, a click on a problem zooms the map
 * to it, the command map links to the page for the roles that may read it, and the console stays
 * clean (no Content-Security-Policy violation). Screenshot: {@code target/screenshots/coverage.png}.
 *
 * <p>Also: the grids' patrol coverage of the week, one row per grid as {@code GET
 * /api/patrols/coverage} reports it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class CoveragePageIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Signs in through the login form on the coverage page and waits until the report is drawn. */
  private void open(String username) {
    browser.get(url("/login.html"));
    chromium.consoleErrors();
    chromium.signIn(url("/coverage.html"), username, Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().contains("/coverage.html")) {
      browser.get(url("/coverage.html"));
    }
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
  }

  private JsonNode report(String username, String code) {
    var response = Api.as(port, username).get("/api/coverage/" + code);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Checks the page's lists against the API's report of the same area. */
  private JsonNode pageShowsTheReport(String username, String code) {
    JsonNode report = report(username, code);
    assertThat(js("return window.wangge.report.area.code")).isEqualTo(code);
    List<WebElement> rows = browser.findElements(By.cssSelector(".problem-row"));
    assertThat(rows).hasSize(report.get("problems").size());
    Map<String, Integer> apiCounts = new LinkedHashMap<>();
    report.get("counts").properties().forEach(e -> {
      if (e.getValue().asInt() > 0) {
        apiCounts.put(e.getKey(), e.getValue().asInt());
      }
    });
    Map<String, Integer> pageCounts = new LinkedHashMap<>();
    for (WebElement group : browser.findElements(By.cssSelector(".problem-group"))) {
      pageCounts.put(group.getDomAttribute("data-kind"), group.findElements(By.cssSelector(".problem-row")).size());
    }
    assertThat(pageCounts).isEqualTo(apiCounts);
    List<String> levels = new ArrayList<>();
    browser.findElements(By.cssSelector("#levels tbody tr")).forEach(r -> levels.add(r.getDomAttribute("data-level")));
    List<String> apiLevels = new ArrayList<>();
    report.get("levels").forEach(l -> apiLevels.add(l.get("level").asString()));
    assertThat(levels).isEqualTo(apiLevels);
    assertThat(browser.findElement(By.id("score")).getText())
        .contains(String.valueOf(report.get("score").asDouble()).replaceAll("\\.0$", ""));
    return report;
  }

  /** Clicks a problem's row and checks that the map zoomed to its box. */
  private void clickZoomsTo(JsonNode problem) {
    String id = problem.get("id").asString();
    long zoomBefore = ((Number) js("return window.wangge.map.getZoom()")).longValue();
    WebElement row = browser.findElement(By.cssSelector(".problem-row[data-problem-id='" + id + "']"));
    js("arguments[0].scrollIntoView({block: 'center'})", row);
    row.click();
    waitUpTo(10).until(d -> id.equals(d.findElement(By.tagName("html")).getDomAttribute("data-focused")));
    JsonNode bbox = problem.get("bbox");
    waitUpTo(10).until(d -> Boolean.TRUE.equals(js(
        "const m = window.wangge.map; return m.getBounds().contains(L.latLngBounds([arguments[1], arguments[0]], [arguments[3], arguments[2]]))",
        bbox.get(0).asDouble(), bbox.get(1).asDouble(), bbox.get(2).asDouble(), bbox.get(3).asDouble())));
    long zoomAfter = ((Number) js("return window.wangge.map.getZoom()")).longValue();
    assertThat(zoomAfter).as("zoomed in to the problem").isGreaterThan(zoomBefore);
    assertThat(row.getDomAttribute("class")).contains("selected");
    assertThat(((Number) js("let n = 0; window.wangge.map.eachLayer(() => n++); return n")).longValue()).isGreaterThan(3);
  }

  @Test
  void aCommunityLeaderSeesTheProblemsOfTheCommunityAndZoomsToOne() throws IOException {
    open("leader-community");
    JsonNode report = pageShowsTheReport("leader-community", "360502001001");
    assertThat(report.get("problems").size()).as("the demo community has load problems").isPositive();
    // The week's patrol coverage: a row per grid of the community, as the API reports it.
    var weekly = Api.as(port, "leader-community").get("/api/patrols/coverage?area=360502001001");
    assertThat(weekly.statusCode()).as(weekly.body()).isEqualTo(200);
    List<String> apiGrids = new ArrayList<>();
    JSON.readTree(weekly.body()).get("grids").forEach(g -> apiGrids.add(g.get("gridCode").asString()));
    assertThat(apiGrids).isNotEmpty();
    List<String> pageGrids = new ArrayList<>();
    browser.findElements(By.cssSelector("#patrol-coverage tbody tr")).forEach(r -> pageGrids.add(r.getDomAttribute("data-grid")));
    assertThat(pageGrids).containsExactlyInAnyOrderElementsOf(apiGrids);
    assertThat(browser.findElement(By.id("patrol-summary")).getText()).contains("50");
    clickZoomsTo(report.get("problems").get(0));
    screenshot("coverage.png");
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void aDistrictOperatorSortsByCodeSwitchesToEnglishAndFindsThePageFromTheMap() {
    open("operator-district");
    JsonNode report = pageShowsTheReport("operator-district", "360502");
    browser.findElement(By.cssSelector(".sort-bar .sort[data-sort='code']")).click();
    List<String> codes = new ArrayList<>();
    WebElement firstGroup = browser.findElement(By.cssSelector(".problem-group"));
    firstGroup.findElements(By.cssSelector(".problem-row td:nth-child(2)")).forEach(c -> codes.add(c.getText()));
    assertThat(codes).isSortedAccordingTo(String::compareTo);
    JsonNode last = report.get("problems").get(report.get("problems").size() - 1);
    clickZoomsTo(last);

    browser.findElement(By.id("lang-toggle")).click();
    waitUpTo(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("Coverage"));
    assertThat(browser.findElement(By.id("problem-count")).getText()).contains("problems");
    browser.findElement(By.id("lang-toggle")).click();

    browser.get(url("/"));
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
    WebElement link = browser.findElement(By.id("coverage-link"));
    assertThat(link.isDisplayed()).isTrue();
    assertThat(link.getDomAttribute("href")).isEqualTo("/coverage.html");
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void aDepartmentOfficerHasNoLinkToThePage() {
    browser.get(url("/login.html"));
    chromium.consoleErrors();
    chromium.signIn(url("/"), "officer-dept", Api.DEMO_PASSWORD);
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
    assertThat(browser.findElement(By.id("coverage-link")).isDisplayed()).isFalse();
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }
}
