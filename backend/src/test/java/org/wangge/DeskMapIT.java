package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
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
 * The command map's desk at 1600×1000 (headless Chromium, embedded database): one test per defect
 * of issue 17's desk part. A live change of the open case must not break later searches and list
 * clicks; the heat layer on and off keeps the list in step; cards never show "null", an overdue
 * case never reads as on time, the timeline speaks the page's language, departments and
 * duplicates are named; drill-down goes one level at a time with the drilled area outlined in view;
 * the map page switches to English. Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class DeskMapIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String GRID1 = "360502001001001";
  private static final String OPEN = "status=REPORTED,DISPATCHED,ACCEPTED,IN_PROGRESS,HANDLED";

  @Autowired JdbcTemplate jdbc;

  private void open(String username) {
    browser.get(url("/login.html"));
    // A viewport of 1600×1000 (the window's frame around it added).
    long frameWidth = ((Number) js("return window.outerWidth - window.innerWidth")).longValue();
    long frameHeight = ((Number) js("return window.outerHeight - window.innerHeight")).longValue();
    browser.manage().window().setSize(new Dimension(1600 + (int) frameWidth, 1000 + (int) frameHeight));
    chromium.consoleErrors();
    chromium.signIn(url("/"), username, Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().endsWith("/")) {
      browser.get(url("/"));
    }
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
    waitUpTo(20).until(d -> "online".equals(d.findElement(By.id("live-status")).getDomAttribute("data-state")));
    assertThat(js("return [window.innerWidth, window.innerHeight]")).isEqualTo(List.of(1600L, 1000L));
  }

  private long casesDrawn() {
    waitUpTo(30).until(d -> "false".equals(d.findElement(By.tagName("html")).getDomAttribute("data-cases-loading")));
    return ((Number) js("return window.wangge.caseLayer.cases().length")).longValue();
  }

  private long apiTotal(String query) {
    var response = Api.as(port, "operator-city").get("/api/incidents?size=1&" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("total").asLong();
  }

  private Coordinate inside(String code) {
    byte[] wkb = jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, code);
    try {
      return new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private String gridCategory() {
    return jdbc.queryForObject("SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
  }

  private JsonNode report(String description) {
    Coordinate at = inside(GRID1);
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

  private JsonNode act(String user, long id, Map<String, Object> body) {
    var response = Api.as(port, user).post("/api/incidents/" + id + "/actions", JSON.writeValueAsString(body));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private String memberCode(String username) {
    return jdbc.queryForObject("SELECT member_code FROM app_user WHERE username = ?", String.class, username);
  }

  private void search(String text) {
    WebElement input = browser.findElement(By.id("search-input"));
    input.clear();
    input.sendKeys(text);
    browser.findElement(By.cssSelector("#search button[type=submit]")).click();
  }

  /** The card's text once it shows case `number` (read again if a live change redraws it). */
  private String caseCard(String number) {
    return waitUpTo(20)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> {
          var heads = d.findElements(By.cssSelector("#card .card-head h2"));
          if (heads.isEmpty() || !heads.get(0).getText().contains(number) || d.findElements(By.cssSelector("#card .timeline")).isEmpty()) {
            return null;
          }
          return d.findElement(By.id("card")).getText();
        });
  }

  private void clickRow(String number) {
    waitUpTo(20)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> {
          var rows = d.findElements(By.cssSelector("#case-list tr[data-number='" + number + "']"));
          if (rows.isEmpty()) {
            return false;
          }
          rows.get(0).click();
          return true;
        });
  }

  private void noErrorBannerAndNoConsoleErrors() {
    assertThat(browser.findElement(By.id("error")).isDisplayed()).as("error banner: " + browser.findElement(By.id("error")).getText()).isFalse();
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void afterALiveChangeOfTheOpenCaseSearchAndListClicksOpenTheRightCase() {
    JsonNode a = report("桌面测试：实时变化的案件");
    JsonNode b = report("桌面测试：之后搜索的案件");
    String numberA = a.get("number").asString();
    String numberB = b.get("number").asString();
    open("operator-city");
    // Opened from the list at the city view (clustered), as a desk user does.
    clickRow(numberA);
    caseCard(numberA);
    // The user zooms out again with the card open (the case is in a cluster there) …
    js("const m = window.wangge.map; m.setView(m.getCenter(), 12, { animate: false })");
    waitUpTo(10).until(d -> ((Number) js("return window.wangge.map.getZoom()")).intValue() == 12);
    // … and two changes of the open case arrive through the live feed one right after the other:
    // another user's dispatch and the user's own urging.
    act("operator-street", a.get("id").asLong(), Map.of("action", "DISPATCH", "assigneeCode", memberCode("member-grid1")));
    act("operator-city", a.get("id").asLong(), Map.of("action", "URGE", "note", "请尽快处理"));
    waitUpTo(20).ignoring(StaleElementReferenceException.class)
        .until(d -> "DISPATCHED".equals(d.findElement(By.id("card")).getDomAttribute("data-status"))
            && d.findElement(By.cssSelector("#card .timeline")).getText().contains("督办"));
    // A later move of the map (the user pans) must not fail either.
    js("const m = window.wangge.map; m.panBy([40, 0], { animate: false })");

    search(numberB);
    assertThat(caseCard(numberB)).contains(numberB);
    assertThat(browser.findElement(By.id("card")).getDomAttribute("data-case-id")).isEqualTo(b.get("id").asString());
    clickRow(numberA);
    assertThat(caseCard(numberA)).contains(numberA);
    search(numberB);
    assertThat(caseCard(numberB)).contains(numberB);
    noErrorBannerAndNoConsoleErrors();
  }

  @Test
  void heatOnAndOffKeepsTheListAndTheMapEqualToTheApi() {
    open("operator-city");
    By heat = By.xpath("//label[contains(., '热力图')]//input[@type='checkbox']");
    browser.findElement(heat).click();
    waitUpTo(10).until(d -> Boolean.TRUE.equals(js("return window.wangge.map.hasLayer(window.wangge.caseLayer.heat)")));
    browser.findElement(heat).click();
    waitUpTo(10).until(d -> Boolean.FALSE.equals(js("return window.wangge.map.hasLayer(window.wangge.caseLayer.heat)")));
    browser.findElement(By.cssSelector("#filter-risk input[value='HIGH']")).click();
    long high = apiTotal(OPEN + "&risk=HIGH");
    waitUpTo(20).until(d -> casesDrawn() == high);
    // The whole city is in view: the list counts every case drawn.
    waitUpTo(10).until(d -> String.valueOf(high).equals(d.findElement(By.id("case-list")).getDomAttribute("data-in-view")));
    browser.findElement(By.id("filter-reset")).click();
    long all = apiTotal(OPEN);
    waitUpTo(20).until(d -> casesDrawn() == all);
    waitUpTo(10).until(d -> String.valueOf(all).equals(d.findElement(By.id("case-list")).getDomAttribute("data-in-view")));
    noErrorBannerAndNoConsoleErrors();
  }

  @Test
  void noCardSaysNullAndAnOverdueCaseNeverReadsOnTime() {
    JsonNode late = report("桌面测试：超期 26 天");
    long id = late.get("id").asLong();
    jdbc.update("UPDATE incident SET due_at = ?, warning_at = ?, urge_level = 0 WHERE id = ?",
        Timestamp.from(Instant.now().minus(26, ChronoUnit.DAYS)), Timestamp.from(Instant.now().minus(27, ChronoUnit.DAYS)), id);
    open("operator-city");
    String number = late.get("number").asString();
    search(number);
    String text = caseCard(number);
    assertThat(text).doesNotContain("null");
    String clock = browser.findElement(By.cssSelector("#card .clock")).getText();
    assertThat(clock).isNotEqualTo("正常").doesNotContain("正常").contains("超期");
    // The same colour as the case's marker.
    assertThat(js("return window.wangge.caseLayer.colourOf(arguments[0])", id)).isEqualTo("red");
    assertThat(browser.findElement(By.cssSelector("#card .clock")).getDomAttribute("class")).contains("clock-red");

    // Area cards: a grid and a district.
    search(GRID1);
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#card .facts")).isEmpty()
        && GRID1.equals(d.findElement(By.id("card")).getDomAttribute("data-area-code")));
    assertThat(browser.findElement(By.id("card")).getText()).doesNotContain("null");
    search("360502");
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#card .facts")).isEmpty()
        && "360502".equals(d.findElement(By.id("card")).getDomAttribute("data-area-code")));
    assertThat(browser.findElement(By.id("card")).getText()).doesNotContain("null");
    noErrorBannerAndNoConsoleErrors();
  }

  @Test
  void theCaseCardNamesPeopleDepartmentsAndDuplicatesAndShowsActionPhotos() throws IOException {
    JsonNode original = report("桌面测试：原案件");
    long originalId = original.get("id").asLong();
    act("operator-city", originalId, Map.of("action", "DISPATCH", "assigneeCode", memberCode("member-grid1")));
    // The handler's feedback with a photo attached to the action.
    act("member-grid1", originalId, Map.of("action", "ACCEPT"));
    var photo = multipartAction("member-grid1", originalId, "{\"action\":\"HANDLE\",\"note\":\"已处理，见照片\"}", TestImages.jpeg(64, 48));
    assertThat(photo.statusCode()).as(photo.body()).isEqualTo(200);
    JsonNode duplicate = report("桌面测试：重复上报");
    long duplicateId = duplicate.get("id").asLong();
    String department = jdbc.queryForObject("SELECT min(code) FROM department", String.class);
    String departmentName = jdbc.queryForObject("SELECT name FROM department WHERE code = ?", String.class, department);
    act("operator-city", duplicateId, Map.of("action", "DISPATCH", "departmentCode", department));
    String memberName = jdbc.queryForObject("SELECT name FROM member WHERE code = ?", String.class, memberCode("member-grid1"));

    open("operator-city");
    search(original.get("number").asString());
    String text = caseCard(original.get("number").asString());
    assertThat(text).doesNotContain("{\"", "\"assignee\"", "INSIDE_GRID", "Inside grid", "HOTLINE", "null").contains(memberName, "12345 热线");
    // The photo sent with the feedback is in the timeline.
    waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#card .timeline .timeline-photo img")).isEmpty());

    // The duplicate: its department by name, the original among its possible duplicates.
    search(duplicate.get("number").asString());
    text = caseCard(duplicate.get("number").asString());
    assertThat(text).contains(departmentName).doesNotContain("null", "{\"");
    var duplicates = browser.findElements(By.cssSelector("#card .duplicates li"));
    assertThat(duplicates).anySatisfy(li -> assertThat(li.getText()).contains(original.get("number").asString(), " m"));

    // Reassigning (the original case is handled; the duplicate is with a department): the list marks the handler.
    JsonNode reassign = report("桌面测试：改派");
    act("operator-city", reassign.get("id").asLong(), Map.of("action", "DISPATCH", "assigneeCode", memberCode("member-grid1")));
    search(reassign.get("number").asString());
    caseCard(reassign.get("number").asString());
    clickAction("DISPATCH");
    Select assignee = new Select(waitUpTo(10).until(d -> d.findElement(By.id("action-assignee"))));
    assertThat(assignee.getOptions()).anySatisfy(o -> {
      assertThat(o.getDomAttribute("value")).isEqualTo(memberCode("member-grid1"));
      assertThat(o.getText()).contains(memberName, "当前");
    });
    screenshot("desk-case-card.png");

    // MERGE: the user picks the original from the possible duplicates, no internal id to type.
    search(duplicate.get("number").asString());
    caseCard(duplicate.get("number").asString());
    clickAction("MERGE");
    Select into = new Select(waitUpTo(10).until(d -> d.findElement(By.id("action-intoId"))));
    into.selectByValue(String.valueOf(originalId));
    assertThat(into.getFirstSelectedOption().getText()).contains(original.get("number").asString());
    browser.findElement(By.id("action-reason")).sendKeys("同一处问题");
    browser.findElement(By.cssSelector("#card .action-form button[type=submit]")).click();
    waitUpTo(20).until(d -> "CANCELLED".equals(d.findElement(By.id("card")).getDomAttribute("data-status")));
    assertThat(JSON.readTree(Api.as(port, "operator-city").get("/api/incidents/" + duplicateId).body()).get("loop").get("mergedInto").asLong())
        .isEqualTo(originalId);
    noErrorBannerAndNoConsoleErrors();
  }

  private void clickAction(String action) {
    waitUpTo(10)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> {
          d.findElement(By.cssSelector("#card button[data-action='" + action + "']")).click();
          return true;
        });
  }

  private HttpResponse<String> multipartAction(String user, long id, String actionJson, byte[] jpeg) {
    String boundary = "wangge" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"action\"\r\nContent-Type: application/json\r\n\r\n"
        + actionJson + "\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(jpeg);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return Api.send(Api.as(port, user).request("/api/incidents/" + id + "/actions")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build());
  }

  /** Clicks the map where `code`'s interior point lies and drills down from the area card. */
  private void drillAt(String code, String expectedLevel) {
    Coordinate at = inside(GRID1);
    js("const m = window.wangge.map; m.fire('click', { latlng: L.latLng(arguments[0], arguments[1]), containerPoint: m.latLngToContainerPoint([arguments[0], arguments[1]]) })",
        at.y, at.x);
    waitUpTo(20).until(d -> code.equals(d.findElement(By.id("card")).getDomAttribute("data-area-code"))
        && !d.findElements(By.cssSelector("#card button.drill")).isEmpty());
    browser.findElement(By.cssSelector("#card button.drill")).click();
    waitUpTo(20).until(d -> expectedLevel.equals(d.findElement(By.id("map")).getDomAttribute("data-level"))
        && code.equals(js("return window.wangge.state.filter.area")));
    waitUpTo(20).until(d -> Boolean.TRUE.equals(js("return window.wangge.drilledOutline?.() === arguments[0]", code)));
    // The outline lies inside the map's visible area, which the card does not cover.
    @SuppressWarnings("unchecked")
    Map<String, Number> box = (Map<String, Number>) js(
        """
        const map = window.wangge.map, b = window.wangge.outlineBounds();
        const nw = map.latLngToContainerPoint(b.getNorthWest()), se = map.latLngToContainerPoint(b.getSouthEast());
        const size = map.getSize();
        return { left: nw.x, top: nw.y, right: se.x, bottom: se.y, width: size.x, height: size.y,
                 mapRight: map.getContainer().getBoundingClientRect().right,
                 cardLeft: document.getElementById('card').getBoundingClientRect().left };
        """);
    assertThat(box.get("left").doubleValue()).as("outline left %s", box).isGreaterThanOrEqualTo(-1);
    assertThat(box.get("top").doubleValue()).as("outline top %s", box).isGreaterThanOrEqualTo(-1);
    assertThat(box.get("right").doubleValue()).as("outline right %s", box).isLessThanOrEqualTo(box.get("width").doubleValue() + 1);
    assertThat(box.get("bottom").doubleValue()).as("outline bottom %s", box).isLessThanOrEqualTo(box.get("height").doubleValue() + 1);
    assertThat(box.get("mapRight").doubleValue()).as("the map ends where the card starts %s", box)
        .isLessThanOrEqualTo(box.get("cardLeft").doubleValue() + 1);
    assertThat(box.get("right").doubleValue() - box.get("left").doubleValue()).as("the drilled area fills the view %s", box)
        .isGreaterThan(box.get("width").doubleValue() / 4);
  }

  @Test
  void drillDownGoesOneLevelAtATimeWithTheDrilledAreaOutlinedInView() throws IOException {
    open("operator-city");
    assertThat(browser.findElement(By.id("map")).getDomAttribute("data-level")).isEqualTo("DISTRICT");
    drillAt("360502", "STREET");
    drillAt("360502001", "COMMUNITY");
    drillAt("360502001001", "GRID");
    waitUpTo(30).until(d -> ((Number) js("return window.wangge.tilesLoading()")).intValue() == 0);
    screenshot("desk-drill-community.png");
    // Climbing back with the breadcrumb shows the whole jurisdiction's districts again.
    browser.findElement(By.cssSelector("#breadcrumb li:first-child button")).click();
    waitUpTo(20).until(d -> "DISTRICT".equals(d.findElement(By.id("map")).getDomAttribute("data-level")));
    noErrorBannerAndNoConsoleErrors();
  }

  @Test
  void theMapPageSpeaksEnglishAfterTheSwitch() {
    open("operator-city");
    browser.findElement(By.id("lang-toggle")).click();
    waitUpTo(10).until(d -> d.findElement(By.cssSelector(".bar h1")).getText().equals("Grid command map"));
    String cjk = ".*[\\u4e00-\\u9fff].*";
    assertThat(browser.findElement(By.id("live-status")).getText()).isEqualTo("Live");
    String layers = browser.findElement(By.cssSelector(".leaflet-control-layers")).getText();
    assertThat(layers).contains("Cases", "Heat map").doesNotMatch("(?s)" + cjk);
    String role = browser.findElement(By.id("user-role")).getText();
    assertThat(role).isNotEqualTo("OPERATOR").doesNotMatch(cjk).isNotBlank();
    @SuppressWarnings("unchecked")
    List<String> labels = (List<String>) js("return [...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'))");
    assertThat(labels).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotMatch(cjk));
    // A case card opened in English speaks English too.
    search(jdbc.queryForObject("SELECT max(number) FROM incident WHERE status = 'DISPATCHED'", String.class));
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#card .timeline")).isEmpty());
    @SuppressWarnings("unchecked")
    List<String> cardLabels = (List<String>) js("return [...document.querySelectorAll('#card [aria-label], #card dt, #card h3')].map((e) => e.getAttribute('aria-label') || e.textContent)");
    assertThat(cardLabels).allSatisfy(l -> assertThat(l).doesNotMatch(cjk));
    browser.findElement(By.id("lang-toggle")).click();
    waitUpTo(10).until(d -> d.findElement(By.id("live-status")).getText().equals("实时"));
    noErrorBannerAndNoConsoleErrors();
  }
}
