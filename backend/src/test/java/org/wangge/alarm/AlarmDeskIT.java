package org.wangge.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.Api;
import org.wangge.EmbeddedDatabase;
import org.wangge.HeadlessChromium;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alarms in headless Chromium: the street centre's operator sees the alarm that climbed to the
 * street flashing over the desk map (1600×1000) with sound once the page had a click, acknowledges
 * it with 确认, the banner goes and the case's timeline shows who acknowledged; the wall (3840×2160)
 * flashes an open alarm in big text and shows who acknowledged the other; the grid leader
 * acknowledges on the phone (390×844). Screenshots: target/screenshots/alarm-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlarmDeskIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;
  @Autowired AlarmClimb climb;

  HeadlessChromium chromium;
  ChromeDriver browser;
  String grid1;
  String alarmItem;

  @BeforeAll
  void start() throws Exception {
    chromium = new HeadlessChromium();
    browser = chromium.driver;
    grid1 = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'member-grid1'", String.class);
    alarmItem =
        jdbc.queryForObject(
            "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND raises_alarm = TRUE", String.class);
    // Alarms other tests left open in this shared database are set aside, so that the screens show ours.
    jdbc.update(
        "UPDATE alarm SET state = 'ACKNOWLEDGED', acknowledged_by = 'earlier-test', acknowledged_at = ?, due_at = NULL WHERE state = 'OPEN'",
        Timestamp.from(Instant.now().minus(Duration.ofHours(2))));
  }

  @AfterAll
  void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void anOperatorAcknowledgesOnTheDeskTheWallShowsItTheLeaderAcknowledgesOnThePhone() throws Exception {
    // --- The desk: the street centre's operator.
    chromium.signIn(url("/"), "operator-street", Api.DEMO_PASSWORD);
    viewport(1600, 1000);
    waitUpTo(90).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
    waitUpTo(30).until(d -> "online".equals(d.findElement(By.tagName("html")).getDomAttribute("data-live")));
    chromium.consoleErrors();
    long incident = report("路面塌陷，有人员被困");
    long alarm = jdbc.queryForObject("SELECT id FROM alarm WHERE incident_id = ?", Long.class, incident);
    // Nobody at the grid or the community acknowledges: the alarm climbs to the street.
    // (its times are moved back as if they had run out, and the sweep runs at the real now).
    for (int step = 0; step < 2; step++) {
      jdbc.update("UPDATE alarm SET due_at = ? WHERE id = ?", Timestamp.from(Instant.now().minusSeconds(1)), alarm);
      climb.sweep(Instant.now());
    }
    assertThat(jdbc.queryForObject("SELECT level FROM alarm WHERE id = ?", String.class, alarm)).isEqualTo("STREET");
    By mine = By.cssSelector("#alarm-banner .alarm.alarm-mine.alarm-flash[data-alarm-id='" + alarm + "']");
    waitUpTo(30).until(d -> !d.findElements(mine).isEmpty() && d.findElement(mine).isDisplayed());
    WebElement banner = browser.findElement(mine);
    assertThat(banner.getText()).contains("报警", "待", "（街道中心）确认", "剩余");
    assertThat(banner.findElement(By.cssSelector(".alarm-ack")).getText()).isEqualTo("确认");
    // Sound: the sign-in was on another page, so this page has had no user gesture and the banner
    // offers to turn the sound on.
    assertThat(browser.findElement(By.cssSelector("#alarm-banner .alarm-sound")).isDisplayed()).isTrue();
    // In English too (and these clicks are the gesture: any click on the page turns the sound on).
    browser.findElement(By.id("lang-toggle")).click();
    waitUpTo(5).until(d -> d.findElement(mine).getText().contains("Waiting for the street centre"));
    assertThat(browser.findElement(mine).findElement(By.cssSelector(".alarm-ack")).getText()).isEqualTo("Acknowledge");
    browser.findElement(By.id("lang-toggle")).click();
    waitUpTo(5).until(d -> d.findElement(mine).getText().contains("（街道中心）确认"));
    waitUpTo(10).until(d -> ((Number) js("return window.wanggeAlarmBeeps ?? 0")).intValue() > 0);
    assertThat(browser.findElements(By.cssSelector("#alarm-banner .alarm-sound"))).isEmpty();
    // It flashes: the background changes within a second.
    String first = browser.findElement(mine).getCssValue("background-color");
    waitUpTo(3).until(d -> !d.findElement(mine).getCssValue("background-color").equals(first));
    screenshot("alarm-desk-1600x1000.png");

    browser.findElement(mine).findElement(By.cssSelector(".alarm-ack")).click();
    waitUpTo(20).until(d -> d.findElements(By.cssSelector("#alarm-banner .alarm[data-alarm-id='" + alarm + "']")).isEmpty());
    assertThat(browser.findElement(By.id("alarm-banner")).isDisplayed()).isFalse();
    assertThat(jdbc.queryForObject("SELECT acknowledged_by FROM alarm WHERE id = ?", String.class, alarm)).isEqualTo("operator-street");
    // The case's timeline shows who acknowledged, and when.
    js("window.history.replaceState(null, '', '/?case=' + arguments[0]); window.location.reload()", number(incident));
    waitUpTo(90).until(d -> !d.findElements(By.cssSelector("#card li[data-action='ALARM_ACKNOWLEDGED']")).isEmpty());
    String entry = browser.findElement(By.cssSelector("#card li[data-action='ALARM_ACKNOWLEDGED']")).getText();
    assertThat(entry).contains("报警已确认", "operator-street", "街道中心");
    assertThat(browser.findElement(By.cssSelector("#card li[data-action='ALARM_CLIMBED']")).getText()).contains("报警上提", "网格长");
    js("arguments[0].scrollIntoView({ block: 'center' })", browser.findElement(By.cssSelector("#card li[data-action='ALARM_ACKNOWLEDGED']")));
    screenshot("alarm-desk-timeline.png");
    assertThat(chromium.consoleErrors()).as("console errors on the desk").isEmpty();

    // --- The wall: a new alarm flashes in big text; the acknowledged one says who.
    long second = report("路面塌陷（大屏测试）");
    long secondAlarm = jdbc.queryForObject("SELECT id FROM alarm WHERE incident_id = ?", Long.class, second);
    // Leave the desk first: its page would otherwise ask for alarms after the sign-in's cookies are gone.
    browser.get(url("/login.html"));
    chromium.consoleErrors();
    viewport(3840, 2160);
    chromium.signIn(url("/?wall=1"), "operator-city", Api.DEMO_PASSWORD);
    waitUpTo(90).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
    By wallAlarm = By.cssSelector("#alarm-banner .alarm.alarm-flash[data-alarm-id='" + secondAlarm + "']");
    waitUpTo(30).until(d -> !d.findElements(wallAlarm).isEmpty());
    assertThat(browser.findElement(wallAlarm).getText()).contains("待", "（网格长）确认");
    assertThat(Double.parseDouble(browser.findElement(wallAlarm).getCssValue("font-size").replace("px", "")))
        .as("alarm text on the wall, px").isGreaterThanOrEqualTo(60);
    By done = By.cssSelector("#alarm-banner .alarm-done[data-alarm-id='" + alarm + "']");
    waitUpTo(10).until(d -> !d.findElements(done).isEmpty());
    assertThat(browser.findElement(done).getText()).contains("operator-street", "已于", "确认");
    waitUpTo(60).until(d -> ((Number) js("return window.wangge.tilesLoading()")).intValue() == 0);
    screenshot("alarm-wall-3840x2160.png");
    assertThat(chromium.consoleErrors()).as("console errors on the wall").isEmpty();

    // --- The phone: the grid leader acknowledges the new alarm.
    browser.get(url("/login.html"));
    browser.manage().deleteAllCookies();
    browser.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", url(""), "storageTypes", "all"));
    browser.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    browser.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
    browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", url(""), "permissions", List.of("geolocation", "notifications")));
    Coordinate here = interior(grid1);
    browser.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", here.y, "longitude", here.x, "accuracy", 15));
    browser.get(url("/m/"));
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
    waitUpTo(20).until(d -> d.findElement(By.id("v-signin")).isDisplayed());
    browser.findElement(By.id("signin-username")).sendKeys("leader-community");
    browser.findElement(By.id("signin-password")).sendKeys(Api.DEMO_PASSWORD);
    browser.findElement(By.id("signin-submit")).click();
    By card = By.cssSelector("#m-alarms .alarm.alarm-mine.alarm-flash[data-alarm-id='" + secondAlarm + "']");
    waitUpTo(30).until(d -> !d.findElements(card).isEmpty() && d.findElement(card).isDisplayed());
    assertThat(browser.findElement(card).getText()).contains("报警", "（网格长）确认");
    // The sign-in tap was the gesture: the phone beeps without a sound button.
    waitUpTo(10).until(d -> ((Number) js("return window.wanggeAlarmBeeps ?? 0")).intValue() > 0);
    Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
    assertThat(overflow.intValue()).as("horizontal overflow on the phone, px").isLessThanOrEqualTo(0);
    screenshot("alarm-phone-390x844.png");
    WebElement ack = browser.findElement(card).findElement(By.cssSelector(".alarm-ack"));
    js("arguments[0].scrollIntoView({ block: 'center' })", ack);
    ack.click();
    waitUpTo(20).until(d -> d.findElements(By.cssSelector("#m-alarms .alarm[data-alarm-id='" + secondAlarm + "']")).isEmpty());
    assertThat(jdbc.queryForObject("SELECT acknowledged_by FROM alarm_step WHERE alarm_id = ? AND level = 'GRID'", String.class, secondAlarm))
        .isEqualTo("leader-community");
    assertThat(chromium.consoleErrors()).as("console errors on the phone").isEmpty();
  }

  // --- Helpers ------------------------------------------------------------------------------------

  long report(String description) {
    Coordinate c = interior(grid1);
    var filed =
        Api.as(port, "operator-street").post(
            "/api/incidents",
            "{\"lon\":" + c.x + ",\"lat\":" + c.y + ",\"categoryCode\":\"" + alarmItem + "\",\"description\":\"" + description
                + "\",\"source\":\"PATROL\",\"risk\":\"HIGH\"}");
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    return JSON.readTree(filed.body()).get("id").asLong();
  }

  String number(long incident) {
    return jdbc.queryForObject("SELECT number FROM incident WHERE id = ?", String.class, incident);
  }

  Instant due(long alarm) {
    return jdbc.queryForObject("SELECT due_at FROM alarm WHERE id = ?", Timestamp.class, alarm).toInstant();
  }

  Coordinate interior(String gridCode) {
    byte[] wkb = jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, gridCode);
    try {
      return new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  void viewport(int width, int height) {
    long frameWidth = ((Number) js("return window.outerWidth - window.innerWidth")).longValue();
    long frameHeight = ((Number) js("return window.outerHeight - window.innerHeight")).longValue();
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(width + (int) frameWidth, height + (int) frameHeight));
  }

  WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  Object js(String script, Object... args) {
    return browser.executeScript(script, args);
  }

  void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

}
