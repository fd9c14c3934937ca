package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The planning page in headless Chromium against the app on its own embedded database (publishing
 * changes the demo city's grids, so the other page tests keep theirs): a planner creates a plan for
 * a community, splits a grid by drawing a line across it with real mouse clicks on the map, reads the
 * impact (the households moved, as the API counts them), undoes and redoes, and publishes with the
 * open cases re-routed; then a case reported inside the new part is routed to the new grid, an open
 * case there was re-routed, and a cancelled one keeps the grid row it was routed in. A second plan
 * auto-splits the same grid into three (undone), renames it (an empty name first: the field is
 * named) and is then refused with the conflict shown. Screenshots {@code target/screenshots/planning.png}
 * and {@code planning-conflict.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PlanningPageIT.OwnDatabase.class)
class PlanningPageIT extends BrowserPage {

  /** The desk pages are tested at a desk's 1600×1000. */
  @org.junit.jupiter.api.BeforeAll
  void deskViewport() {
    viewport(1600, 1000);
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COMMUNITY = "360502001001";
  private static final String PLANNER = "planner-district";

  /** A fresh H2GIS data directory of its own (the demo city loads into it). */
  static class OwnDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      try {
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target"), "it-h2-planning-").toAbsolutePath();
        TestPropertyValues.of("wangge.data-dir=" + dir).applyTo(context);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Autowired JdbcTemplate jdbc;

  private WebElement byId(String id) {
    return browser.findElement(By.id(id));
  }

  private String planAttribute(String name) {
    return byId("plan-view").getDomAttribute(name);
  }

  private void waitUntilIdle() {
    waitUpTo(60).until(d -> !"true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-busy")));
  }

  /** The viewport pixel of a lon/lat on the plan map (read from Leaflet; the clicks are real mouse events). */
  private int[] pixel(double lon, double lat) {
    @SuppressWarnings("unchecked")
    List<Number> xy =
        (List<Number>)
            js(
                """
                const map = window.wangge.map;
                const p = map.latLngToContainerPoint([arguments[1], arguments[0]]);
                const r = map.getContainer().getBoundingClientRect();
                return [Math.round(r.left + p.x), Math.round(r.top + p.y)];
                """,
                lon,
                lat);
    return new int[] {xy.get(0).intValue(), xy.get(1).intValue()};
  }

  private void clickAt(int[] xy) {
    new Actions(browser).moveToLocation(xy[0], xy[1]).pause(Duration.ofMillis(120)).click().pause(Duration.ofMillis(200)).perform();
  }

  private Geometry currentBoundary(String code) {
    return read(jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, code));
  }

  private static Geometry read(byte[] wkb) {
    try {
      return new WKBReader(Wgs84.FACTORY).read(wkb);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A GeoJSON Polygon or MultiPolygon as a JTS geometry. */
  private static Geometry geometry(JsonNode geoJson) {
    List<Polygon> polygons = new ArrayList<>();
    JsonNode coordinates = geoJson.get("coordinates");
    if ("Polygon".equals(geoJson.get("type").asString())) {
      polygons.add(polygon(coordinates));
    } else {
      coordinates.forEach(p -> polygons.add(polygon(p)));
    }
    return Wgs84.FACTORY.buildGeometry(polygons);
  }

  private static Polygon polygon(JsonNode rings) {
    List<LinearRing> all = new ArrayList<>();
    rings.forEach(ring -> {
      List<Coordinate> points = new ArrayList<>();
      ring.forEach(c -> points.add(new Coordinate(c.get(0).asDouble(), c.get(1).asDouble())));
      all.add(Wgs84.FACTORY.createLinearRing(points.toArray(Coordinate[]::new)));
    });
    return Wgs84.FACTORY.createPolygon(all.get(0), all.subList(1, all.size()).toArray(LinearRing[]::new));
  }

  private JsonNode planFromApi(long id) {
    var response = Api.as(port, PLANNER).get("/api/plans/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private String gridCategory() {
    return jdbc.queryForObject(
        "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
  }

  /** Reports a case at a point through the API as the city operator; returns the created case. */
  private JsonNode report(Point at, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("lon", at.getX());
    body.put("lat", at.getY());
    body.put("categoryCode", gridCategory());
    body.put("description", description);
    body.put("source", "HOTLINE");
    var response = Api.as(port, "operator-city").post("/api/incidents", JSON.writeValueAsString(body));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  private Map<String, Object> caseRow(long id) {
    return jdbc.queryForMap("SELECT grid_id, grid_version, grid_code, status FROM incident WHERE id = ?", id);
  }

  private String householdsMovedShown() {
    return byId("impact-householdsMoved").getDomAttribute("data-value");
  }

  @Test
  void aPlannerSplitsAGridByDrawingSeesTheImpactUndoesRedoesAndPublishesWithTheOpenCasesRerouted() throws IOException {
    // The community's most populous grid other than the two the demo members serve.
    String grid =
        jdbc.queryForObject(
            "SELECT grid_code FROM address WHERE grid_code LIKE ? AND grid_code NOT IN (?, ?)"
                + " GROUP BY grid_code ORDER BY count(*) DESC, grid_code LIMIT 1",
            String.class,
            COMMUNITY + "___",
            COMMUNITY + "001",
            COMMUNITY + "002");
    Geometry before = currentBoundary(grid);
    long oldRowId = jdbc.queryForObject("SELECT id FROM area WHERE code = ? AND valid_to IS NULL", Long.class, grid);
    List<Double> lons = jdbc.queryForList("SELECT ST_X(location) FROM address WHERE grid_code = ? ORDER BY 1", Double.class, grid);
    assertThat(lons).hasSizeGreaterThan(10);
    // A north-south cut between the two middle addresses: both parts get households.
    double cutLon = (lons.get(lons.size() / 2 - 1) + lons.get(lons.size() / 2)) / 2;
    Envelope box = before.getEnvelopeInternal();
    Set<String> codesBefore =
        new HashSet<>(jdbc.queryForList(
            "SELECT code FROM area WHERE level = 'GRID' AND valid_to IS NULL AND parent_code = ?", String.class, COMMUNITY));

    // Signed in as the district planner, a plan for the community.
    browser.get("http://localhost:" + port + "/login.html");
    chromium.consoleErrors();
    chromium.signIn("http://localhost:" + port + "/planning.html", PLANNER, Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().endsWith("/planning.html")) {
      browser.get("http://localhost:" + port + "/planning.html");
    }
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
    assertThat(byId("new-area").getDomProperty("value")).as("the user's own area by default").isEqualTo("360502");
    byId("new-area").clear();
    byId("new-area").sendKeys(COMMUNITY);
    byId("new-name").sendKeys("拆分 " + grid);
    byId("new-plan-submit").click();
    waitUpTo(120).until(d -> planAttribute("data-plan-id") != null);
    waitUntilIdle();
    long planId = Long.parseLong(planAttribute("data-plan-id"));
    assertThat(planAttribute("data-edits")).isEqualTo("0");
    assertThat(browser.findElements(By.cssSelector("#plan-rows tr[data-plan-id='" + planId + "']"))).hasSize(1);
    String key =
        (String)
            js(
                "return window.wangge.view().grids.features.find((f) => f.properties.code === arguments[0]).properties.key",
                grid);

    // Split: pick the grid, then draw a line across it (two clicks, Enter), snapping off.
    fitTo(box);
    byId("snap").click();
    browser.findElement(By.cssSelector("#tools [data-tool='SPLIT']")).click();
    Point inside = before.getInteriorPoint();
    clickAt(pixel(inside.getX(), inside.getY()));
    waitUpTo(10).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-drawing")));
    int[] north = pixel(cutLon, box.getMaxY());
    int[] south = pixel(cutLon, box.getMinY());
    clickAt(new int[] {north[0], north[1] - 40});
    clickAt(new int[] {south[0], south[1] + 40});
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    editDoneOrRefused("1");

    // The impact shown is the API's, and households did move.
    JsonNode afterSplit = planFromApi(planId);
    long householdsMoved = afterSplit.at("/impact/householdsMoved").asLong();
    assertThat(householdsMoved).isPositive();
    assertThat(householdsMovedShown()).isEqualTo(String.valueOf(householdsMoved));
    assertThat(byId("history").getText()).contains(PLANNER);
    List<JsonNode> parts = new ArrayList<>();
    afterSplit.at("/grids/features").forEach(f -> {
      if (f.at("/properties/baseCodes").toString().contains(grid) && f.at("/properties/changed").asBoolean()) {
        parts.add(f);
      }
    });
    assertThat(parts).as("the split grid's parts").hasSizeGreaterThanOrEqualTo(2);
    assertThat(browser.findElements(By.cssSelector(".grid-label-added"))).isNotEmpty();

    // Ctrl+Z undoes, the redo button redoes.
    new Actions(browser).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform();
    waitUpTo(30).until(d -> "0".equals(planAttribute("data-edits")));
    waitUntilIdle();
    assertThat(householdsMovedShown()).isEqualTo("0");
    assertThat(planFromApi(planId).get("canRedo").asBoolean()).isTrue();
    byId("redo").click();
    waitUpTo(30).until(d -> "1".equals(planAttribute("data-edits")));
    waitUntilIdle();
    assertThat(householdsMovedShown()).isEqualTo(String.valueOf(householdsMoved));
    screenshot("planning.png");

    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();

    // Cases inside the part that will get the new code: one open, one cancelled (a closed case keeps its row).
    Geometry newPart = null;
    for (JsonNode part : planFromApi(planId).at("/grids/features")) {
      if (part.at("/properties/changed").asBoolean() && part.at("/properties/code").isNull()) {
        newPart = geometry(part.get("geometry"));
      }
    }
    assertThat(newPart).as("a part without a code (numbered at publish)").isNotNull();
    Point inNewPart = newPart.getInteriorPoint();
    JsonNode open = report(inNewPart, "规划测试：未办结");
    JsonNode cancelled = report(inNewPart, "规划测试：作废");
    assertThat(open.at("/grid/code").asString()).isEqualTo(grid);
    var cancel =
        Api.as(port, "operator-city")
            .post("/api/incidents/" + cancelled.get("id").asLong() + "/actions", "{\"action\":\"CANCEL\",\"reason\":\"规划测试\"}");
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
    Map<String, Object> cancelledBefore = caseRow(cancelled.get("id").asLong());

    // A second plan renames the same grid: an empty name is refused naming the field, then a name is taken.
    byId("new-name").clear();
    byId("new-name").sendKeys("改名 " + grid);
    byId("new-plan-submit").click();
    waitUpTo(120).until(d -> !String.valueOf(planId).equals(planAttribute("data-plan-id")));
    waitUntilIdle();
    long secondId = Long.parseLong(planAttribute("data-plan-id"));
    // Auto-split a grid into three balanced parts (picked on the map, k typed), shown in the balance
    // table, then undone. The server refuses a grid whose intersection with its community is in
    // several pieces, so the most populous grid that meets its community in one piece is taken.
    Geometry community = currentBoundary(COMMUNITY);
    String autoGrid =
        jdbc.queryForList(
                "SELECT grid_code FROM address WHERE grid_code LIKE ? AND grid_code NOT IN (?, ?, ?)"
                    + " GROUP BY grid_code ORDER BY count(*) DESC, grid_code",
                String.class,
                COMMUNITY + "___",
                COMMUNITY + "001",
                COMMUNITY + "002",
                grid)
            .stream()
            .filter(code -> currentBoundary(code).intersection(community).getNumGeometries() == 1)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no grid of " + COMMUNITY + " meets its community in one piece"));
    Geometry autoBoundary = currentBoundary(autoGrid);
    fitTo(autoBoundary.getEnvelopeInternal());
    int balanceRows = browser.findElements(By.cssSelector(".balance-table tbody tr")).size();
    browser.findElement(By.cssSelector("#tools [data-tool='AUTO_SPLIT']")).click();
    Point insideAuto = autoBoundary.getInteriorPoint();
    clickAt(pixel(insideAuto.getX(), insideAuto.getY()));
    waitUpTo(10).until(d -> d.findElement(By.id("tool-parts-input")).isDisplayed());
    byId("tool-parts-input").clear();
    byId("tool-parts-input").sendKeys("3");
    byId("tool-apply").click();
    editDoneOrRefused("1");
    assertThat(browser.findElements(By.cssSelector(".balance-table tbody tr"))).hasSize(balanceRows + 2);
    assertThat(browser.findElements(By.cssSelector("#history li[data-kind='AUTO_SPLIT']"))).hasSize(1);
    byId("undo").click();
    waitUpTo(30).until(d -> "0".equals(planAttribute("data-edits")));
    waitUntilIdle();
    fitTo(box);
    browser.findElement(By.cssSelector("#tools [data-tool='RENAME']")).click();
    clickAt(pixel(inside.getX(), inside.getY()));
    waitUpTo(10).until(d -> d.findElement(By.id("tool-apply")).isDisplayed());
    byId("tool-apply").click();
    waitUpTo(30).until(d -> d.findElement(By.id("edit-error")).isDisplayed());
    assertThat(byId("edit-error").getDomAttribute("data-field")).isEqualTo("name");
    assertThat(byId("edit-error").getText()).startsWith("name");
    assertThat(planAttribute("data-edits")).isEqualTo("0");
    byId("tool-name-input").sendKeys("规划测试网格");
    byId("tool-apply").click();
    waitUpTo(30).until(d -> "1".equals(planAttribute("data-edits")));
    waitUntilIdle();
    assertThat(byId("edit-error").isDisplayed()).isFalse();
    assertThat(byId("history").getText()).contains("规划测试网格");
    assertThat(browser.findElements(By.cssSelector("#history li.undone[data-kind='AUTO_SPLIT']"))).hasSize(1);

    // Back to the first plan (from the list), published with the open cases re-routed.
    browser.findElement(By.cssSelector("#plan-rows tr[data-plan-id='" + planId + "']")).click();
    waitUpTo(30).until(d -> String.valueOf(planId).equals(planAttribute("data-plan-id")));
    waitUntilIdle();
    byId("publish-open").click();
    waitUpTo(10).until(d -> d.findElement(By.id("publish-dialog")).isDisplayed());
    browser.findElement(By.cssSelector("#publish-form input[name='openCases'][value='REROUTE']")).click();
    byId("publish-submit").click();
    waitUpTo(60).until(d -> d.findElement(By.id("publish-result")).isDisplayed());
    waitUntilIdle();
    assertThat(planAttribute("data-status")).isEqualTo("PUBLISHED");
    assertThat(Integer.parseInt(byId("publish-result").getDomAttribute("data-rerouted"))).isGreaterThanOrEqualTo(1);
    assertThat(byId("publish-open").isDisplayed()).as("a published plan is not edited").isFalse();

    // The community has one grid more; the split grid kept its code (the larger part) in a new version.
    Set<String> codesAfter =
        new HashSet<>(jdbc.queryForList(
            "SELECT code FROM area WHERE level = 'GRID' AND valid_to IS NULL AND parent_code = ?", String.class, COMMUNITY));
    Set<String> added = new HashSet<>(codesAfter);
    added.removeAll(codesBefore);
    assertThat(added).hasSize(parts.size() - 1);
    assertThat(codesAfter).contains(grid);
    String newCode = added.stream().filter(c -> currentBoundary(c).covers(inNewPart)).findFirst().orElseThrow();
    assertThat(jdbc.queryForObject("SELECT valid_to IS NOT NULL FROM area WHERE id = ?", Boolean.class, oldRowId)).isTrue();

    // A new report inside the new part is routed to the new code; the open case was re-routed there;
    // the cancelled one keeps the grid row it was routed in.
    JsonNode fresh = report(inNewPart, "规划测试：发布之后");
    assertThat(fresh.at("/grid/code").asString()).isEqualTo(newCode);
    assertThat(caseRow(open.get("id").asLong()).get("grid_code")).isEqualTo(newCode);
    Map<String, Object> cancelledAfter = caseRow(cancelled.get("id").asLong());
    assertThat(cancelledAfter.get("grid_id")).isEqualTo(cancelledBefore.get("grid_id")).isEqualTo(oldRowId);
    assertThat(cancelledAfter.get("grid_code")).isEqualTo(grid);

    // The second plan now conflicts: publishing it shows the grid and who published it.
    browser.findElement(By.cssSelector("#plan-rows tr[data-plan-id='" + secondId + "']")).click();
    waitUpTo(30).until(d -> String.valueOf(secondId).equals(planAttribute("data-plan-id")));
    waitUntilIdle();
    byId("publish-open").click();
    waitUpTo(10).until(d -> d.findElement(By.id("publish-dialog")).isDisplayed());
    byId("publish-submit").click();
    waitUpTo(30).until(d -> d.findElement(By.id("publish-conflicts")).isDisplayed());
    assertThat(browser.findElements(By.cssSelector("#publish-conflicts li[data-code='" + grid + "']"))).hasSize(1);
    assertThat(byId("publish-conflicts").getText()).contains("#" + planId).contains(PLANNER);
    assertThat(planFromApi(secondId).get("status").asString()).isEqualTo("DRAFT");
    screenshot("planning-conflict.png");
    // The only console errors are the two refusals the page showed (400 for the name, 409 for the conflict).
    assertThat(chromium.consoleErrors())
        .extracting(e -> e.getMessage())
        .hasSize(2)
        .anySatisfy(m -> assertThat(m).contains("400"))
        .anySatisfy(m -> assertThat(m).contains("409"));
  }

  @Test
  void theCommandMapLinksToThePlanningPageForPlannersAndAdministratorsAndStillShowsTheRole() {
    for (String username : List.of(PLANNER, "admin")) {
      browser.get("http://localhost:" + port + "/login.html");
      chromium.consoleErrors();
      chromium.signIn("http://localhost:" + port + "/", username, Api.DEMO_PASSWORD);
      waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
      WebElement role = byId("user-role");
      assertThat(role.isDisplayed()).isTrue();
      assertThat(role.getText()).isNotBlank();
      assertThat(role.getRect().getX() + role.getRect().getWidth())
          .as("the role fits in the top bar at the desk's width")
          .isLessThanOrEqualTo(((Number) js("return document.documentElement.clientWidth")).intValue());
      WebElement link = byId("planning-link");
      assertThat(link.isDisplayed()).as(username).isTrue();
      link.click();
      waitUpTo(60).until(d -> d.getCurrentUrl().endsWith("/planning.html")
          && "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
      assertThat(byId("new-plan").isDisplayed()).isTrue();
    }
    browser.get("http://localhost:" + port + "/login.html");
    chromium.signIn("http://localhost:" + port + "/", "operator-city", Api.DEMO_PASSWORD);
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
    assertThat(browser.findElements(By.id("planning-link"))).as("no link for an operator").isEmpty();
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  private void signInToPlanning(String query) {
    browser.get("http://localhost:" + port + "/login.html");
    chromium.consoleErrors();
    chromium.signIn("http://localhost:" + port + "/planning.html" + query, PLANNER, Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().contains("/planning.html" + query)) {
      browser.get("http://localhost:" + port + "/planning.html" + query);
    }
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
  }

  @Test
  void beforeAPlanIsOpenedTheMapShowsThePlannersJurisdictionWithItsGrids() throws IOException {
    signInToPlanning("");
    JsonNode district = JSON.readTree(Api.as(port, PLANNER).get("/api/areas/360502").body());
    JsonNode bbox = district.get("bbox");
    long grids = jdbc.queryForObject(
        "SELECT count(*) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE '360502%'", Long.class);
    waitUpTo(30).until(d -> String.valueOf(grids).equals(d.findElement(By.id("map")).getDomAttribute("data-preview")));
    // The map is centred inside the district and shows all of it.
    assertThat((Boolean) js(
            "const m = window.wangge.map; const b = L.latLngBounds([arguments[1], arguments[0]], [arguments[3], arguments[2]]);"
                + " return b.contains(m.getCenter()) && m.getBounds().pad(0.01).contains(b)",
            bbox.get(0).asDouble(), bbox.get(1).asDouble(), bbox.get(2).asDouble(), bbox.get(3).asDouble()))
        .isTrue();
    assertThat(byId("jurisdiction-note").getText()).contains(district.get("name").asString(), String.valueOf(grids));
    // The top bar of a planner: the map, coverage, planning (current) and exchange; no administration.
    List<String> links = browser.findElements(By.cssSelector("#page-nav a")).stream().map(a -> a.getDomAttribute("id")).toList();
    assertThat(links).contains("map-link", "coverage-link", "planning-link", "exchange-link").doesNotContain("admin-link");
    assertThat(byId("planning-link").getDomAttribute("aria-current")).isEqualTo("page");
    screenshot("planning-start.png");
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void anUnstaffedNewGridIsWarnedOfTheHistoryIsInChineseAndTheDraftIsAbandoned() throws IOException {
    String community = "360502001002";
    String grid = jdbc.queryForObject(
        "SELECT min(code) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND parent_code = ?", String.class, community);
    var created = Api.as(port, PLANNER).post("/api/plans", "{\"areaCode\":\"" + community + "\",\"name\":\"人员提醒与放弃\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode plan = JSON.readTree(created.body());
    long id = plan.get("id").asLong();
    String key = null;
    for (JsonNode f : plan.at("/grids/features")) {
      if (grid.equals(f.at("/properties/code").asString(null))) {
        key = f.get("id").asString();
      }
    }
    Geometry boundary = currentBoundary(grid);
    Envelope e = boundary.getEnvelopeInternal();
    double x = boundary.getInteriorPoint().getX();
    String line = "{\"type\":\"LineString\",\"coordinates\":[[" + x + "," + (e.getMinY() - 0.001) + "],[" + x + "," + (e.getMaxY() + 0.001) + "]]}";
    var split = Api.as(port, PLANNER).post("/api/plans/" + id + "/edits", "{\"kind\":\"SPLIT\",\"grid\":\"" + key + "\",\"line\":" + line + "}");
    assertThat(split.statusCode()).as(split.body()).isEqualTo(200);

    signInToPlanning("?plan=" + id);
    waitUpTo(60).until(d -> String.valueOf(id).equals(planAttribute("data-plan-id")));
    waitUntilIdle();
    // Not 通过: the new part has neither a grid leader nor a full-time member.
    WebElement validation = byId("validation-state");
    assertThat(validation.getText()).doesNotStartWith("通过").contains("人员提醒");
    assertThat(Integer.parseInt(validation.getDomAttribute("data-warnings"))).isGreaterThanOrEqualTo(2);
    String warnings = browser.findElements(By.cssSelector("#problems li[data-warning]")).stream().map(WebElement::getText).toList().toString();
    assertThat(warnings).contains("无网格长", "无专职网格员", "新 k");
    // The history in the page's language: no English sentence from the server.
    String history = byId("history").getText();
    assertThat(history).containsPattern("拆分为 \\d+ 个网格").contains(grid.substring(12)).doesNotContain("Split", "parts", "into");
    screenshot("planning-warnings.png");

    // Abandon the draft: confirmed in a dialog, then neither editable nor publishable.
    byId("abandon-open").click();
    waitUpTo(10).until(d -> d.findElement(By.id("abandon-dialog")).isDisplayed());
    byId("abandon-submit").click();
    waitUpTo(30).until(d -> "ABANDONED".equals(planAttribute("data-status")));
    waitUntilIdle();
    assertThat(byId("plan-status").getText()).isEqualTo("已放弃");
    assertThat(byId("publish-open").isDisplayed()).isFalse();
    assertThat(byId("abandon-open").isDisplayed()).isFalse();
    assertThat(byId("undo").isEnabled()).isFalse();
    waitUpTo(10).until(d -> "ABANDONED".equals(
        d.findElement(By.cssSelector("#plan-rows tr[data-plan-id='" + id + "']")).getDomAttribute("data-status")));
    assertThat(planFromApi(id).get("status").asString()).isEqualTo("ABANDONED");

    // In English the history and the warnings follow.
    byId("lang-toggle").click();
    waitUpTo(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("Grid boundary planning"));
    assertThat(byId("history").getText()).containsPattern("Split .* into \\d+ grids");
    assertThat(byId("validation-state").getText()).contains("staffing warnings");
    byId("lang-toggle").click();
    waitUpTo(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("网格边界规划"));
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  /** Waits until the plan shows `edits` edits, or fails with the error the page shows. */
  private void editDoneOrRefused(String edits) {
    waitUpTo(60).until(d -> edits.equals(planAttribute("data-edits")) || d.findElement(By.id("edit-error")).isDisplayed());
    waitUntilIdle();
    assertThat(byId("edit-error").isDisplayed()).as(byId("edit-error").getText()).isFalse();
    assertThat(planAttribute("data-edits")).isEqualTo(edits);
  }

  private void fitTo(Envelope box) {
    js(
        "window.wangge.map.fitBounds([[arguments[0], arguments[1]], [arguments[2], arguments[3]]], { padding: [110, 110], animate: false })",
        box.getMinY(),
        box.getMinX(),
        box.getMaxY(),
        box.getMaxX());
  }
}
