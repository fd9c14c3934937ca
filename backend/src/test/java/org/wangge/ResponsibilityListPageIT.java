package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 权责清单 (/responsibility-list.html) in headless Chromium at 1600×1000 on the embedded demo city,
 * as the ADMIN: searches the tree for an item, edits its deadline and lead department, saves, sees
 * the new version at the top of the history (who, what) and the API agrees; a negative deadline is
 * named beside the form and changes nothing; the items table sorts by deadline (aria-sort); an older
 * version shows read-only; English. No console errors. Screenshots: {@code responsibility-list.png},
 * {@code responsibility-list-en.png}. Its nodes (class 92) are added through the API before and
 * retired after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class ResponsibilityListPageIT extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String LIST = "/api/responsibility-list";

  @Autowired JdbcTemplate jdbc;

  private int version() {
    return jdbc.queryForObject("SELECT MAX(version) FROM responsibility_list_version", Integer.class);
  }

  private void add(String code, String level, String parent, String name) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("code", code);
    n.put("level", level);
    n.put("name", name);
    n.put("nameEn", "Page test " + code);
    n.put("parentCode", parent);
    n.put("deadlineHours", 24);
    n.put("expectedVersion", version());
    var response = Api.as(port, "admin").post(LIST + "/nodes", JSON.writeValueAsString(n));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @BeforeAll
  void addTestNodes() {
    add("92", "CLASS", null, "页面测试大类");
    add("9201", "SUBCLASS", "92", "页面测试小类");
    add("920101", "ITEM", "9201", "权责页测试事项");
  }

  @AfterAll
  void retireTestNodes() {
    for (String code : List.of("920101", "9201", "92")) {
      Api.as(port, "admin").delete(LIST + "/nodes/" + code + "?expectedVersion=" + version());
    }
  }

  private void waitUntilReady() {
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
  }

  private WebElement byId(String id) {
    return browser.findElement(By.id(id));
  }

  @Test
  void theAdminSearchesEditsAnItemAndSeesTheNewVersion() throws IOException {
    browser.get(url("/login.html"));
    viewport(1600, 1000);
    chromium.consoleErrors();
    chromium.signIn(url("/responsibility-list.html"), "admin", Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().contains("/responsibility-list.html")) {
      browser.get(url("/responsibility-list.html"));
    }
    waitUntilReady();
    JsonNode list = JSON.readTree(Api.as(port, "admin").get(LIST).body());
    long classes = 0;
    for (JsonNode n : list.get("nodes")) {
      classes += n.get("level").asString().equals("CLASS") ? 1 : 0;
    }
    assertThat(browser.findElements(By.cssSelector("#tree > li[data-level='CLASS']"))).hasSize((int) classes);
    assertThat(byId("summary").getText()).contains("第 " + list.get("version").asInt() + " 版");
    assertThat(byId("page-nav").getText()).contains("权责清单");

    // Search by name: the item shows, its branches open.
    byId("search").sendKeys("权责页测试");
    waitUpTo(5).until(d -> d.findElements(By.cssSelector("#tree li[data-code='920101']")).size() == 1);
    assertThat(browser.findElements(By.cssSelector("#tree > li[data-level='CLASS']"))).hasSize(1);
    browser.findElement(By.cssSelector("#tree li[data-code='920101'] .rl-pick")).click();
    waitUpTo(5).until(d -> d.findElement(By.id("editor-title")).getText().contains("920101"));
    assertThat(byId("f-deadlineHours").getDomProperty("value")).isEqualTo("24");

    // A negative deadline is named beside the form and changes nothing.
    int before = version();
    byId("f-deadlineHours").clear();
    byId("f-deadlineHours").sendKeys("-1");
    byId("save").click();
    waitUpTo(10).until(d -> d.findElement(By.id("form-error")).isDisplayed());
    assertThat(byId("form-error").getText()).contains("时限（小时）", "at least 1 hour");
    assertThat(byId("f-deadlineHours").getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(version()).isEqualTo(before);
    // The browser logs the refused request itself (status 400), nothing else.
    assertThat(chromium.consoleErrors()).allSatisfy(e -> assertThat(e.getMessage()).contains("/api/responsibility-list/nodes/920101", "400"));

    // The deadline and the lead department, saved as one new version.
    JsonNode departments = JSON.readTree(Api.as(port, "admin").get("/api/departments").body());
    String dept = departments.get(0).get("code").asString();
    byId("f-deadlineHours").clear();
    byId("f-deadlineHours").sendKeys("4");
    new Select(byId("f-leadDepartment")).selectByValue(dept);
    String co = departments.get(1).get("code").asString();
    browser.findElement(By.cssSelector("#f-coDepartments input[value='" + co + "']")).click();
    byId("add-question").click();
    WebElement question = browser.findElement(By.cssSelector("#f-questions .rl-question"));
    question.findElement(By.className("q-code")).sendKeys("people_involved");
    question.findElement(By.className("q-text")).sendKeys("涉及多少人");
    new Select(question.findElement(By.className("q-type"))).selectByValue("NUMBER");
    byId("save").click();
    waitUpTo(20).until(d -> d.findElement(By.id("notice")).getText().contains("第 " + (before + 1) + " 版"));
    waitUntilReady();
    WebElement newest = browser.findElement(By.cssSelector("#versions li"));
    assertThat(newest.getDomAttribute("data-version")).isEqualTo(String.valueOf(before + 1));
    assertThat(newest.getText()).contains("admin", "changed 920101", "deadline 24 → 4 h", "lead department – → " + dept);
    JsonNode item = null;
    for (JsonNode n : JSON.readTree(Api.as(port, "admin").get(LIST).body()).get("nodes")) {
      if (n.get("code").asString().equals("920101")) {
        item = n;
      }
    }
    assertThat(item.get("deadlineHours").asInt()).isEqualTo(4);
    assertThat(item.get("leadDepartment").asString()).isEqualTo(dept);
    assertThat(item.get("coDepartments").get(0).asString()).isEqualTo(co);
    assertThat(item.get("questions").get(0).get("code").asString()).isEqualTo("people_involved");
    assertThat(item.get("questions").get(0).get("type").asString()).isEqualTo("NUMBER");
    assertThat(byId("editor-title").getText()).contains("920101");
    screenshot("responsibility-list.png");

    // The items table sorts by deadline.
    byId("search").clear();
    byId("search").sendKeys(" ");
    byId("view-table").click();
    browser.findElement(By.cssSelector("#items th[data-key='deadline'] button")).click();
    assertThat(browser.findElement(By.cssSelector("#items th[data-key='deadline']")).getDomAttribute("aria-sort"))
        .isEqualTo("ascending");
    List<Integer> hours = new ArrayList<>();
    browser.findElements(By.cssSelector("#items tbody td[data-key='deadline']")).forEach(c -> hours.add(Integer.parseInt(c.getText())));
    assertThat(hours).hasSizeGreaterThan(10).isSortedAccordingTo(Comparator.naturalOrder());

    // The version before the edit, read-only, then back.
    browser.findElement(By.cssSelector("#versions li[data-version='" + before + "'] .rl-show-version")).click();
    waitUpTo(20).until(d -> d.findElement(By.id("as-of")).isDisplayed());
    assertThat(byId("as-of").getText()).contains("第 " + before + " 版");
    assertThat(byId("node-fields").getDomProperty("disabled")).isEqualTo("true");
    byId("back-to-current").click();
    waitUpTo(20).until(d -> !d.findElement(By.id("as-of")).isDisplayed());

    // Import: the dry run of a file with a bad row names it and offers no commit.
    var export = Api.send(Api.as(port, "admin").request(LIST + "/export?format=csv").GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
    int badRow = (int) export.body().lines().count() + 1;
    java.nio.file.Path file = java.nio.file.Files.createTempFile("responsibility-list", ".csv");
    java.nio.file.Files.writeString(file, export.body() + "910101,ITEM,9101,坏行,,,,是,-5,WORKING_HOURS,LOW,100,否,\r\n");
    byId("import-file").sendKeys(file.toAbsolutePath().toString());
    waitUpTo(20).until(d -> d.findElement(By.id("import-panel")).isDisplayed()
        && !d.findElements(By.cssSelector("#import-problems tbody td[data-key='row']")).isEmpty());
    List<String> problemRows = new ArrayList<>();
    browser.findElements(By.cssSelector("#import-problems tbody td[data-key='row']")).forEach(c -> problemRows.add(c.getText()));
    assertThat(problemRows).contains(String.valueOf(badRow));
    assertThat(byId("import-problems").getText()).contains("deadlineHours", "9101");
    assertThat(byId("import-summary").getText()).contains("不能导入");
    assertThat(byId("import-commit").isDisplayed()).isFalse();
    byId("import-cancel").click();
    java.nio.file.Files.delete(file);
    assertThat(version()).isEqualTo(before + 1);

    // English.
    byId("view-tree").click();
    byId("lang-toggle").click();
    waitUpTo(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("Responsibility list"));
    assertThat(byId("history-title").getText()).isEqualTo("Versions");
    screenshot("responsibility-list-en.png");
    byId("lang-toggle").click();
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }
}
