package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.incident.ExifJpeg;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The citizen's report page and follow page in headless Chromium as a phone (390×844, touch,
 * emulated over the DevTools protocol), with no sign-in: a report with a photo chosen through the
 * real file input (prepared in the browser: resized, its EXIF capture time kept as photoFacts), the
 * place from an overridden GPS fix, the receipt, the follow page before and after the operators
 * close the case, and the rating. Every screen: no horizontal scrolling, no console errors, a
 * screenshot in target/screenshots/. Then the desk's case card shows the handling photo's flag.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class CitizenReportPageIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String GRID1 = "360502001001001";

  @Autowired JdbcTemplate jdbc;

  private void phone() {
    browser.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    browser.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
  }

  private void desk() {
    browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    browser.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
  }

  private void gpsAt(double lon, double lat, double accuracyMetres) {
    browser.executeCdpCommand(
        "Browser.grantPermissions", Map.of("origin", url(""), "permissions", List.of("geolocation")));
    browser.executeCdpCommand(
        "Emulation.setGeolocationOverride", Map.of("latitude", lat, "longitude", lon, "accuracy", accuracyMetres));
  }

  private void waitReady() {
    waitUpTo(30).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
  }

  /** The screen fits the phone's width, nothing went wrong in the console, and it is saved. */
  private void checkScreen(String name) throws Exception {
    long scrollWidth = ((Number) js("return document.scrollingElement.scrollWidth")).longValue();
    long innerWidth = ((Number) js("return window.innerWidth")).longValue();
    assertThat(innerWidth).isEqualTo(390);
    assertThat(scrollWidth).as("horizontal scrolling on " + name).isLessThanOrEqualTo(innerWidth);
    assertThat(chromium.consoleErrors()).as("console errors on " + name).isEmpty();
    screenshot(name);
  }

  private Coordinate insideGrid(String code) throws Exception {
    byte[] wkb =
        jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, code);
    return new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> act(String user, long id, Map<String, Object> body) {
    return Api.as(port, user).post("/api/incidents/" + id + "/actions", JSON.writeValueAsString(body));
  }

  /** The member's feedback with a photo whose facts say it was taken before the case was dispatched. */
  private void handleWithAnOldPhoto(long id, Coordinate at) {
    String boundary = "wangge" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    String facts = "[{\"takenAt\":\"" + Instant.now().minus(3, ChronoUnit.DAYS) + "\",\"lon\":" + at.x + ",\"lat\":" + at.y + "}]";
    for (String[] part : List.of(
        new String[] {"action", "{\"action\":\"HANDLE\",\"note\":\"已清理\"}"}, new String[] {"photoFacts", facts})) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0]
          + "\"\r\nContent-Type: application/json\r\n\r\n" + part[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"after.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(ExifJpeg.plainJpeg());
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    ok(Api.send(
        Api.as(port, "member-grid1").request("/api/incidents/" + id + "/actions")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build()));
  }

  @Test
  void aCitizenReportsWithAPhotoAndGpsFollowsTheCaseAndRatesItOnceClosed() throws Exception {
    Coordinate place = insideGrid(GRID1);
    String member1 = jdbc.queryForObject("SELECT member_code FROM app_user WHERE username = 'member-grid1'", String.class);
    OffsetDateTime takenAt = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
    Path photo = Files.createTempFile("wangge-citizen-", ".jpg");
    Files.write(photo, ExifJpeg.of(2400, 1800, takenAt, place.x, place.y));

    browser.get(url("/login.html"));
    browser.manage().deleteAllCookies();
    chromium.consoleErrors();
    phone();
    gpsAt(place.x, place.y, 18);
    browser.get(url("/report/"));
    waitReady();
    assertThat(browser.findElement(By.id("category")).findElements(By.tagName("option")).size()).isGreaterThan(10);
    checkScreen("report-1-empty.png");

    // A photo through the real file input: prepared in the browser (long side 1,600 px), EXIF read first.
    browser.findElement(By.id("photos")).sendKeys(photo.toAbsolutePath().toString());
    waitUpTo(30).until(d -> "1".equals(d.findElement(By.tagName("html")).getDomAttribute("data-photos")));
    assertThat(browser.findElement(By.cssSelector(".photo-info")).getText()).contains("1600×1200");
    // The place from the GPS fix, with its accuracy.
    browser.findElement(By.id("locate")).click();
    waitUpTo(20).until(d -> "gps".equals(d.findElement(By.tagName("html")).getDomAttribute("data-place")));
    assertThat(browser.findElement(By.id("gps-status")).getText()).contains("精度约 18 m");
    String categoryCode =
        jdbc.queryForObject("SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    new Select(browser.findElement(By.id("category"))).selectByValue(categoryCode);
    browser.findElement(By.id("description")).sendKeys("小区门口的垃圾堆了三天没人清理");
    browser.findElement(By.id("phone")).sendKeys("13800138000");
    js("document.getElementById('step-photos').scrollIntoView()");
    checkScreen("report-2-filled.png");

    browser.findElement(By.id("submit")).click();
    waitUpTo(30).until(d -> d.findElement(By.id("receipt")).isDisplayed());
    String number = browser.findElement(By.id("receipt-number")).getText();
    assertThat(number).matches("\\d{13}");
    assertThat(browser.findElement(By.id("receipt-status")).getText()).isIn("已受理，等待派遣", "正在处理");
    assertThat(browser.findElement(By.id("receipt-due")).getText()).isNotEqualTo("–");
    checkScreen("report-3-receipt.png");

    // Stored: a citizen's case at the GPS fix, its photo resized with the EXIF capture time kept.
    var stored =
        jdbc.queryForMap(
            "SELECT i.id, i.source, i.reporter_name, ST_X(i.location) AS lon, ST_Y(i.location) AS lat FROM incident i WHERE i.number = ?", number);
    long id = ((Number) stored.get("id")).longValue();
    assertThat(stored.get("source")).isEqualTo("CITIZEN");
    assertThat(((Number) stored.get("lon")).doubleValue()).isCloseTo(place.x, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(((Number) stored.get("lat")).doubleValue()).isCloseTo(place.y, org.assertj.core.data.Offset.offset(1e-6));
    var photoRow =
        jdbc.queryForMap("SELECT data, taken_at, taken_at_source, taken_lon, position_source FROM incident_photo WHERE incident_id = ?", id);
    var image = ImageIO.read(new ByteArrayInputStream((byte[]) photoRow.get("data")));
    assertThat(image.getWidth()).isEqualTo(1600);
    assertThat(image.getHeight()).isEqualTo(1200);
    assertThat(jdbc.queryForObject("SELECT taken_at FROM incident_photo WHERE incident_id = ?", java.sql.Timestamp.class, id).toInstant())
        .isEqualTo(takenAt.toInstant());
    assertThat(photoRow.get("taken_at_source")).isEqualTo("CLIENT"); // the re-encoded file has no EXIF left
    assertThat(((Number) photoRow.get("taken_lon")).doubleValue()).isCloseTo(place.x, org.assertj.core.data.Offset.offset(1e-5));

    // The follow page shows the status in plain words, no personal data.
    browser.findElement(By.id("follow-link")).click();
    waitReady();
    assertThat(browser.getCurrentUrl()).contains("/report/follow.html?receipt=");
    assertThat(browser.findElement(By.id("status-text")).getText()).isIn("已受理，等待派遣", "正在处理");
    assertThat(browser.findElement(By.id("rating-form")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("13800138000").doesNotContain("138****8000");
    checkScreen("follow-1-open.png");

    // The operators take it through the loop (the member's feedback photo is an old one) and close it.
    ok(act("operator-street", id, Map.of("action", "DISPATCH", "assigneeCode", member1)));
    ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
    handleWithAnOldPhoto(id, place);
    ok(act("leader-community", id, Map.of("action", "CLOSE")));

    browser.navigate().refresh();
    waitReady();
    waitUpTo(10).until(d -> "CLOSED".equals(d.findElement(By.tagName("html")).getDomAttribute("data-status")));
    assertThat(browser.findElement(By.id("status-text")).getText()).isEqualTo("已办结");
    assertThat(browser.findElement(By.id("rating-form")).isDisplayed()).isTrue();
    checkScreen("follow-2-closed.png");
    browser.findElement(By.cssSelector(".stars input[value='5'] + span")).click();
    browser.findElement(By.id("comment")).sendKeys("清理得很干净，谢谢");
    browser.findElement(By.id("rate")).click();
    waitUpTo(20).until(d -> d.findElement(By.id("rated")).isDisplayed());
    assertThat(browser.findElement(By.id("rated-text")).getText()).contains("5").contains("清理得很干净");
    assertThat(browser.findElement(By.id("rating-form")).isDisplayed()).isFalse();
    assertThat(jdbc.queryForObject("SELECT satisfaction FROM citizen_rating WHERE incident_id = ?", Integer.class, id)).isEqualTo(5);
    checkScreen("follow-3-rated.png");
    // English on request.
    browser.findElement(By.id("lang-toggle")).click();
    assertThat(browser.findElement(By.id("status-text")).getText()).isEqualTo("Closed");
    checkScreen("follow-4-english.png");
    browser.findElement(By.id("lang-toggle")).click();

    // The desk: whoever verifies sees the feedback photo's flag in plain words on the case card.
    desk();
    chromium.signIn(url("/"), "leader-community", Api.DEMO_PASSWORD);
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
    browser.findElement(By.id("search-input")).sendKeys(number + "\n");
    waitUpTo(30).until(d -> !d.findElements(By.cssSelector("#card .timeline .photo-flag")).isEmpty());
    var flag = browser.findElement(By.cssSelector("#card .timeline .photo-flag"));
    assertThat(flag.getText()).isEqualTo("拍摄于派遣之前");
    assertThat(flag.getDomAttribute("data-flag")).isEqualTo("TAKEN_BEFORE_DISPATCH");
    js("arguments[0].scrollIntoView()", flag);
    screenshot("case-card-photo-flag.png");
    assertThat(chromium.consoleErrors()).isEmpty();
    Files.deleteIfExists(photo);
  }
}
