package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intake desk (受理台) in headless Chromium at 1600×1000 on the embedded demo city, as the people
 * who take calls: a 12345 hotline call end to end (the caller's earlier case shown from the phone,
 * an address candidate picked, the grid shown, the category found by search, the possible duplicate
 * shown before submitting, the receipt read from the page, the case in the API); a walk-in at a
 * community desk merged into the case it duplicates (the place clicked on the map); bad input named
 * on the page with nothing filed; no console errors. Screenshots: {@code intake.png}, {@code
 * intake-receipt.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class IntakeDeskIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COMMUNITY = "360502001001";

  @Autowired JdbcTemplate jdbc;

  private void open(String username) {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1600, 1000));
    browser.get(url("/login.html"));
    chromium.consoleErrors();
    chromium.signIn(url("/intake.html"), username, Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().contains("/intake.html")) {
      browser.get(url("/intake.html"));
    }
    waitUpTo(60).until(d -> "true".equals(data("ready")));
  }

  private String data(String name) {
    return browser.findElement(By.tagName("html")).getDomAttribute("data-" + name);
  }

  /** A standard address in the demo community (the n-th by code). */
  private Map<String, Object> address(int n) {
    return jdbc.queryForList(
            "SELECT code, full_text, grid_code, ST_X(location) AS lon, ST_Y(location) AS lat FROM address"
                + " WHERE grid_code LIKE ? ORDER BY code",
            COMMUNITY + "%")
        .get(n);
  }

  /** A minor category handled by the grid team, with its name. */
  private Map<String, Object> category(int n) {
    return jdbc.queryForList(
            "SELECT code, name FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL ORDER BY code")
        .get(n);
  }

  private JsonNode seed(String user, String source, Map<String, Object> address, String category, String phone) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("addressCode", address.get("code"));
    r.put("categoryCode", category);
    r.put("description", "早先来电：同一处问题");
    r.put("source", source);
    r.put("reporterPhone", phone);
    var response = Api.as(port, user).post("/api/incidents", JSON.writeValueAsString(r));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  private long incidents() {
    return jdbc.queryForObject("SELECT count(*) FROM incident", Long.class);
  }

  private WebElement byId(String id) {
    return browser.findElement(By.id(id));
  }

  private void pickCategory(Map<String, Object> category) {
    String name = (String) category.get("name");
    byId("category-search").sendKeys(name.substring(0, Math.min(2, name.length())));
    By minor = By.cssSelector("#category-tree button.minor[data-code='" + category.get("code") + "']");
    waitUpTo(10).until(d -> !d.findElements(minor).isEmpty());
    // The search narrowed the tree: every minor class shown matches the words typed (or its major class does).
    assertThat(browser.findElements(By.cssSelector("#category-tree button.minor")).size())
        .isLessThan(jdbc.queryForObject("SELECT count(*) FROM category WHERE level = 'ITEM' AND retired_in IS NULL", Integer.class));
    browser.findElement(minor).click();
    assertThat(byId("category-picked").getText()).contains(name).contains((String) category.get("code"));
  }

  @Test
  void aHotlineCallEndToEnd() throws IOException {
    Map<String, Object> place = address(5);
    Map<String, Object> category = category(0);
    String phone = "13912340077";
    JsonNode earlier = seed("operator-city", "HOTLINE", place, (String) category.get("code"), phone);
    long before = incidents();

    open("operator-city");
    // The top bar leads here, marked as the current page.
    assertThat(byId("intake-link").getDomAttribute("aria-current")).isEqualTo("page");
    assertThat(browser.findElements(By.id("inbox-link"))).hasSize(1);

    // 1. The caller's phone: the earlier case.
    byId("phone").sendKeys("139 1234 0077", Keys.ENTER);
    By earlierRow = By.cssSelector("#earlier-table tbody tr[data-number='" + earlier.get("number").asString() + "']");
    waitUpTo(10).until(d -> !d.findElements(earlierRow).isEmpty());
    assertThat(byId("earlier-head").getText()).contains("0077").doesNotContain(phone);
    assertThat(browser.findElement(earlierRow).getText()).contains((String) category.get("name"));
    // Sortable: by number, then the other way.
    browser.findElement(By.cssSelector("#earlier-table th[data-sort='number'] button")).click();
    assertThat(browser.findElement(By.cssSelector("#earlier-table th[data-sort='number']")).getDomAttribute("aria-sort")).isEqualTo("ascending");
    byId("reporter-name").sendKeys("李女士");
    assertThat(byId("source").getDomProperty("value")).isEqualTo("HOTLINE");

    // 2. The address with live candidates; the grid it falls in.
    byId("address").sendKeys((String) place.get("full_text"));
    By candidate = By.cssSelector("#candidates li[data-code='" + place.get("code") + "']");
    waitUpTo(10).until(d -> !d.findElements(candidate).isEmpty());
    browser.findElement(candidate).click();
    waitUpTo(10).until(d -> place.get("grid_code").equals(data("place")));
    assertThat(byId("place").getText()).contains((String) place.get("grid_code"));

    // 3. The category, by search.
    pickCategory(category);

    // 4. The possible duplicate, before submitting.
    waitUpTo(10).until(d -> !"".equals(data("duplicates")) && data("duplicates") != null);
    assertThat(byId("duplicates").isDisplayed()).isTrue();
    assertThat(byId("duplicate-choices").getText()).contains(earlier.get("number").asString());
    assertThat(browser.findElement(By.cssSelector("input[name='dup'][value='']")).isSelected()).as("a new case by default").isTrue();
    byId("description").sendKeys("路灯不亮，已持续两晚");
    java.nio.file.Path photo = java.nio.file.Files.createTempFile("intake-", ".jpg");
    java.nio.file.Files.write(photo, TestImages.jpeg(640, 480));
    byId("photos").sendKeys(photo.toAbsolutePath().toString());
    screenshot("intake.png");

    // 5. Submit: the receipt, and the form ready for the next call.
    byId("submit").click();
    waitUpTo(20).until(d -> data("submitted") != null);
    String number = byId("receipt-number").getText();
    assertThat(number).isEqualTo(data("submitted")).matches("\\d{13}");
    assertThat(byId("receipt-grid").getText()).contains((String) place.get("grid_code"));
    assertThat(byId("receipt-handler").getText()).isNotBlank();
    assertThat(byId("receipt-deadline").getText()).isNotBlank().isNotEqualTo("–");
    assertThat(byId("phone").getDomProperty("value")).isEmpty();
    assertThat(byId("address").getDomProperty("value")).isEmpty();
    assertThat(byId("description").getDomProperty("value")).isEmpty();
    assertThat(byId("duplicates").isDisplayed()).isFalse();
    screenshot("intake-receipt.png");

    // The case, in the API, as filed.
    assertThat(incidents()).isEqualTo(before + 1);
    var found = JSON.readTree(Api.as(port, "operator-city").get("/api/incidents?number=" + number).body()).get("items").get(0);
    assertThat(found.get("source").asString()).isEqualTo("HOTLINE");
    assertThat(found.get("grid").get("code").asString()).isEqualTo(place.get("grid_code"));
    assertThat(found.get("category").get("code").asString()).isEqualTo(category.get("code"));
    assertThat(found.get("description").asString()).isEqualTo("路灯不亮，已持续两晚");
    var one = JSON.readTree(Api.as(port, "operator-city").get("/api/incidents/" + found.get("id").asLong()).body());
    assertThat(one.get("photos").size()).as("the photo went with the report").isEqualTo(1);
    assertThat(byId("receipt-handler").getText())
        .contains(found.get("assignee").isNull() ? "" : found.get("assignee").get("name").asString());
    // The caller's history now holds both.
    var history = JSON.readTree(Api.as(port, "operator-city").post("/api/intake/earlier-cases", "{\"phone\":\"" + phone + "\"}").body());
    assertThat(history.get("total").asInt()).isEqualTo(2);
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void aWalkInMergedIntoTheCaseItDuplicates() throws IOException {
    Map<String, Object> place = address(9);
    Map<String, Object> category = category(1);
    JsonNode original = seed("leader-community", "CITIZEN", place, (String) category.get("code"), "13700001111");

    open("leader-community");
    assertThat(byId("source").findElements(By.tagName("option"))).hasSize(1);
    // The place by a click on the map, at the address.
    js("window.wangge.map.fire('click', { latlng: L.latLng(arguments[0], arguments[1]) })", place.get("lat"), place.get("lon"));
    waitUpTo(10).until(d -> place.get("grid_code").equals(data("place")));
    assertThat(byId("address").getDomProperty("value")).isEqualTo(place.get("full_text"));
    pickCategory(category);
    By merge = By.cssSelector("input[name='dup'][value='" + original.get("id").asLong() + "']");
    waitUpTo(10).until(d -> !d.findElements(merge).isEmpty());
    browser.findElement(merge).click();
    byId("description").sendKeys("来访群众反映同一问题");
    byId("submit").click();
    waitUpTo(20).until(d -> data("submitted") != null);
    String number = byId("receipt-number").getText();
    assertThat(byId("receipt").getText()).contains(original.get("number").asString());
    Map<String, Object> row = jdbc.queryForMap("SELECT status, merged_into, source FROM incident WHERE number = ?", number);
    assertThat(row.get("status")).isEqualTo("CANCELLED");
    assertThat(((Number) row.get("merged_into")).longValue()).isEqualTo(original.get("id").asLong());
    assertThat(row.get("source")).isEqualTo("CITIZEN");
    var timeline = JSON.readTree(Api.as(port, "leader-community").get("/api/incidents/" + original.get("id").asLong() + "/timeline").body());
    assertThat(timeline.toString()).contains("MERGED_IN").contains(number);
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void badInputIsNamedOnThePageAndNothingIsFiled() {
    open("operator-street");
    long before = incidents();
    byId("submit").click();
    waitUpTo(5).until(d -> byId("form-error").isDisplayed());
    assertThat(byId("form-error").getText()).contains("3");
    assertThat(browser.findElement(By.cssSelector("[data-error-for='location']")).getText()).contains("地点");
    assertThat(browser.findElement(By.cssSelector("[data-error-for='categoryCode']")).getText()).contains("类别");
    assertThat(browser.findElement(By.cssSelector("[data-error-for='description']")).getText()).contains("描述");
    assertThat(byId("description").getDomAttribute("aria-invalid")).isEqualTo("true");
    byId("phone").sendKeys("12ab", Keys.ENTER);
    waitUpTo(5).until(d -> browser.findElement(By.cssSelector("[data-error-for='reporterPhone']")).isDisplayed());
    assertThat(browser.findElement(By.cssSelector("[data-error-for='reporterPhone']")).getText()).contains("7 到 20 位数字");
    // In English too.
    byId("lang-toggle").click();
    byId("submit").click();
    waitUpTo(5).until(d -> browser.findElement(By.cssSelector("[data-error-for='description']")).getText().contains("Describe"));
    assertThat(byId("intake-link").getText()).isEqualTo("Intake desk");
    byId("lang-toggle").click();
    assertThat(incidents()).isEqualTo(before);
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }
}
