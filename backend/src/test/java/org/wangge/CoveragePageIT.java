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

  /** The desk pages are tested at a desk's 1600×1000. */
  @org.junit.jupiter.api.BeforeAll
  void deskViewport() {
    viewport(1600, 1000);
  }

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
    firstGroup.findElements(By.cssSelector(".problem-row td:nth-child(2) small.code")).forEach(c -> codes.add(c.getText()));
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

  private List<String> navLinks() {
    return browser.findElements(By.cssSelector("#page-nav a")).stream().map(a -> a.getDomAttribute("id")).toList();
  }

  private List<Double> loadColumn(int index) {
    List<Double> values = new ArrayList<>();
    browser.findElements(By.cssSelector("#load-table tbody tr td:nth-child(" + index + ")"))
        .forEach(c -> values.add(Double.parseDouble(c.getText().replace(",", ""))));
    return values;
  }

  @Test
  void aCommunityLeaderReadsGridNamesALoadTableTheScoreRuleAndWhatToDo() throws IOException {
    open("leader-community");
    JsonNode report = report("leader-community", "360502001001");
    // The top bar: the pages of a grid leader, this one current; no planning, exchange or admin.
    assertThat(navLinks()).contains("map-link", "coverage-link").doesNotContain("planning-link", "exchange-link", "admin-link");
    assertThat(browser.findElement(By.id("coverage-link")).getDomAttribute("aria-current")).isEqualTo("page");

    // Problems name grids as a leader knows them (第NN网格, with the community), the code beside.
    Map<String, String> names = new LinkedHashMap<>();
    report.get("areas").forEach(a -> names.put(a.get("code").asString(), a.get("name").asString()));
    JsonNode staffing = null;
    for (JsonNode p : report.get("problems")) {
      if (p.get("codes").size() == 1 && p.get("codes").get(0).asString().length() == 15) {
        staffing = p;
        break;
      }
    }
    assertThat(staffing).as("a problem of one grid").isNotNull();
    String grid = staffing.get("codes").get(0).asString();
    WebElement row = browser.findElement(By.cssSelector(".problem-row[data-problem-id='" + staffing.get("id").asString() + "']"));
    assertThat(row.findElement(By.cssSelector(".area-name")).getText()).isEqualTo(names.get(grid));
    assertThat(row.findElement(By.cssSelector("small.code")).getText()).isEqualTo(grid);
    assertThat(row.findElement(By.cssSelector(".problem-message")).getText()).contains(names.get(grid)).doesNotContain(grid);
    for (WebElement area : browser.findElements(By.cssSelector(".problem-row .area-name"))) {
      assertThat(area.getText()).as("a name, not a code").doesNotContainPattern("^\\d{9,}");
    }

    // Load: a sortable row per grid (households, addresses, members, per full-time member, open cases).
    JsonNode grids = report.at("/load/grids");
    assertThat(browser.findElements(By.cssSelector("#load-table tbody tr"))).hasSize(grids.size()).isNotEmpty();
    var figures = Api.as(port, "leader-community").get("/api/map/areas?level=GRID&within=360502001001");
    JsonNode first = JSON.readTree(figures.body()).get(0);
    WebElement firstRow = browser.findElement(By.cssSelector("#load-table tr[data-grid='" + first.get("code").asString() + "']"));
    assertThat(firstRow.findElement(By.cssSelector("td:nth-child(4)")).getText()).isEqualTo(String.valueOf(first.get("members").asInt()));
    assertThat(firstRow.findElement(By.cssSelector("td:nth-child(7)")).getText()).isEqualTo(String.valueOf(first.get("open").asLong()));
    browser.findElement(By.cssSelector("#load-table [data-sort='households']")).click();
    waitUpTo(10).until(d -> "descending".equals(d.findElement(By.cssSelector("#load-table th:nth-child(2)")).getDomAttribute("aria-sort")));
    assertThat(loadColumn(2)).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    browser.findElement(By.cssSelector("#load-table [data-sort='households']")).click();
    waitUpTo(10).until(d -> "ascending".equals(d.findElement(By.cssSelector("#load-table th:nth-child(2)")).getDomAttribute("aria-sort")));
    assertThat(loadColumn(2)).isSortedAccordingTo(java.util.Comparator.naturalOrder());

    // The score explained: the report's penalties and how this area's score comes about.
    browser.findElement(By.cssSelector("#score-explained summary")).click();
    String rule = browser.findElement(By.id("score-rule")).getText();
    assertThat(rule).contains("高 10 分", "中 3 分", "低 1 分", "平均值", String.valueOf(report.get("score").asDouble()).replaceAll("\\.0$", ""));

    // Each kind of problem says what to do; a grid leader is told who does it (no link he cannot open).
    List<WebElement> groups = browser.findElements(By.cssSelector(".problem-group"));
    assertThat(groups).isNotEmpty().allSatisfy(g -> assertThat(g.findElement(By.cssSelector(".next-step")).getText()).startsWith("下一步"));
    assertThat(browser.findElements(By.cssSelector(".next-step a"))).isEmpty();
    assertThat(browser.findElement(By.cssSelector(".problem-group .next-step")).getText()).contains("规划人员或系统管理员");
    js("document.querySelector('.coverage-side').scrollTo(0, 0)");
    screenshot("coverage-leader.png");
    js("document.querySelector('#problems-title').scrollIntoView({block: 'start'})");
    screenshot("coverage-problems.png");
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void aPlannerIsLinkedFromEachProblemToThePageThatFixesIt() throws IOException {
    open("planner-district");
    browser.get(url("/coverage.html?area=360502001001"));
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
    assertThat(navLinks()).contains("map-link", "coverage-link", "planning-link", "exchange-link").doesNotContain("admin-link");
    List<WebElement> staffing = browser.findElements(By.cssSelector(".next-step[data-kind='NO_FULL_TIME_MEMBER'], .next-step[data-kind='OVERLOADED'], .next-step[data-kind='UNDERLOADED']"));
    assertThat(staffing).as("the demo community has load problems").isNotEmpty();
    for (WebElement step : browser.findElements(By.cssSelector(".next-step"))) {
      assertThat(step.findElements(By.cssSelector("a"))).as(step.getText()).isNotEmpty()
          .allSatisfy(a -> assertThat(a.getDomAttribute("href")).isIn("/planning.html", "/exchange.html"));
    }
    browser.findElement(By.id("lang-toggle")).click();
    waitUpTo(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("Coverage"));
    assertThat(browser.findElement(By.cssSelector(".next-step")).getText()).startsWith("What to do");
    assertThat(browser.findElement(By.cssSelector("#load-table th:nth-child(7)")).getText()).contains("Open cases");
    screenshot("coverage-planner-en.png");
    browser.findElement(By.id("lang-toggle")).click();
    waitUpTo(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("覆盖检查"));
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void aDepartmentOfficerHasNoLinkToThePage() {
    browser.get(url("/login.html"));
    chromium.consoleErrors();
    chromium.signIn(url("/"), "officer-dept", Api.DEMO_PASSWORD);
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
    assertThat(browser.findElements(By.id("coverage-link"))).as("no link for a department officer").isEmpty();
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }
}
