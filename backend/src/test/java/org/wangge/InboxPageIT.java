package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 我的待办 (the inbox page) in headless Chromium at 1600×1000 on the embedded demo city: a grid
 * member's tasks in the API's order (red first, its clock in colour and words), sortable by
 * received time and deadline (aria-sort set), a case dispatched meanwhile appearing by the live
 * feed without a reload, a row opening the case on the command map (/?case=), English; an
 * operator's inbox in the API's order too; no console errors. Screenshot: {@code inbox.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class InboxPageIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired JdbcTemplate jdbc;

  private void open(String username) {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1600, 1000));
    browser.get(url("/login.html"));
    chromium.consoleErrors();
    chromium.signIn(url("/inbox.html"), username, Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().contains("/inbox.html")) {
      browser.get(url("/inbox.html"));
    }
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
  }

  /**
   * The case numbers of the rows, read in one script: the live feed may redraw the table between
   * two element reads (a row read one by one can go stale under the test).
   */
  @SuppressWarnings("unchecked")
  private List<String> pageNumbers() {
    return new ArrayList<>(
        (List<String>) js("return [...document.querySelectorAll('#inbox tbody tr[data-number]')].map(r => r.dataset.number)"));
  }

  private JsonNode apiInbox(String user) {
    var response = Api.as(port, user).get("/api/inbox?size=200");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> numbers(JsonNode inbox) {
    List<String> numbers = new ArrayList<>();
    inbox.get("items").forEach(t -> numbers.add(t.get("number").asString()));
    return numbers;
  }

  /** A case in the member's grid, assigned to the member, with its clocks set as given. */
  private JsonNode assigned(String gridCode, String memberCode, Instant due, int urgeLevel) {
    double[] at =
        jdbc.queryForObject(
            "SELECT ST_X(location), ST_Y(location) FROM address WHERE grid_code = ? ORDER BY code FETCH FIRST 1 ROWS ONLY",
            (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)},
            gridCode);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("lon", at[0]);
    r.put("lat", at[1]);
    r.put("categoryCode", jdbc.queryForObject(
        "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class));
    r.put("description", "待办测试");
    r.put("source", "HOTLINE");
    var response = Api.as(port, "operator-city").post("/api/incidents", JSON.writeValueAsString(r));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode c = JSON.readTree(response.body());
    jdbc.update(
        "UPDATE incident SET status = 'DISPATCHED', assignee_id = (SELECT id FROM member WHERE code = ?), department_id = NULL,"
            + " stage = 'ACCEPT', stage_due_at = ?, due_at = ?, warning_at = ?, urge_level = ? WHERE id = ?",
        memberCode, Timestamp.from(due), Timestamp.from(due), Timestamp.from(due.minus(Duration.ofHours(4))), urgeLevel, c.get("id").asLong());
    return c;
  }

  @Test
  void aGridMemberSeesTheirTasksMostUrgentFirstSortsThemAndOpensOne() throws IOException {
    Map<String, Object> user = jdbc.queryForMap("SELECT area_code, member_code FROM app_user WHERE username = 'member-grid1'");
    String grid = (String) user.get("area_code");
    String member = (String) user.get("member_code");
    Instant now = Instant.now();
    JsonNode red = assigned(grid, member, now.minus(Duration.ofDays(3)), 2);
    JsonNode yellow = assigned(grid, member, now.plus(Duration.ofHours(2)), 1);
    JsonNode green = assigned(grid, member, now.plus(Duration.ofDays(5)), 0);

    open("member-grid1");
    JsonNode api = apiInbox("member-grid1");
    assertThat(pageNumbers()).isEqualTo(numbers(api));
    assertThat(pageNumbers()).contains(red.get("number").asString(), yellow.get("number").asString(), green.get("number").asString());
    assertThat(browser.findElement(By.id("inbox-count")).getText()).contains(String.valueOf(api.get("total").asLong()));
    // The red case first; each clock in colour and words.
    WebElement first = browser.findElement(By.cssSelector("#inbox tbody tr"));
    assertThat(first.getDomAttribute("data-clock")).isEqualTo("red");
    assertThat(row(red).getText()).contains("超时").contains("已超").contains("派给我办理");
    assertThat(row(yellow).getText()).contains("临期");
    assertThat(row(green).getText()).contains("正常").contains("剩");
    assertThat(row(red).findElement(By.cssSelector(".clock")).getCssValue("color")).isEqualTo("rgba(214, 40, 40, 1)");
    assertThat(browser.findElement(By.cssSelector("#inbox th[data-sort='clock']")).getDomAttribute("aria-sort")).isEqualTo("ascending");
    screenshot("inbox.png");

    // Sort by received (oldest first, then newest first) and by deadline.
    sortBy("received");
    assertThat(header("received")).isEqualTo("ascending");
    assertThat(pageNumbers()).isEqualTo(sorted(api, "reportedAt", false));
    sortBy("received");
    assertThat(header("received")).isEqualTo("descending");
    assertThat(pageNumbers()).isEqualTo(sorted(api, "reportedAt", true));
    sortBy("deadline");
    assertThat(header("deadline")).isEqualTo("ascending");
    assertThat(header("received")).isEqualTo("none");
    assertThat(pageNumbers().getFirst()).isEqualTo(red.get("number").asString());
    sortBy("category");
    assertThat(header("category")).isEqualTo("ascending");

    // A case dispatched to the member meanwhile appears without a reload (the live feed).
    JsonNode later = assigned(grid, member, now.plus(Duration.ofDays(2)), 0);
    jdbc.update("UPDATE incident SET status = 'REPORTED', assignee_id = NULL WHERE id = ?", later.get("id").asLong());
    var dispatched = Api.as(port, "operator-city").post(
        "/api/incidents/" + later.get("id").asLong() + "/actions", "{\"action\":\"DISPATCH\",\"assigneeCode\":\"" + member + "\"}");
    assertThat(dispatched.statusCode()).as(dispatched.body()).isEqualTo(200);
    waitUpTo(20).until(d -> pageNumbers().contains(later.get("number").asString()));

    // English.
    browser.findElement(By.id("lang-toggle")).click();
    assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("My tasks");
    assertThat(row(red).getText()).contains("Overdue").contains("Assigned to me");
    browser.findElement(By.id("lang-toggle")).click();

    // A row opens the case on the command map.
    row(yellow).click();
    waitUpTo(60).until(d -> yellow.get("id").asString().equals(d.findElement(By.id("card")).getDomAttribute("data-case-id")));
    assertThat(browser.getCurrentUrl()).contains("case=" + yellow.get("number").asString());
    assertThat(browser.findElement(By.id("card")).getText()).contains(yellow.get("number").asString());
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void anOperatorsInboxIsTheApisInTheSameOrder() {
    open("operator-street");
    assertThat(pageNumbers()).isEqualTo(numbers(apiInbox("operator-street")).subList(0, pageNumbers().size()));
    assertThat(pageNumbers()).isNotEmpty();
    assertThat(browser.findElement(By.id("inbox-link")).getDomAttribute("aria-current")).isEqualTo("page");
    assertThat(browser.findElements(By.id("intake-link"))).hasSize(1);
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  private WebElement row(JsonNode c) {
    return browser.findElement(By.cssSelector("#inbox tbody tr[data-number='" + c.get("number").asString() + "']"));
  }

  private void sortBy(String key) {
    browser.findElement(By.cssSelector("#inbox th[data-sort='" + key + "'] button")).click();
  }

  private String header(String key) {
    return browser.findElement(By.cssSelector("#inbox th[data-sort='" + key + "']")).getDomAttribute("aria-sort");
  }

  /** The API's numbers sorted by a time field, ties in the API's order. */
  private static List<String> sorted(JsonNode inbox, String field, boolean descending) {
    List<JsonNode> items = new ArrayList<>();
    inbox.get("items").forEach(items::add);
    Comparator<JsonNode> byField = Comparator.comparing(t -> Instant.parse(t.get(field).asString()));
    List<JsonNode> order = new ArrayList<>(items);
    order.sort((a, b) -> {
      int c = byField.compare(a, b);
      return c != 0 ? (descending ? -c : c) : Integer.compare(items.indexOf(a), items.indexOf(b));
    });
    return order.stream().map(t -> t.get("number").asString()).toList();
  }
}
