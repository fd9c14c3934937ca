package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command map in headless Chromium (Debian's {@code chromium} and {@code chromium-driver})
 * against the app on the embedded database with no basemap (so no internet is needed): areas and
 * cases are drawn, a report posted through the API appears live, filters change what is shown, the
 * case card offers the actions the role allows and one works, the wall view and the English switch.
 * Screenshots of the desk and wall views go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class CommandMapIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String GRID1 = "360502001001001";

  @Autowired JdbcTemplate jdbc;

  /** Signs in through the login form and waits until the first view is interactive. */
  private void open(String username, String path) {
    leaveTheMap();
    chromium.signIn("http://localhost:" + port + path, username, Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().endsWith(path)) {
      browser.get("http://localhost:" + port + path);
    }
    waitUntilReady();
  }

  /**
   * Leaves the previous test's map (its requests stop, so none runs into the signing out) for a
   * page of the same host, whose cookies signIn then deletes (WebDriver deletes the current page's
   * cookies only); forgets that page's console.
   */
  private void leaveTheMap() {
    browser.get("http://localhost:" + port + "/login.html");
    chromium.consoleErrors();
  }

  private void waitUntilReady() {
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
  }

  private long casesDrawn() {
    waitUpTo(30).until(d -> "false".equals(d.findElement(By.tagName("html")).getDomAttribute("data-cases-loading")));
    return ((Number) js("return window.wangge.caseLayer.cases().length")).longValue();
  }

  private long apiTotal(String username, String query) {
    var response = Api.as(port, username).get("/api/incidents?size=1&" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("total").asLong();
  }

  private static final String OPEN = "status=REPORTED,DISPATCHED,ACCEPTED,IN_PROGRESS,HANDLED";

  /** Painted (non-transparent) pixels over every canvas tile of the area layers. */
  private long paintedAreaPixels() {
    return ((Number)
            js(
                """
                let painted = 0;
                document.querySelectorAll('.leaflet-overlay-pane canvas.leaflet-tile').forEach((c) => {
                  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  for (let i = 3; i < data.length; i += 16) { if (data[i] > 0) painted++; }
                });
                return painted;
                """))
        .longValue();
  }

  private void waitForTiles() {
    waitUpTo(30).until(d -> ((Number) js("return window.wangge.tilesLoading()")).intValue() == 0);
  }

  private Coordinate insideGrid(String code) {
    byte[] wkb =
        jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, code);
    try {
      return new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private String gridCategory() {
    return jdbc.queryForObject(
        "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
  }

  /** Reports a case in grid 1 through the API as the city operator; returns its number and id. */
  private JsonNode report(String description) {
    Coordinate at = insideGrid(GRID1);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("lon", at.x);
    body.put("lat", at.y);
    body.put("categoryCode", gridCategory());
    body.put("description", description);
    body.put("source", "HOTLINE");
    var response = Api.as(port, "operator-city").post("/api/incidents", JSON.writeValueAsString(body));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  @Test
  void theDeskViewDrawsAreasAndEveryOpenCaseWithNoBasemapAndNoConsoleErrors() throws IOException {
    open("operator-city", "/");
    // No basemap configured: no image tiles are requested (the map works with no internet).
    assertThat(browser.findElement(By.id("map")).getDomAttribute("data-basemap")).isEqualTo("none");
    assertThat(browser.findElements(By.cssSelector("img.leaflet-tile"))).isEmpty();

    // The areas of the level for this zoom are drawn from vector tiles, with labels.
    waitForTiles();
    assertThat(paintedAreaPixels()).isPositive();
    assertThat(browser.findElements(By.cssSelector(".area-label"))).isNotEmpty();

    // Every open case of the city is on the map (clustered) and counted like the API counts it.
    assertThat(casesDrawn()).isEqualTo(apiTotal("operator-city", OPEN));
    assertThat(browser.findElements(By.cssSelector(".case-cluster"))).isNotEmpty();
    assertThat(browser.findElement(By.id("summary")).getText()).contains("未办结");
    assertThat(Integer.parseInt(browser.findElement(By.id("case-list")).getDomAttribute("data-rows"))).isPositive();
    waitUpTo(20).until(d -> "online".equals(d.findElement(By.id("live-status")).getDomAttribute("data-state")));

    // Zoomed in to the grid level, the grids are drawn.
    Coordinate at = insideGrid(GRID1);
    js("window.wangge.map.setView([arguments[0], arguments[1]], 16)", at.y, at.x);
    waitUpTo(20).until(d -> "GRID".equals(d.findElement(By.id("map")).getDomAttribute("data-level")));
    waitForTiles();
    waitUpTo(20).until(d -> paintedAreaPixels() > 0);
    js("window.wangge.drillTo(null)");
    waitForTiles();
    screenshot("command-desk.png");
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void thePatrolTracksOverlayShowsTheTracksOfTheLastWeekInView() {
    // A patrol of three days ago in grid 2 (outside the windows the field contract counts coverage in).
    var member = Api.as(port, "member-grid2");
    Instant started = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    var start = member.post("/api/patrols", "{\"startedAt\":\"" + started + "\"}");
    if (start.statusCode() == 200) { // an earlier patrol is still active: end it first
      member.post("/api/patrols/" + JSON.readTree(start.body()).get("id").asLong() + "/stop", "{}");
      start = member.post("/api/patrols", "{\"startedAt\":\"" + started + "\"}");
    }
    assertThat(start.statusCode()).as(start.body()).isEqualTo(201);
    long id = JSON.readTree(start.body()).get("id").asLong();
    Coordinate at = insideGrid("360502001001002");
    List<String> points = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      points.add("{\"lon\":" + (at.x + Wgs84.metresToDegreesLon(40.0 * i, at.y)) + ",\"lat\":" + at.y + ",\"at\":\"" + started.plusSeconds(30L * (i + 1)) + "\"}");
    }
    var uploaded = member.post("/api/patrols/" + id + "/points", "{\"points\":[" + String.join(",", points) + "]}");
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    assertThat(member.post("/api/patrols/" + id + "/stop", "{\"endedAt\":\"" + started.plusSeconds(300) + "\"}").statusCode()).isEqualTo(200);

    open("operator-street", "/");
    var toggle = By.xpath("//label[contains(., '巡查轨迹')]//input[@type='checkbox']");
    assertThat(browser.findElement(toggle).isSelected()).isFalse();
    // Paths are drawn on the map's canvas: count the overlay's layers and check the patrol is one.
    assertThat(js("return window.wangge.patrols.layer.getLayers().length")).isEqualTo(0L);
    browser.findElement(toggle).click();
    String shown = "return window.wangge.map.hasLayer(window.wangge.patrols.layer) && window.wangge.patrols.layer.getLayers()"
        + ".some((l) => l.feature.properties.id === " + id + ")";
    waitUpTo(30).until(d -> Boolean.TRUE.equals(js(shown)));
    assertThat(js("return document.querySelector('.leaflet-container').dataset.patrolTracks")).isNotNull();
    assertThat(js("return window.wangge.patrols.layer.getLayers().every((l) => l.feature.geometry.type === 'LineString')")).isEqualTo(true);
    browser.findElement(toggle).click();
    waitUpTo(30).until(d -> Boolean.FALSE.equals(js("return window.wangge.map.hasLayer(window.wangge.patrols.layer)")));
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void aStreetOperatorSeesOnlyTheStreetsCases() {
    open("operator-street", "/");
    assertThat(casesDrawn()).isEqualTo(apiTotal("operator-street", OPEN)).isLessThan(apiTotal("operator-city", OPEN));
    @SuppressWarnings("unchecked")
    List<String> grids = (List<String>) js("return window.wangge.caseLayer.cases().map((c) => c.gridCode || '')");
    assertThat(grids).isNotEmpty().allSatisfy(code -> assertThat(code).startsWith("360502001"));
    assertThat(browser.findElement(By.cssSelector("#breadcrumb li")).getText()).isNotBlank();
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void aReportPostedThroughTheApiAppearsOnTheOpenMapLive() {
    open("operator-city", "/");
    waitUpTo(20).until(d -> "online".equals(d.findElement(By.id("live-status")).getDomAttribute("data-state")));
    long before = casesDrawn();
    JsonNode created = report("浏览器测试：实时上报");
    String number = created.get("number").asString();
    waitUpTo(10).until(d -> js("return window.wangge.caseSeen(arguments[0])", number) != null);
    assertThat(((Number) js("return window.wangge.caseLayer.cases().length")).longValue()).isEqualTo(before + 1);
    // The new case is in the list when it is in view.
    js("window.wangge.map.setView([arguments[0], arguments[1]], 17)", created.get("lat").asDouble(), created.get("lon").asDouble());
    waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#case-list tr[data-number='" + number + "']")).isEmpty());
  }

  @Test
  void afterALostConnectionTheMapSaysItIsOfflineAndResumesWithoutMissingAChange() throws IOException {
    try (var proxy = new CuttableProxy(port)) {
      // Signed in directly; the session cookie also goes to the proxy's port (cookies ignore ports).
      leaveTheMap();
      chromium.signIn("http://localhost:" + port + "/", "operator-city", Api.DEMO_PASSWORD);
      browser.get("http://localhost:" + proxy.port() + "/");
      waitUntilReady();
      waitUpTo(20).until(d -> "online".equals(d.findElement(By.id("live-status")).getDomAttribute("data-state")));

      proxy.cut();
      waitUpTo(20).until(d -> "offline".equals(d.findElement(By.id("live-status")).getDomAttribute("data-state")));
      assertThat(browser.findElement(By.id("live-status")).getText()).contains("离线");
      // Reported while the map is cut off: it must arrive after the reconnection.
      String number = report("浏览器测试：离线期间上报").get("number").asString();
      assertThat(js("return window.wangge.caseSeen(arguments[0])", number)).isNull();

      proxy.restore();
      waitUpTo(30).until(d -> js("return window.wangge.caseSeen(arguments[0])", number) != null);
      waitUpTo(10).until(d -> "online".equals(d.findElement(By.id("live-status")).getDomAttribute("data-state")));
      assertThat(browser.findElement(By.id("error")).isDisplayed()).as("no error box for a lost connection").isFalse();
      // The console shows only the lost connection itself (the stream and fetches cut or refused).
      assertThat(chromium.consoleErrors())
          .allSatisfy(e -> assertThat(e.getMessage()).containsAnyOf("ERR_INCOMPLETE_CHUNKED_ENCODING", "ERR_CONNECTION_REFUSED",
              "ERR_CONNECTION_RESET", "ERR_EMPTY_RESPONSE", "Failed to fetch"));
    }
  }

  @Test
  void aFilterChangesWhatIsShown() {
    open("operator-city", "/");
    long all = casesDrawn();
    browser.findElement(By.cssSelector("#filter-risk input[value='HIGH']")).click();
    waitUpTo(20).until(d -> casesDrawn() != all);
    assertThat(casesDrawn()).isEqualTo(apiTotal("operator-city", OPEN + "&risk=HIGH")).isLessThan(all);
    new Select(browser.findElement(By.id("filter-window"))).selectByValue("7d");
    long highRecent = casesDrawn();
    assertThat(highRecent).isLessThanOrEqualTo(apiTotal("operator-city", OPEN + "&risk=HIGH"));
    browser.findElement(By.id("filter-reset")).click();
    waitUpTo(20).until(d -> casesDrawn() == all);
  }

  @Test
  void theCaseCardOffersOnlyTheActionsTheRoleAllowsAndADispatchWorks() {
    JsonNode created = report("浏览器测试：派遣");
    String number = created.get("number").asString();
    String status = created.get("status").asString();
    open("operator-street", "/");
    search(number);
    waitUpTo(20).until(d -> d.findElement(By.cssSelector("#card .action-buttons")));
    long id = created.get("id").asLong();
    // Exactly what the server allows this user now, and nothing a street operator may not do.
    List<String> offered = actionsOffered();
    assertThat(offered).containsExactlyInAnyOrderElementsOf(allowed("operator-street", id));
    assertThat(offered).contains("DISPATCH", "ESCALATE", "CANCEL").doesNotContain("WHISTLE_DONE", "CLOSE", "FOLLOW_UP");
    if (!"REPORTED".equals(status)) {
      // Routed straight to the grid member: an operator may reassign or urge.
      assertThat(offered).contains("URGE");
    }
    waitUpTo(10)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> {
          d.findElement(By.cssSelector("#card button[data-action='DISPATCH']")).click();
          return true;
        });
    Select assignee = new Select(waitUpTo(10).until(d -> d.findElement(By.id("action-assignee"))));
    assertThat(assignee.getOptions()).hasSizeGreaterThan(1);
    // To the grid member who signs in below (the team of the grid is offered).
    assignee.selectByValue(jdbc.queryForObject("SELECT member_code FROM app_user WHERE username = 'member-grid1'", String.class));
    browser.findElement(By.cssSelector("#card .action-form button[type=submit]")).click();
    waitUpTo(20).until(d -> "DISPATCHED".equals(d.findElement(By.id("card")).getDomAttribute("data-status")));
    // The card is redrawn once more when the live feed brings the dispatch: read it when it stands.
    waitUpTo(10)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> d.findElement(By.cssSelector("#card .timeline")).getText().contains("派遣"));
    assertThat(Api.as(port, "operator-street").get("/api/incidents/" + created.get("id").asLong()).body()).contains("\"DISPATCHED\"");

    // The grid member sees the same case with the handler's actions and none of the centre's.
    open("member-grid1", "/");
    search(number);
    waitUpTo(20).until(d -> d.findElement(By.cssSelector("#card .action-buttons")));
    assertThat(actionsOffered())
        .containsExactlyInAnyOrderElementsOf(allowed("member-grid1", id))
        .contains("ACCEPT")
        .doesNotContain("DISPATCH", "CANCEL", "CLOSE", "URGE");
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  private void search(String text) {
    WebElement input = browser.findElement(By.id("search-input"));
    input.clear();
    input.sendKeys(text);
    browser.findElement(By.cssSelector("#search button[type=submit]")).click();
    waitUpTo(20).until(d -> d.findElement(By.id("card")).isDisplayed() && !d.findElements(By.cssSelector("#card .facts")).isEmpty());
  }

  private List<String> allowed(String username, long id) {
    var response = Api.as(port, username).get("/api/incidents/" + id + "/timeline");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("allowedActions").valueStream().map(JsonNode::asString).toList();
  }

  /** The actions the card offers (read again if a live change redraws the card meanwhile). */
  private List<String> actionsOffered() {
    return waitUpTo(10)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> d.findElements(By.cssSelector("#card .action-buttons button")).stream()
            .map(b -> b.getDomAttribute("data-action"))
            .toList());
  }

  @Test
  void theWallViewShowsTheKeyFiguresAndChartsAndTheLanguageSwitches() throws IOException {
    open("operator-city", "/?wall=1");
    assertThat(browser.findElement(By.tagName("body")).getDomAttribute("class")).contains("wall");
    waitUpTo(20).until(d -> d.findElements(By.cssSelector(".wall-figure-value")).size() == 5);
    String open = browser.findElement(By.cssSelector(".wall-figure-open .wall-figure-value")).getText();
    assertThat(open).isNotEqualTo("–");
    assertThat(Long.parseLong(open.replace(",", ""))).isEqualTo(apiTotal("operator-city", OPEN));
    assertThat(browser.findElement(By.id("wall-bars")).getSize().getHeight()).isPositive();
    waitForTiles();
    screenshot("command-wall.png");

    browser.findElement(By.id("wall-toggle")).click();
    waitUpTo(10).until(d -> !d.findElement(By.tagName("body")).getDomAttribute("class").contains("wall"));
    browser.findElement(By.id("lang-toggle")).click();
    waitUpTo(10).until(d -> d.findElement(By.cssSelector(".bar h1")).getText().equals("Grid command map"));
    assertThat(browser.findElement(By.id("summary")).getText()).contains("open");
    assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en-GB");
    browser.findElement(By.id("lang-toggle")).click();
    waitUpTo(10).until(d -> d.findElement(By.cssSelector(".bar h1")).getText().equals("网格指挥地图"));
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }
}
