package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * The responsibility list's pickers and extra questions in headless Chromium on the embedded demo
 * city: on the intake desk (1600×1000) an operator searches "燃气", is held to the required
 * question of a gas explosion, then files a gas leak with "anyone hurt?" and "how many people?"
 * answered and reads the receipt; on the phone app (390×844) a member picks an item through class →
 * subclass → item and answers its questions. The answers are stored with the case. Screenshots:
 * {@code picker-intake.png}, {@code picker-intake-tree.png}, {@code picker-intake-en.png}, {@code
 * picker-phone.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class CategoryPickerIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COMMUNITY = "360502001001";

  @Autowired JdbcTemplate jdbc;

  private WebElement byId(String id) {
    return browser.findElement(By.id(id));
  }

  private String data(String name) {
    return browser.findElement(By.tagName("html")).getDomAttribute("data-" + name);
  }

  private void tap(By by) {
    WebElement element = browser.findElement(by);
    js("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' })", element);
    element.click();
  }

  @Test
  void theIntakeDeskFindsTheGasLeakByNameAndFilesItWithItsAnswers() throws IOException {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1600, 1000));
    browser.get(url("/login.html"));
    chromium.consoleErrors();
    chromium.signIn(url("/intake.html"), "operator-city", Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().contains("/intake.html")) {
      browser.get(url("/intake.html"));
    }
    viewport(1600, 1000);
    waitUpTo(60).until(d -> "true".equals(data("ready")));

    // Without a search the tree shows the 11 classes, folded; a class opens to its subclasses.
    assertThat(browser.findElements(By.cssSelector("#category-tree details.cls"))).hasSize(11);
    tap(By.cssSelector("#category-tree details.cls[data-code='05'] > summary"));
    tap(By.cssSelector("#category-tree details.sub[data-code='0503'] > summary"));
    assertThat(browser.findElement(By.cssSelector("#category-tree details.sub[data-code='0503'] button.minor[data-code='050301']")).isDisplayed()).isTrue();
    screenshot("picker-intake-tree.png");

    Map<String, Object> place =
        jdbc.queryForList("SELECT code, full_text, grid_code FROM address WHERE grid_code LIKE ? ORDER BY code", COMMUNITY + "%").get(9);
    byId("address").sendKeys((String) place.get("full_text"));
    By candidate = By.cssSelector("#candidates li[data-code='" + place.get("code") + "']");
    waitUpTo(10).until(d -> !d.findElements(candidate).isEmpty());
    browser.findElement(candidate).click();
    waitUpTo(10).until(d -> place.get("grid_code").equals(data("place")));

    // Search "燃气": gas items only, under their class › subclass.
    byId("category-search").sendKeys("燃气");
    By gasLeak = By.cssSelector("#category-tree button.minor[data-code='050301']");
    waitUpTo(10).until(d -> !d.findElements(gasLeak).isEmpty());
    List<WebElement> found = browser.findElements(By.cssSelector("#category-tree button.minor"));
    assertThat(found).hasSizeBetween(3, 12);
    assertThat(found).allMatch(b -> b.getDomAttribute("data-code").startsWith("05") || b.getDomAttribute("data-code").startsWith("08"));
    assertThat(byId("category-tree").getText()).contains("突发事件 › 燃气泄漏");

    // A gas explosion asks whether anyone is trapped, and will not go without the answer.
    browser.findElement(By.cssSelector("#category-tree button.minor[data-code='050302']")).click();
    assertThat(byId("category-questions").isDisplayed()).isTrue();
    assertThat(byId("category-questions").getText()).contains("有人被困吗？").contains("必答");
    byId("description").sendKeys("居民楼燃气味很重，有人说听到响声");
    long before = jdbc.queryForObject("SELECT count(*) FROM incident", Long.class);
    byId("submit").click();
    WebElement trappedError = browser.findElement(By.cssSelector("[data-error-for='answers.trapped']"));
    waitUpTo(5).until(d -> trappedError.isDisplayed());
    assertThat(trappedError.getText()).contains("有人被困吗？");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident", Long.class)).isEqualTo(before);

    // The gas leak: anyone hurt, how many people.
    browser.findElement(gasLeak).click();
    assertThat(byId("category-picked").getText()).contains("燃气泄漏").contains("050301");
    assertThat(browser.findElements(By.id("answer-trapped"))).isEmpty();
    new Select(byId("answer-injured")).selectByValue("true");
    byId("answer-people_involved").sendKeys("3");
    screenshot("picker-intake.png");
    byId("submit").click();
    waitUpTo(20).until(d -> data("submitted") != null);
    String number = byId("receipt-number").getText();
    assertThat(number).isEqualTo(data("submitted"));
    assertThat(byId("receipt-handler").getText()).contains("D04");
    JsonNode answers = JSON.readTree(jdbc.queryForObject("SELECT answers FROM incident WHERE number = ?", String.class, number));
    assertThat(answers.get("injured").asBoolean()).isTrue();
    assertThat(answers.get("people_involved").asInt()).isEqualTo(3);
    // The form is ready for the next call: no item, no questions.
    assertThat(byId("category-questions").isDisplayed()).isFalse();

    // In English the list reads in English and is searched in English.
    byId("lang-toggle").click();
    byId("category-search").sendKeys("gas");
    waitUpTo(10).until(d -> !d.findElements(gasLeak).isEmpty());
    assertThat(browser.findElement(gasLeak).getText()).contains("Gas leak");
    assertThat(byId("category-tree").getText()).contains("Emergencies › Gas leak");
    browser.findElement(gasLeak).click();
    assertThat(byId("category-questions").getText()).contains("Anyone hurt?").contains("How many people involved?");
    screenshot("picker-intake-en.png");
    byId("lang-toggle").click();
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void thePhonePicksAnItemClassBySubclassAndAnswersItsQuestions() throws IOException {
    String grid = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'member-grid1'", String.class);
    Coordinate inside;
    try {
      inside =
          new WKBReader(Wgs84.FACTORY)
              .read(jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, grid))
              .getInteriorPoint()
              .getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
    browser.get(url("/login.html"));
    browser.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", url(""), "storageTypes", "all"));
    browser.manage().deleteAllCookies();
    browser.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    browser.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
    browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", url(""), "permissions", List.of("geolocation")));
    browser.executeCdpCommand(
        "Emulation.setGeolocationOverride", Map.of("latitude", inside.y, "longitude", inside.x, "accuracy", 15));
    chromium.consoleErrors();
    try {
      browser.get(url("/m/"));
      waitUpTo(60).until(d -> "true".equals(data("ready")));
      waitUpTo(20).until(d -> d.findElement(By.id("v-signin")).isDisplayed());
      byId("signin-username").sendKeys("member-grid1");
      byId("signin-password").sendKeys(Api.DEMO_PASSWORD);
      tap(By.id("signin-submit"));
      waitUpTo(30).until(d -> d.findElement(By.id("m-tabs")).isDisplayed());
      js("window.location.hash = arguments[0]", "report");
      waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#report-browse .m-node")).isEmpty());
      waitUpTo(20).until(d -> d.findElement(By.id("report-fix")).getText().contains("±"));

      // Class → subclass → item.
      assertThat(browser.findElements(By.cssSelector("#report-browse .m-node"))).hasSize(11);
      tap(By.cssSelector("#report-browse [data-node='05']"));
      waitUpTo(5).until(d -> !d.findElements(By.cssSelector("#report-browse [data-node='0505']")).isEmpty());
      assertThat(browser.findElements(By.cssSelector("#report-browse .m-node")))
          .allMatch(n -> n.getDomAttribute("data-node").startsWith("05"));
      tap(By.cssSelector("#report-browse [data-node='0505']"));
      By fire = By.cssSelector("#report-browse .m-chip[data-code='050502']");
      waitUpTo(5).until(d -> !d.findElements(fire).isEmpty());
      tap(fire);
      assertThat(byId("report-category-chosen").getText()).contains("突发事件").contains("火情").contains("电动车起火");
      // Its questions: anyone hurt, how many, and what is seen (required).
      waitUpTo(5).until(d -> d.findElement(By.id("report-questions")).isDisplayed());
      String description = "电动车起火 " + UUID.randomUUID();
      byId("report-description").sendKeys(description);
      tap(By.id("report-submit"));
      waitUpTo(5).until(d -> d.findElement(By.id("report-message")).getText().contains("现场情况"));
      new Select(byId("report-answer-fire_state")).selectByValue("明火");
      new Select(byId("report-answer-injured")).selectByValue("false");
      byId("report-answer-people_involved").sendKeys("6");
      screenshot("picker-phone.png");
      Number overflow = (Number) js("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth");
      assertThat(overflow.intValue()).as("horizontal overflow (px)").isLessThanOrEqualTo(0);
      tap(By.id("report-submit"));
      waitUpTo(30).until(d -> !d.findElements(By.id("report-result")).isEmpty());
      await().atMost(Duration.ofSeconds(10))
          .until(() -> jdbc.queryForObject("SELECT count(*) FROM incident WHERE description = ?", Integer.class, description) == 1);
      JsonNode answers =
          JSON.readTree(jdbc.queryForObject("SELECT answers FROM incident WHERE description = ?", String.class, description));
      assertThat(answers.get("fire_state").asString()).isEqualTo("明火");
      assertThat(answers.get("injured").asBoolean()).isFalse();
      assertThat(answers.get("people_involved").asInt()).isEqualTo(6);
      assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
    } finally {
      browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }
}
