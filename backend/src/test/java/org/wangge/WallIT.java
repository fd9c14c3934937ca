package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wall mode (index.html?wall=1) in headless Chromium at 3840×2160 and 1920×1080, as the city's
 * operator: sizes follow the viewport (figures at least 60 px tall at 4K, legend, labels and
 * controls at least 28 px), the panel is full (figures, the key list and the longest overdue cases as
 * the API gives them, charts in the rest), a new report pulses at its case and runs in the ticker,
 * every community in view at the community level has its figures. Screenshots go to
 * target/screenshots/wall-3840x2160.png and wall-1920x1080.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class WallIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String OPEN = "REPORTED,DISPATCHED,ACCEPTED,IN_PROGRESS,HANDLED";

  @Autowired JdbcTemplate jdbc;

  @Test
  void theWallAt3840x2160() throws IOException {
    checkTheWall(3840, 2160, 60, 28);
  }

  @Test
  void theWallAt1920x1080() throws IOException {
    checkTheWall(1920, 1080, 30, 14);
  }

  private void checkTheWall(int width, int height, double figurePx, double textPx) throws IOException {
    browser.get(url("/login.html"));
    chromium.consoleErrors();
    browser.manage().window().setSize(new Dimension(width, height));
    // The window's size includes the browser's frame: grow it until the page itself is width × height.
    int frame = height - ((Number) js("return window.innerHeight")).intValue();
    browser.manage().window().setSize(new Dimension(width + width - ((Number) js("return window.innerWidth")).intValue(), height + frame));
    chromium.signIn(url("/?wall=1"), "operator-city", Api.DEMO_PASSWORD);
    waitUpTo(90).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
    assertThat(((Number) js("return window.innerWidth")).intValue()).isEqualTo(width);
    assertThat(((Number) js("return window.innerHeight")).intValue()).isEqualTo(height);
    waitUpTo(30).until(d -> d.findElements(By.cssSelector("#wall-key-list h2")).size() == 1
        && d.findElements(By.cssSelector(".wall-figure-value")).size() == 5
        && !d.findElement(By.cssSelector(".wall-figure-open .wall-figure-value")).getText().equals("–"));

    // Sizes follow the viewport.
    double figureHeight = ((Number) js("""
        const r = document.createRange(); r.selectNodeContents(document.querySelector('.wall-figure-open .wall-figure-value'));
        return r.getBoundingClientRect().height""")).doubleValue();
    assertThat(figureHeight).as("figure text height at %dx%d", width, height).isGreaterThanOrEqualTo(figurePx);
    for (String selector : List.of(".legend", ".leaflet-control-layers label", ".metric-control", ".breadcrumb", ".wall-figure-label",
        "#wall-key-list h2", ".wall-ticker", ".wall-driver")) {
      assertThat(fontPx(selector)).as("font size of %s", selector).isGreaterThanOrEqualTo(textPx);
    }
    assertThat(fontPx(".wall-table")).as("list text").isGreaterThanOrEqualTo(textPx * 0.9);

    // The key list and the longest overdue cases, as the API gives them.
    JsonNode keyList = JSON.readTree(Api.as(port, "operator-city").get("/api/key-list").body());
    List<String> keyRows = texts("#wall-key-list tbody tr td.num");
    if (keyList.get("cases").isEmpty()) {
      assertThat(browser.findElement(By.cssSelector("#wall-key-list .wall-empty")).getText()).isEqualTo("重点清单为空");
    } else {
      assertThat(keyRows).isNotEmpty();
      assertThat(keyRows.getFirst()).isEqualTo(keyList.get("cases").get(0).get("number").asString());
    }
    JsonNode byDue = JSON.readTree(Api.as(port, "operator-city").get("/api/incidents?status=" + OPEN + "&sort=dueAt,asc&size=40").body());
    List<String> overdue = new ArrayList<>();
    for (JsonNode c : byDue.get("items")) {
      if (!c.get("dueAt").isNull() && Instant.parse(c.get("dueAt").asString()).isBefore(Instant.now())) {
        overdue.add(c.get("number").asString());
      }
    }
    assertThat(overdue).as("the demo city has overdue cases").isNotEmpty();
    assertThat(texts("#wall-overdue tbody tr td.num")).isNotEmpty().startsWith(overdue.getFirst());
    assertThat(browser.findElement(By.cssSelector("#wall-overdue tbody tr td.figure")).getText()).matches("\\d[\\d,]* (天|小时)");

    // No empty panel: its blocks fill its height, the charts take the rest, it is a third of the width.
    @SuppressWarnings("unchecked")
    Map<String, Number> panel = (Map<String, Number>) js("""
        const p = document.getElementById('wall');
        const inner = p.clientHeight - parseFloat(getComputedStyle(p).paddingTop) - parseFloat(getComputedStyle(p).paddingBottom);
        const blocks = [...p.children].filter((c) => getComputedStyle(c).position === 'static' && !c.hidden);
        const first = blocks[0].getBoundingClientRect().top, last = blocks[blocks.length - 1].getBoundingClientRect().bottom;
        const charts = [...p.querySelectorAll('.chart-box canvas')].map((c) => c.getBoundingClientRect().height);
        return { inner, used: last - first, width: p.getBoundingClientRect().width, minChart: Math.min(...charts) };""");
    assertThat(panel.get("used").doubleValue()).as("panel height used").isGreaterThanOrEqualTo(0.97 * panel.get("inner").doubleValue());
    assertThat(panel.get("width").doubleValue()).isGreaterThanOrEqualTo(0.3 * width);
    assertThat(panel.get("minChart").doubleValue()).as("each chart's height").isGreaterThanOrEqualTo(0.1 * height);

    // A new report pulses at its case and runs in the ticker.
    assertThat(browser.findElements(By.cssSelector(".wall-ticker .ticker-item"))).isNotEmpty();
    waitUpTo(30).until(d -> "online".equals(d.findElement(By.tagName("html")).getDomAttribute("data-live")));
    JsonNode reported = report("墙面测试 " + width);
    String number = reported.get("number").asString();
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector(".case-pulse")).isEmpty());
    @SuppressWarnings("unchecked")
    Map<String, Number> pulse = (Map<String, Number>) js("""
        const map = window.wangge.map; const box = map.getContainer().getBoundingClientRect();
        const c = window.wangge.caseLayer.findByNumber(arguments[0]);
        const at = map.latLngToContainerPoint([c.lat, c.lon]);
        const r = document.querySelector('.case-pulse').getBoundingClientRect();
        return { dx: r.left + r.width / 2 - (box.left + at.x), dy: r.top + r.height / 2 - (box.top + at.y) };""", number);
    assertThat(Math.hypot(pulse.get("dx").doubleValue(), pulse.get("dy").doubleValue()))
        .as("pulse centre to the case's marker, px").isLessThanOrEqualTo(20);
    waitUpTo(20).until(d -> texts(".wall-ticker .ticker-item").stream().anyMatch(s -> s.contains(number)));
    screenshot("wall-%dx%d.png".formatted(width, height));

    // Every community in view at the community level has its figures (none drawn as "0" for want of them).
    int communityZoom = -1;
    for (JsonNode level : JSON.readTree(Api.as(port, "operator-city").get("/api/map/config").body()).get("levels")) {
      if (level.get("level").asString().equals("COMMUNITY")) {
        communityZoom = level.get("minZoom").asInt();
      }
    }
    assertThat(communityZoom).isPositive();
    js("window.wangge.map.setZoom(arguments[0], { animate: false })", communityZoom);
    waitUpTo(30).until(d -> "COMMUNITY".equals(js("return window.wangge.areaLayers.activeLevel()")));
    JsonNode communities = JSON.readTree(Api.as(port, "operator-city").get("/api/map/areas?level=COMMUNITY").body());
    waitUpTo(60).until(d -> ((Number) js("return window.wangge.tilesLoading()")).intValue() == 0
        && Boolean.TRUE.equals(js("return window.wangge.areaLayers.figuresSettled()")));
    List<String> inView = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (JsonNode c : communities) {
      boolean visible = Boolean.TRUE.equals(js("return window.wangge.map.getBounds().contains([arguments[0], arguments[1]])",
          c.get("labelLat").asDouble(), c.get("labelLon").asDouble()));
      if (visible) {
        inView.add(c.get("code").asString());
        if (js("return window.wangge.areaLayers.figuresOf(arguments[0])", c.get("code").asString()) == null) {
          missing.add(c.get("code").asString());
        }
      }
    }
    assertThat(inView).as("communities in view at zoom %d", communityZoom).hasSizeGreaterThan(width >= 3840 ? 40 : 10);
    assertThat(missing).as("communities in view without figures").isEmpty();
    waitUpTo(10).until(d -> d.findElements(By.cssSelector(".area-label-community")).size() >= inView.size());
    screenshot("wall-%dx%d-communities.png".formatted(width, height));
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  private double fontPx(String selector) {
    return ((Number) js("return parseFloat(getComputedStyle(document.querySelector(arguments[0])).fontSize)", selector)).doubleValue();
  }

  private List<String> texts(String selector) {
    return browser.findElements(By.cssSelector(selector)).stream().map(e -> e.getText().strip()).toList();
  }

  /** Reports a case through the API as the city operator, inside the first grid; returns the answer. */
  private JsonNode report(String description) {
    String grid = jdbc.queryForObject("SELECT min(code) FROM area WHERE level = 'GRID' AND valid_to IS NULL", String.class);
    byte[] wkb = jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, grid);
    Coordinate at;
    try {
      at = new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("lon", at.x);
    body.put("lat", at.y);
    body.put("categoryCode", jdbc.queryForObject(
        "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class));
    body.put("description", description);
    body.put("source", "HOTLINE");
    var response = Api.as(port, "operator-city").post("/api/incidents", JSON.writeValueAsString(body));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }
}
