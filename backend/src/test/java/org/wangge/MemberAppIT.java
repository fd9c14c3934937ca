package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The grid member's phone app (/m/) in headless Chromium emulating a phone (390×844 and 360×740,
 * touch, geolocation overridden, the network cut with Network.emulateNetworkConditions): sign-in
 * with a device, exactly the member's tasks, accept → start → handle with two photos through the
 * file input, the leader verifying sees them with their fake-photo flags; a report made offline is
 * queued and stored once on reconnect; a patrol's track is stored as a LineString; bad input gets a
 * clear message. Screenshots of every screen go to target/screenshots/m-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class MemberAppIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final java.time.ZoneId SHANGHAI = java.time.ZoneId.of("Asia/Shanghai");

  @Autowired JdbcTemplate jdbc;

  private String gridCode;
  private String memberCode;
  private Coordinate inside;
  private Path photos;

  @BeforeAll
  void facts() throws IOException {
    JsonNode me = JSON.readTree(Api.as(port, "member-grid1").get("/api/me").body());
    memberCode = me.get("memberCode").asString();
    gridCode = me.get("jurisdiction").get("code").asString();
    inside = insideGrid(gridCode);
    photos = Files.createTempDirectory("wangge-phone-photos");
  }

  @AfterEach
  void online() {
    network(true);
  }

  // --- The phone ----------------------------------------------------------------------------------

  private Object cdp(String command, Map<String, Object> params) {
    return browser.executeCdpCommand(command, params);
  }

  /** A phone of this size, with touch; its storage, service worker and cookies wiped. */
  private void phone(int width, int height) {
    browser.get(url("/login.html"));
    cdp("Storage.clearDataForOrigin", Map.of("origin", url(""), "storageTypes", "all"));
    browser.manage().deleteAllCookies();
    cdp("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
    cdp("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
    cdp("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Shanghai"));
    cdp("Browser.grantPermissions", Map.of("origin", url(""), "permissions", List.of("geolocation", "notifications")));
    at(inside.x, inside.y, 15);
    chromium.consoleErrors();
  }

  private void at(double lon, double lat, double accuracy) {
    cdp("Emulation.setGeolocationOverride", Map.of("latitude", lat, "longitude", lon, "accuracy", accuracy));
  }

  private void network(boolean online) {
    if (browser == null) return;
    cdp("Network.enable", Map.of());
    cdp("Network.emulateNetworkConditions", Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
  }

  private void openApp() {
    browser.get(url("/m/"));
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
  }

  /** Signs in through the app's own form, as a member starting a shift does. */
  private void signIn(String username) {
    openApp();
    waitUpTo(20).until(d -> d.findElement(By.id("v-signin")).isDisplayed());
    browser.findElement(By.id("signin-username")).sendKeys(username);
    browser.findElement(By.id("signin-password")).sendKeys(Api.DEMO_PASSWORD);
    tap(By.id("signin-submit"));
    waitUpTo(30).until(d -> d.findElement(By.id("m-tabs")).isDisplayed());
    waitForTasks();
  }

  private void waitForTasks() {
    waitUpTo(30).until(d -> "false".equals(d.findElement(By.tagName("html")).getDomAttribute("data-tasks-loading")));
  }

  private void go(String hash) {
    js("window.location.hash = arguments[0]", hash);
  }

  private void noHorizontalScroll(String screen) {
    Number scroll = (Number) js("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth");
    assertThat(scroll.intValue()).as("horizontal overflow on " + screen + " (px)").isLessThanOrEqualTo(0);
  }

  private void noConsoleErrors() {
    List<LogEntry> errors = chromium.consoleErrors();
    assertThat(errors).as("browser console errors").isEmpty();
  }

  /** Taps an element as a thumb would: scrolled to the middle of the screen (clear of the tab bar). */
  private void tap(By by) {
    // A live update may redraw the screen between finding and tapping: find it again then.
    for (int attempt = 1; ; attempt++) {
      try {
        WebElement element = browser.findElement(by);
        js("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' })", element);
        element.click();
        return;
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        if (attempt == 3) throw e;
      }
    }
  }

  private WebElement notice() {
    return browser.findElement(By.id("m-notice"));
  }

  private void dismissNotice() {
    if (notice().isDisplayed()) {
      tap(By.id("m-notice-ok"));
    }
  }

  // --- Data through the API ------------------------------------------------------------------------

  private Coordinate insideGrid(String code) {
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

  /** A case in the member's grid reported by the city operator and dispatched to the member. */
  private JsonNode dispatchedCase(String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("lon", inside.x);
    body.put("lat", inside.y);
    body.put("categoryCode", gridCategory());
    body.put("description", description);
    body.put("source", "HOTLINE");
    var operator = Api.as(port, "operator-city");
    var created = operator.post("/api/incidents", JSON.writeValueAsString(body));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode incident = JSON.readTree(created.body());
    long id = incident.get("id").asLong();
    JsonNode assignee = incident.get("assignee");
    if (assignee == null || assignee.isNull() || !memberCode.equals(assignee.get("code").asString())) {
      var dispatched = operator.post("/api/incidents/" + id + "/actions", "{\"action\":\"DISPATCH\",\"assigneeCode\":\"" + memberCode + "\"}");
      assertThat(dispatched.statusCode()).as(dispatched.body()).isEqualTo(200);
    }
    return incident;
  }

  private long inboxTotal(String username) {
    var response = Api.as(port, username).get("/api/inbox?size=200");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("total").asLong();
  }

  // --- The tests -------------------------------------------------------------------------------------

  @Test
  void aMemberSeesExactlyTheirTasksAcceptsAndHandlesWithTwoPhotosAndTheLeaderSeesThemFlagged() throws IOException {
    phone(390, 844);
    signIn("member-grid1");
    screenshot("m-tasks.png");
    noHorizontalScroll("tasks");
    assertThat((long) browser.findElements(By.cssSelector("#tasks .m-task")).size()).isEqualTo(inboxTotal("member-grid1"));
    // Chinese first, English at a tap (and back).
    tap(By.id("m-lang"));
    waitUpTo(5).until(d -> d.findElement(By.id("m-title")).getText().equals("Wangge Mobile"));
    assertThat(browser.findElement(By.cssSelector(".m-tab[data-view='report']")).getText()).isEqualTo("Report");
    screenshot("m-english.png");
    noHorizontalScroll("English");
    tap(By.id("m-lang"));
    waitUpTo(5).until(d -> d.findElement(By.id("m-title")).getText().equals("网格通"));

    // A case dispatched by the centre arrives live while the app is open, with a badge.
    JsonNode incident = dispatchedCase("手机测试：派给网格员 " + UUID.randomUUID());
    long id = incident.get("id").asLong();
    String row = "#tasks .m-task[data-id='" + id + "']";
    waitUpTo(15).until(d -> !d.findElements(By.cssSelector(row)).isEmpty());
    assertThat((long) browser.findElements(By.cssSelector("#tasks .m-task")).size()).isEqualTo(inboxTotal("member-grid1"));
    waitUpTo(15).until(d -> js("return document.querySelector(arguments[0])?.textContent.includes('米') || null", row + " .m-task-meta") != null);
    screenshot("m-tasks-live.png");

    // My grid: the grid, my position and my open cases.
    go("map");
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#grid-map path.leaflet-interactive")).isEmpty());
    waitUpTo(20).until(d -> d.findElement(By.id("fix")).getText().contains("±"));
    waitUpTo(20).until(d -> Integer.parseInt(String.valueOf(d.findElement(By.tagName("html")).getDomAttribute("data-case-markers"))) > 0);
    screenshot("m-map.png");
    noHorizontalScroll("map");

    // The case screen: accept; the confirmation stays although the live update reloads the case.
    go("case/" + id);
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#case-actions [data-action='ACCEPT']")).isEmpty());
    screenshot("m-case.png");
    noHorizontalScroll("case");
    tap(By.cssSelector("#case-actions [data-action='ACCEPT']"));
    waitUpTo(20).until(d -> notice().isDisplayed() && notice().getText().contains("签收"));
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> notice().isDisplayed());
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#case-actions [data-action='START']")).isEmpty());
    dismissNotice();
    tap(By.cssSelector("#case-actions [data-action='START']"));
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#case-actions [data-action='HANDLE']")).isEmpty());
    dismissNotice();

    // 处置反馈 with two photos through the file input: one honest, one taken a day before dispatch
    // 1 km away (its EXIF says so; the app keeps it as photoFacts although re-encoding strips it).
    tap(By.cssSelector("#case-actions [data-action='HANDLE']"));
    browser.findElement(By.id("form-note")).sendKeys("已清理完毕");
    Path honest = PhoneJpeg.write(photos, "after-1", 3000, 4000, LocalDateTime.now(SHANGHAI), inside.x, inside.y);
    Path faked = PhoneJpeg.write(photos, "after-2", 4000, 3000, LocalDateTime.now(SHANGHAI).minusDays(1), inside.x + 0.01, inside.y);
    browser.findElement(By.id("handle-photos")).sendKeys(honest + "\n" + faked);
    waitUpTo(30).until(d -> d.findElements(By.cssSelector("#action-form .m-photos img")).size() == 2);
    screenshot("m-handle.png");
    noHorizontalScroll("handle");
    tap(By.id("action-submit"));
    waitUpTo(30).until(d -> notice().isDisplayed() && notice().getText().contains("处置反馈"));
    assertThat(jdbc.queryForObject("SELECT status FROM incident WHERE id = ?", String.class, id)).isEqualTo("HANDLED");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_photo WHERE incident_id = ?", Integer.class, id)).isEqualTo(2);
    // Resized in the browser: the long side is 1,600 px.
    var photo = JSON.readTree(Api.as(port, "operator-city").get("/api/incidents/" + id).body()).get("photos");
    assertThat(photo).hasSize(2);
    noConsoleErrors();

    // The leader verifying sees both photos, the faked one flagged, and may close.
    phone(390, 844);
    signIn("leader-community");
    go("case/" + id);
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#case-actions [data-action='CLOSE']")).isEmpty());
    waitUpTo(20).until(d -> d.findElements(By.cssSelector(".m-timeline .m-photos img")).size() == 2);
    waitUpTo(20).until(d -> (Boolean) js("return [...document.querySelectorAll('.m-timeline .m-photos img')].every((i) => i.complete && i.naturalWidth > 0)"));
    assertThat(((Number) js("return Math.max(...[...document.querySelectorAll('.m-timeline .m-photos img')].map((i) => Math.max(i.naturalWidth, i.naturalHeight)))")).intValue())
        .isEqualTo(1600);
    assertThat(browser.findElements(By.cssSelector(".m-timeline .m-flag"))).extracting(e -> e.getDomAttribute("data-flag"))
        .contains("FAR_FROM_CASE", "TAKEN_BEFORE_DISPATCH");
    screenshot("m-verify.png");
    noHorizontalScroll("verify");
    tap(By.cssSelector(".m-timeline .m-photos button"));
    waitUpTo(5).until(d -> d.findElement(By.id("m-lightbox")).isDisplayed());
    screenshot("m-photo.png");
    tap(By.id("m-lightbox"));
    noConsoleErrors();
  }

  @Test
  void aReportMadeOfflineIsQueuedAndStoredExactlyOnceOnReconnect() throws IOException {
    phone(360, 740);
    signIn("member-grid1");
    go("report");
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#report-most-used .m-chip")).isEmpty());
    waitUpTo(20).until(d -> d.findElement(By.id("report-fix")).getText().contains("±"));
    Path photo = PhoneJpeg.write(photos, "hazard", 4032, 3024, LocalDateTime.now(SHANGHAI), inside.x, inside.y);
    browser.findElement(By.id("report-photos")).sendKeys(photo.toString());
    waitUpTo(30).until(d -> d.findElements(By.cssSelector("#report-form .m-photos img")).size() == 1);
    tap(By.cssSelector("#report-most-used .m-chip"));
    String description = "离线上报 " + UUID.randomUUID();
    browser.findElement(By.id("report-description")).sendKeys(description);
    screenshot("m-report.png");
    noHorizontalScroll("report");

    network(false);
    waitUpTo(10).until(d -> (Boolean) js("return navigator.onLine === false"));
    tap(By.id("report-submit"));
    waitUpTo(20).until(d -> !d.findElements(By.id("report-queued")).isEmpty());
    go("tasks");
    waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#outbox .m-queued[data-state='pending']")).isEmpty());
    assertThat(browser.findElement(By.id("outbox")).getText()).contains("待发送");
    assertThat(browser.findElement(By.id("m-net")).getText()).contains("待发送");
    screenshot("m-queued.png");
    noHorizontalScroll("queued");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident WHERE description = ?", Integer.class, description)).isZero();

    network(true);
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM incident WHERE description = ?", Integer.class, description) == 1);
    waitUpTo(20).until(d -> d.findElements(By.cssSelector("#outbox .m-queued")).isEmpty());
    waitUpTo(10).until(d -> notice().isDisplayed() && notice().getText().contains("上报已送达"));
    // Reopening the app (which sends whatever waits) stores nothing twice.
    openApp();
    waitForTasks();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident WHERE description = ?", Integer.class, description)).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_photo p JOIN incident i ON i.id = p.incident_id WHERE i.description = ?", Integer.class, description))
        .isEqualTo(1);
  }

  @Test
  void aPatrolTrackRecordedWhileWalkingIsStoredAsALineStringAndAReportMadeOnTheWayIsLinkedToIt() throws IOException {
    phone(390, 844);
    signIn("member-grid1");
    tap(By.id("m-menu-button"));
    if (!browser.findElement(By.id("m-duty")).isSelected()) {
      tap(By.id("m-duty"));
      waitUpTo(10).until(d -> notice().isDisplayed());
      dismissNotice();
    }
    tap(By.id("m-menu-button"));
    go("patrol");
    waitUpTo(10).until(d -> d.findElement(By.id("patrol-toggle")).getText().contains("开始巡查"));
    tap(By.id("patrol-toggle"));
    waitUpTo(20).until(d -> "true".equals(d.findElement(By.id("patrol-state")).getDomAttribute("data-active")));
    // Walking north-east in steps of about 45 m: each step is recorded (every 25 m at the latest).
    for (int step = 1; step <= 6; step++) {
      at(inside.x + step * 0.0003, inside.y + step * 0.0003, 8);
      int expected = step;
      waitUpTo(20).until(d -> Integer.parseInt(String.valueOf(d.findElement(By.tagName("html")).getDomAttribute("data-patrol-points"))) >= expected);
    }
    screenshot("m-patrol.png");
    noHorizontalScroll("patrol");
    long patrolId = jdbc.queryForObject("SELECT id FROM patrol WHERE member_code = ? AND status = 'ACTIVE'", Long.class, memberCode);

    // A report made on the way is linked to the patrol.
    go("report");
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#report-most-used .m-chip")).isEmpty());
    waitUpTo(20).until(d -> d.findElement(By.id("report-fix")).getText().contains("±"));
    tap(By.cssSelector("#report-most-used .m-chip"));
    String description = "巡查中上报 " + UUID.randomUUID();
    browser.findElement(By.id("report-description")).sendKeys(description);
    tap(By.id("report-submit"));
    waitUpTo(30).until(d -> !d.findElements(By.id("report-result")).isEmpty());
    screenshot("m-report-answer.png");
    noHorizontalScroll("report answer");
    assertThat(browser.findElement(By.id("report-result")).getText()).contains("已上报").contains("处置时限");
    assertThat(jdbc.queryForObject("SELECT patrol_id FROM incident WHERE description = ?", Long.class, description)).isEqualTo(patrolId);

    go("patrol");
    waitUpTo(10).until(d -> d.findElement(By.id("patrol-toggle")).getText().contains("结束巡查"));
    tap(By.id("patrol-toggle"));
    waitUpTo(30).until(d -> notice().isDisplayed() && notice().getText().contains("巡查已结束"));
    Map<String, Object> track = jdbc.queryForMap(
        "SELECT status, ST_GeometryType(track) AS kind, ST_NumPoints(track) AS points FROM patrol WHERE id = ?", patrolId);
    assertThat(track.get("status")).isEqualTo("ENDED");
    assertThat(String.valueOf(track.get("kind")).toUpperCase()).contains("LINESTRING");
    assertThat(((Number) track.get("points")).intValue()).isGreaterThanOrEqualTo(6);
    noConsoleErrors();
  }

  @Test
  void badInputGetsAClearMessageAndChangesNothing() throws IOException {
    phone(360, 740);
    signIn("member-grid1");
    go("report");
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#report-most-used .m-chip")).isEmpty());

    // Not an image; seven photos where six fit; a photo larger than a camera makes.
    Path text = Files.writeString(photos.resolve("notes.txt"), "not a photo");
    browser.findElement(By.id("report-photos")).sendKeys(text.toString());
    waitUpTo(10).until(d -> d.findElement(By.cssSelector("#report-form .m-picker .m-message")).getText().contains("不是图片"));
    StringBuilder seven = new StringBuilder();
    for (int i = 1; i <= 7; i++) {
      seven.append(i > 1 ? "\n" : "").append(PhoneJpeg.write(photos, "many-" + i, 800, 600, null, null, null));
    }
    browser.findElement(By.id("report-photos")).sendKeys(seven.toString());
    waitUpTo(30).until(d -> d.findElements(By.cssSelector("#report-form .m-photos img")).size() == 6);
    assertThat(browser.findElement(By.cssSelector("#report-form .m-picker .m-message")).getText()).contains("最多 6 张");
    Path huge = photos.resolve("huge.jpg");
    Files.write(huge, new byte[26 * 1024 * 1024]);
    browser.findElement(By.id("report-photos")).sendKeys(huge.toString());
    waitUpTo(10).until(d -> d.findElement(By.cssSelector("#report-form .m-picker .m-message")).getText().contains("太大"));
    screenshot("m-bad-photos.png");
    noHorizontalScroll("bad photos");
    dismissNotice();

    // A fix worse than 500 m is warned about, not refused.
    at(inside.x, inside.y, 800);
    waitUpTo(20).until(d -> d.findElement(By.id("report-fix")).getText().contains("精度差"));
    tap(By.cssSelector("#report-most-used .m-chip"));
    String poor = "定位较差的上报 " + UUID.randomUUID();
    browser.findElement(By.id("report-description")).sendKeys(poor);
    tap(By.id("report-submit"));
    waitUpTo(30).until(d -> !d.findElements(By.id("report-result")).isEmpty());
    assertThat(notice().getText()).contains("精度差");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident WHERE description = ?", Integer.class, poor)).isEqualTo(1);
    dismissNotice();
    at(inside.x, inside.y, 15);

    // A report queued offline more than 7 days ago, and the device revoked while offline: the app
    // says it was signed out, asks for the password and keeps the queue; then it is sent with its
    // original time and flagged late.
    tap(By.id("report-another"));
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#report-most-used .m-chip")).isEmpty());
    waitUpTo(20).until(d -> d.findElement(By.id("report-fix")).getText().contains("±"));
    tap(By.cssSelector("#report-most-used .m-chip"));
    String old = "七天前离线上报 " + UUID.randomUUID();
    browser.findElement(By.id("report-description")).sendKeys(old);
    network(false);
    waitUpTo(10).until(d -> (Boolean) js("return navigator.onLine === false"));
    tap(By.id("report-submit"));
    waitUpTo(20).until(d -> !d.findElements(By.id("report-queued")).isEmpty());
    String eightDaysAgo = java.time.Instant.now().minus(Duration.ofDays(8)).toString();
    browser.executeAsyncScript(
        """
        const [createdAt, done] = arguments;
        const open = indexedDB.open('wangge-m');
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite');
          const store = tx.objectStore('outbox');
          store.getAll().onsuccess = (e) => { e.target.result.forEach((item) => { item.createdAt = createdAt; store.put(item); }); };
          tx.oncomplete = () => done(true);
        };
        """,
        eightDaysAgo);
    go("tasks");
    js("window.dispatchEvent(new Event('hashchange'))");
    waitUpTo(10).until(d -> d.findElement(By.id("outbox")).getText().contains("超过 7 天"));
    screenshot("m-queued-old.png");

    var admin = Api.as(port, "admin");
    JsonNode devices = JSON.readTree(admin.get("/api/admin/devices?username=member-grid1").body());
    for (JsonNode device : devices) {
      if (device.get("revokedAt") == null || device.get("revokedAt").isNull()) {
        assertThat(admin.delete("/api/admin/devices/" + device.get("id").asLong()).statusCode()).isIn(200, 204);
      }
    }
    network(true);
    waitUpTo(30).until(d -> d.findElement(By.id("v-signin")).isDisplayed());
    assertThat(browser.findElement(By.id("signin-message")).getText()).contains("已退出登录").contains("注销");
    screenshot("m-signed-out.png");
    noHorizontalScroll("signed out");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident WHERE description = ?", Integer.class, old)).isZero();
    assertThat(((Number) browser.executeAsyncScript(
        """
        const done = arguments[0];
        const open = indexedDB.open('wangge-m');
        open.onsuccess = () => { open.result.transaction('outbox').objectStore('outbox').count().onsuccess = (e) => done(e.target.result); };
        """)).intValue()).isEqualTo(1);

    browser.findElement(By.id("signin-password")).sendKeys(Api.DEMO_PASSWORD);
    tap(By.id("signin-submit"));
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT count(*) FROM incident WHERE description = ?", Integer.class, old) == 1);
    assertThat(jdbc.queryForObject(
        "SELECT count(*) FROM incident_event e JOIN incident i ON i.id = e.incident_id WHERE i.description = ? AND e.late", Integer.class, old))
        .isEqualTo(1);
    // The refused device's 401s are expected here; nothing else may be in the console.
    assertThat(chromium.consoleErrors()).filteredOn(e -> !e.getMessage().contains("401") && !e.getMessage().contains("ERR_INTERNET_DISCONNECTED")).isEmpty();
  }

  @Test
  void anActionOnACaseChangedMeanwhileShowsTheCasesCurrentStateAndIsKeptToDiscard() throws IOException {
    phone(360, 740);
    signIn("member-grid1");
    long id = dispatchedCase("手机测试：处理中被作废 " + UUID.randomUUID()).get("id").asLong();
    go("case/" + id);
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#case-actions [data-action='ACCEPT']")).isEmpty());
    tap(By.cssSelector("#case-actions [data-action='ACCEPT']"));
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#case-actions [data-action='START']")).isEmpty());
    dismissNotice();
    tap(By.cssSelector("#case-actions [data-action='START']"));
    waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#case-actions [data-action='HANDLE']")).isEmpty());
    dismissNotice();
    tap(By.cssSelector("#case-actions [data-action='HANDLE']"));
    browser.findElement(By.id("form-note")).sendKeys("已处理");
    // Meanwhile the centre cancels the case (a duplicate, say).
    var cancelled = Api.as(port, "operator-city").post("/api/incidents/" + id + "/actions", "{\"action\":\"CANCEL\",\"reason\":\"重复上报\"}");
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    tap(By.id("action-submit"));
    waitUpTo(20).until(d -> notice().isDisplayed() && notice().getText().contains("已被他人处理"));
    assertThat(notice().getText()).contains("已作废");
    screenshot("m-conflict.png");
    noHorizontalScroll("conflict");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_event WHERE incident_id = ? AND action = 'HANDLE'", Integer.class, id)).isZero();
    dismissNotice();
    go("tasks");
    waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#outbox .m-queued[data-state='conflict']")).isEmpty());
    tap(By.cssSelector("#outbox .m-queued[data-state='conflict'] .m-danger"));
    waitUpTo(10).until(d -> d.findElements(By.cssSelector("#outbox .m-queued")).isEmpty());
    assertThat(chromium.consoleErrors()).filteredOn(e -> !e.getMessage().contains("409")).isEmpty();
  }
}
