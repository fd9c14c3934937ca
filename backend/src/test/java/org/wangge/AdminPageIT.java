package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The administration page in headless Chromium (like {@link MapPageIT}, sharing its application
 * context): an ADMIN reaches it from the map, sees the demo users (sorted, filtered), creates a user
 * through the form (the server's objection shown next to its field first), sets its password,
 * disables and enables it, issues a token shown once that then works against the API, revokes it
 * (refused at once), and finds the creation in the audit trail (filtered, paged); revokes a
 * member's phone (its device token refused at once); a non-admin gets
 * no link and 需要管理员权限; no CSP violations or other console errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class AdminPageIT extends BrowserPage {

  /** The desk pages are tested at a desk's 1600×1000. */
  @org.junit.jupiter.api.BeforeAll
  void deskViewport() {
    viewport(1600, 1000);
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Waits for a condition, looking again at elements that the page re-rendered meanwhile. */
  private WebDriverWait waiting() {
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private WebElement byId(String id) {
    return browser.findElement(By.id(id));
  }

  private WebElement userRow(String username) {
    return browser.findElement(By.cssSelector("#users-body tr[data-username='" + username + "']"));
  }

  private List<String> shownUsernames() {
    return browser.findElements(By.cssSelector("#users-body tr[data-username]")).stream()
        .map(row -> row.getDomAttribute("data-username"))
        .toList();
  }

  /** The demo users in the table's order (other tests sharing the server may have added users). */
  private List<String> demoUsersShown() {
    return shownUsernames().stream().filter(SecurityContract.DEMO_USERS::contains).toList();
  }

  private HttpResponse<String> meWithBasic(String username, String password) {
    return Api.send(Api.anonymous(port).request("/api/me").header("Authorization", Api.basic(username, password)).GET().build());
  }

  private HttpResponse<String> meWithToken(String secret) {
    return Api.send(Api.anonymous(port).request("/api/me").header("Authorization", "Bearer " + secret).GET().build());
  }

  @Test
  void theAdminPageNeedsASessionAndItsHtmlNeedsNoInlineCode() {
    var anonymous = Api.anonymous(port).get("/admin.html");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    assertThat(Api.anonymous(port).get("/js/admin.js").statusCode()).isEqualTo(200);
    assertThat(Api.anonymous(port).get("/css/admin.css").statusCode()).isEqualTo(200);

    var page = Api.as(port, "operator-street").get("/admin.html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'", "style-src 'self'").doesNotContain("unsafe-inline"));
    // Allowed by a strict policy without hashes: no inline script, style or handler.
    assertThat(page.body())
        .contains("<script type=\"module\" src=\"/js/admin.js\"></script>")
        .doesNotContainPattern("<script(?![^>]*\\ssrc=)")
        .doesNotContainPattern("\\sstyle=")
        .doesNotContain("<style")
        .doesNotContainPattern("\\son[a-z]+=");
  }

  @Test
  void anAdminManagesUsersAndTokensAndReadsTheAuditTrail() throws IOException {
    // From the map, through the link that only admins see.
    chromium.signIn(url("/"), "admin", Api.DEMO_PASSWORD);
    waiting().until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
    // The map's top bar lists the page for an ADMIN; the admin clicks it.
    waiting().until(d -> d.findElements(By.id("admin-link")).size() == 1 && d.findElement(By.id("admin-link")).isDisplayed());
    assertThat(byId("admin-link").getDomAttribute("href")).isEqualTo("/admin.html");
    byId("admin-link").click();
    waiting().until(d -> d.getCurrentUrl().contains("/admin.html"));

    // The users of the admin's jurisdiction: all the demo users, marked as such.
    waiting().until(d -> shownUsernames().containsAll(SecurityContract.DEMO_USERS));
    assertThat(userRow("admin").getText()).contains("本人", "系统管理员", "演示账户");
    assertThat(userRow("officer-dept").getText()).contains("职能部门人员", "3605", "D01");
    assertThat(byId("map-link").getDomAttribute("href")).isEqualTo("/");
    assertThat(byId("forbidden").isDisplayed()).isFalse();

    // Sorting by a column header, both ways; the filter box.
    var sortByName = By.cssSelector("#users-table [data-sort='username']");
    browser.findElement(sortByName).click();
    assertThat(browser.findElement(sortByName).findElement(By.xpath("..")).getDomAttribute("aria-sort")).isEqualTo("descending");
    assertThat(demoUsersShown()).isSortedAccordingTo(Comparator.<String>naturalOrder().reversed());
    browser.findElement(sortByName).click();
    assertThat(demoUsersShown()).isSorted();
    byId("user-filter").sendKeys("operator-str");
    waiting().until(d -> demoUsersShown().equals(List.of("operator-street", "operator-street2")));
    assertThat(shownUsernames()).allSatisfy(name -> assertThat(name).contains("operator-str"));
    assertThat(byId("user-count").getText()).contains("/");
    byId("user-filter").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    browser.findElement(By.cssSelector("#users-table [data-sort='role']")).click();
    waiting().until(d -> shownUsernames().containsAll(SecurityContract.DEMO_USERS));

    // Creating a user: the server's objection appears next to the field it names.
    String username = "page-" + Long.toString(System.currentTimeMillis(), 36);
    byId("new-username").sendKeys(username);
    byId("new-display-name").sendKeys("页面测试用户");
    byId("new-password").sendKeys("too-short");
    var role = new Select(byId("new-role"));
    role.selectByValue("DEPARTMENT_OFFICER");
    assertThat(byId("new-department-code").isDisplayed()).isTrue();
    role.selectByValue("OPERATOR");
    assertThat(byId("new-department-code").isDisplayed()).isFalse();
    byId("new-area-code").sendKeys("360502001");
    byId("create-user-submit").click();
    waiting().until(d -> !d.findElement(By.id("new-password-error")).getText().isBlank());
    assertThat(byId("new-password-error").getText()).contains("password", "12");
    assertThat(byId("new-password").getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(byId("new-username-error").getText()).isEmpty();
    byId("new-password").clear();
    byId("new-password").sendKeys("page-test-password-2026");
    byId("create-user-submit").click();
    waiting().until(d -> !d.findElements(By.cssSelector("#users-body tr[data-username='" + username + "']")).isEmpty());
    assertThat(userRow(username).getText()).contains("页面测试用户", "指挥中心值班员", "360502001", "正常");
    assertThat(byId("notice").getText()).contains("已创建用户", username);
    assertThat(byId("new-password-error").getText()).isEmpty();
    assertThat(byId("new-username").getDomProperty("value")).isEmpty();
    screenshot("admin.png");

    // A new password, typed twice (a mismatch is caught in the page), then it signs in.
    userRow(username).findElement(By.cssSelector("button[data-action='password']")).click();
    waiting().until(d -> d.findElement(By.id("password-dialog")).isDisplayed());
    assertThat(byId("password-user").getText()).contains(username);
    byId("password-value").sendKeys("new-page-password-2026");
    byId("password-repeat").sendKeys("something-else-2026");
    byId("password-submit").click();
    waiting().until(d -> d.findElement(By.id("password-repeat-error")).getText().contains("不一致"));
    byId("password-repeat").clear();
    byId("password-repeat").sendKeys("new-page-password-2026");
    byId("password-submit").click();
    waiting().until(d -> !d.findElement(By.id("password-dialog")).isDisplayed());
    assertThat(byId("notice").getText()).contains("已为用户", username, "设置新密码");
    assertThat(byId("password-value").getDomProperty("value")).isEmpty();
    assertThat(meWithBasic(username, "new-page-password-2026").statusCode()).isEqualTo(200);

    // Disabling asks first and then refuses the user; enabling lets them in again.
    userRow(username).findElement(By.cssSelector("button[data-action='disable']")).click();
    waiting().until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed());
    assertThat(byId("confirm-message").getText()).contains(username, "无法登录");
    byId("confirm-ok").click();
    waiting().until(d -> userRow(username).getText().contains("已停用"));
    assertThat(meWithBasic(username, "new-page-password-2026").statusCode()).isEqualTo(401);
    userRow(username).findElement(By.cssSelector("button[data-action='enable']")).click();
    waiting().until(d -> userRow(username).getText().contains("正常"));
    assertThat(meWithBasic(username, "new-page-password-2026").statusCode()).isEqualTo(200);

    // Its tokens: none yet; one issued, shown once, works against the API.
    userRow(username).findElement(By.cssSelector("button[data-action='tokens']")).click();
    waiting().until(d -> d.findElement(By.id("panel-tokens")).isDisplayed());
    assertThat(new Select(byId("token-user")).getFirstSelectedOption().getDomAttribute("value")).isEqualTo(username);
    waiting().until(d -> d.findElement(By.id("tokens-empty")).isDisplayed());
    byId("token-name").sendKeys("页面测试令牌");
    String expires = LocalDate.now().plusDays(30).toString();
    browser.executeScript("arguments[0].value = arguments[1]", byId("token-expires"), expires);
    byId("issue-token-submit").click();
    waiting().until(d -> d.findElement(By.id("token-secret")).isDisplayed());
    String secret = byId("token-secret-value").getDomProperty("value");
    assertThat(secret).startsWith("wg_");
    assertThat(byId("token-secret").getText()).contains("只显示这一次", username);
    byId("token-copy").click();
    waiting().until(d -> !d.findElement(By.id("token-copy-status")).getText().isBlank());
    waiting().until(d -> d.findElements(By.cssSelector("#tokens-body tr[data-token-id]")).size() == 1);
    WebElement tokenRow = browser.findElement(By.cssSelector("#tokens-body tr[data-token-id]"));
    String tokenId = tokenRow.getDomAttribute("data-token-id");
    assertThat(tokenRow.getText()).contains("页面测试令牌", secret.substring(0, 10), "admin", "有效", "从未使用").doesNotContain("长期有效");

    var me = meWithToken(secret);
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(JSON.readTree(me.body()).get("username").asString()).isEqualTo(username);

    // Once closed, the secret is gone from the page.
    byId("token-secret-done").click();
    assertThat(byId("token-secret").isDisplayed()).isFalse();
    assertThat(byId("token-secret-value").getDomProperty("value")).isEmpty();

    // Revoking asks first; cancelling keeps the token.
    browser.findElement(By.cssSelector("#tokens-body tr[data-token-id] button[data-action='revoke']")).click();
    waiting().until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed());
    assertThat(byId("confirm-message").getText()).contains("页面测试令牌", "不可恢复");
    byId("confirm-cancel").click();
    waiting().until(d -> !d.findElement(By.id("confirm-dialog")).isDisplayed());
    assertThat(meWithToken(secret).statusCode()).isEqualTo(200);
    browser.findElement(By.cssSelector("#tokens-body tr[data-token-id] button[data-action='revoke']")).click();
    waiting().until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed());
    byId("confirm-ok").click();
    waiting().until(d -> d.findElement(By.cssSelector("#tokens-body tr[data-token-id]")).getText().contains("已撤销"));
    assertThat(browser.findElements(By.cssSelector("#tokens-body button[data-action='revoke']"))).isEmpty();
    assertThat(meWithToken(secret).statusCode()).isEqualTo(401);

    // The audit trail: the creation of the user, with its state after, and the revocation.
    byId("tab-audit").click();
    waiting().until(d -> d.findElement(By.id("panel-audit")).isDisplayed());
    waiting().until(d -> !d.findElements(By.cssSelector("#audit-body tr")).isEmpty());
    byId("audit-entity-id").sendKeys(username);
    byId("audit-search").click();
    // Created, password set, disabled, enabled: newest first.
    waiting().until(d -> auditActions().equals(List.of("USER_CHANGED", "USER_CHANGED", "PASSWORD_CHANGED", "USER_CREATED")));
    new Select(byId("audit-action")).selectByValue("USER_CREATED");
    byId("audit-search").click();
    var created = By.cssSelector("#audit-body tr[data-action='USER_CREATED']");
    waiting().until(d -> auditActions().equals(List.of("USER_CREATED")));
    WebElement creation = browser.findElement(created);
    assertThat(creation.getText()).contains("admin", "系统管理员", "创建用户", username, "360502001").doesNotContain("USER_CREATED");
    assertThat(creation.findElement(By.cssSelector("td.action")).getDomAttribute("title")).isEqualTo("USER_CREATED");
    assertThat(creation.findElement(By.cssSelector("td.time")).getText()).matches("\\d{4}/\\d{1,2}/\\d{1,2}\\s+\\d{1,2}:\\d{2}:\\d{2}");
    assertThat(creation.findElement(By.cssSelector("td.address")).getText()).isNotBlank();
    WebElement after = creation.findElement(By.cssSelector("details pre"));
    assertThat(after.isDisplayed()).isFalse();
    creation.findElement(By.cssSelector("details summary")).click();
    waiting().until(d -> after.isDisplayed());
    assertThat(after.getText()).contains("\"username\": \"" + username + "\"", "\"role\": \"OPERATOR\"");

    byId("audit-entity-id").clear();
    byId("audit-entity-id").sendKeys(tokenId);
    new Select(byId("audit-entity-type")).selectByValue("api_token");
    new Select(byId("audit-action")).selectByValue("TOKEN_REVOKED");
    byId("audit-search").click();
    waiting().until(d -> auditActions().equals(List.of("TOKEN_REVOKED")));
    assertThat(browser.findElement(By.cssSelector("#audit-body tr")).getText()).contains("撤销令牌", "访问令牌", tokenId);

    // Paging: ten a page (there are more: the demo users' creation alone is ten events).
    byId("audit-reset").click();
    waiting().until(d -> d.findElement(By.id("audit-entity-id")).getDomProperty("value").isEmpty()
        && d.findElements(By.cssSelector("#audit-body tr")).size() > 1);
    new Select(byId("audit-size")).selectByValue("10");
    byId("audit-search").click();
    waiting().until(d -> d.findElements(By.cssSelector("#audit-body tr")).size() == 10 && d.findElement(By.id("audit-next")).isEnabled());
    assertThat(byId("audit-page").getText()).contains("第 1 页");
    assertThat(byId("audit-prev").isEnabled()).isFalse();
    long lastOnFirstPage = auditIds().getLast();
    byId("audit-next").click();
    waiting().until(d -> d.findElement(By.id("audit-page")).getText().contains("第 2 页"));
    assertThat(auditIds()).isNotEmpty().allSatisfy(id -> assertThat(id).isLessThan(lastOnFirstPage));
    assertThat(byId("audit-prev").isEnabled()).isTrue();
    byId("audit-prev").click();
    waiting().until(d -> d.findElement(By.id("audit-page")).getText().contains("第 1 页"));
    assertThat(auditIds().getLast()).isEqualTo(lastOnFirstPage);

    // The one expected console error is the 400 of the first attempt to create the user.
    List<LogEntry> errors = chromium.consoleErrors();
    assertThat(errors)
        .as("browser console errors")
        .allSatisfy(e -> assertThat(e.getMessage()).contains("/api/admin/users", "status of 400"))
        .hasSize(1);
  }

  @Test
  void anAdminRevokesAMembersPhone() {
    // A member's phone signs in with the password and is remembered.
    var phone = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    String deviceName = "页面测试手机-" + System.nanoTime() % 100_000;
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/devices")))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"username\":\"member-grid1\",\"password\":\"" + Api.DEMO_PASSWORD + "\",\"deviceName\":\"" + deviceName + "\"}"))
            .build();
    HttpResponse<String> signedIn;
    try {
      signedIn = phone.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(201);
    String token = JSON.readTree(signedIn.body()).get("deviceToken").asString();

    chromium.signIn(url("/admin.html"), "admin", Api.DEMO_PASSWORD);
    waiting().until(d -> d.getCurrentUrl().contains("/admin.html"));
    waiting().until(d -> shownUsernames().containsAll(SecurityContract.DEMO_USERS));
    byId("tab-devices").click();
    waiting().until(d -> d.findElement(By.id("panel-devices")).isDisplayed());
    new Select(byId("device-user")).selectByValue("member-grid1");
    var row = By.xpath("//tbody[@id='devices-body']/tr[td[1][text()='" + deviceName + "']]");
    waiting().until(d -> !d.findElements(row).isEmpty());
    assertThat(browser.findElement(row).getText()).contains("有效");
    browser.findElement(row).findElement(By.cssSelector("button[data-action='revoke']")).click();
    waiting().until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed());
    assertThat(byId("confirm-message").getText()).contains(deviceName, "member-grid1");
    byId("confirm-ok").click();
    waiting().until(d -> d.findElement(row).getText().contains("已撤销"));
    assertThat(browser.findElement(row).findElements(By.cssSelector("button[data-action='revoke']"))).isEmpty();

    // The phone's token is refused from now on.
    var refused =
        Api.send(
            Api.anonymous(port).request("/api/devices/session").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"deviceToken\":\"" + token + "\"}"))
                .build());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(refused.body()).get("code").asString()).isEqualTo("DEVICE_REVOKED");
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  /** The page as it is, scrolled to the top, to {@code target/screenshots/}. */
  @Override
  void screenshot(String name) throws IOException {
    browser.executeScript("document.querySelector('.admin-main').scrollTo(0, 0)");
    super.screenshot(name);
  }

  private List<String> auditActions() {
    return browser.findElements(By.cssSelector("#audit-body tr[data-action]")).stream()
        .map(row -> row.getDomAttribute("data-action"))
        .toList();
  }

  private List<Long> auditIds() {
    return browser.findElements(By.cssSelector("#audit-body tr[data-audit-id]")).stream()
        .map(row -> Long.parseLong(row.getDomAttribute("data-audit-id")))
        .toList();
  }

  /** Role and audit codes as the server writes them: none may show as text on the page. */
  private static final java.util.regex.Pattern RAW_CODE =
      java.util.regex.Pattern.compile("\\b(OPERATOR|GRID_LEADER|GRID_MEMBER|DEPARTMENT_OFFICER|PLANNER|ADMIN|[A-Z]{2,}_[A-Z_]{2,})\\b");

  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  /** The texts of one column of a table body, top down. */
  private List<String> column(String table, int index) {
    return browser.findElements(By.cssSelector("#" + table + " tbody tr td:nth-child(" + index + ")")).stream()
        .map(WebElement::getText)
        .toList();
  }

  @Test
  void inEnglishTheAdminPageShowsEveryCodeByNameAndEveryListSorts() throws IOException {
    // A case reported and cancelled: CASE_CANCEL in the audit trail.
    Map<String, Object> at = jdbc.queryForMap(
        "SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM address WHERE grid_code LIKE '360502001001%' ORDER BY id LIMIT 1");
    String category = jdbc.queryForObject(
        "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    var reported = Api.as(port, "operator-city").post("/api/incidents", JSON.writeValueAsString(Map.of(
        "lon", at.get("lon"), "lat", at.get("lat"), "categoryCode", category, "description", "管理页测试：作废", "source", "HOTLINE")));
    assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
    String caseId = String.valueOf(JSON.readTree(reported.body()).get("id").asLong());
    var cancelled = Api.as(port, "operator-city")
        .post("/api/incidents/" + caseId + "/actions", "{\"action\":\"CANCEL\",\"reason\":\"管理页测试\"}");
    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);

    browser.get(url("/login.html"));
    chromium.consoleErrors();
    chromium.signIn(url("/admin.html"), "admin", Api.DEMO_PASSWORD);
    waiting().until(d -> d.getCurrentUrl().contains("/admin.html"));
    waiting().until(d -> !d.findElements(By.cssSelector("#users-body tr[data-username]")).isEmpty());
    // The top bar: a link to every page an ADMIN may open, this one marked current.
    List<String> links = browser.findElements(By.cssSelector("#page-nav a")).stream().map(a -> a.getDomAttribute("id")).toList();
    assertThat(links).contains("map-link", "coverage-link", "planning-link", "exchange-link", "admin-link");
    assertThat(byId("admin-link").getDomAttribute("aria-current")).isEqualTo("page");

    byId("lang-toggle").click();
    waiting().until(d -> d.findElement(By.tagName("h1")).getText().equals("Administration"));
    assertThat(byId("tab-audit").getText()).isEqualTo("Audit log");
    assertThat(byId("planning-link").getText()).isEqualTo("Planning");
    assertThat(userRow("admin").getText()).contains("Administrator", "Demo account");
    assertThat(userRow("officer-dept").getText()).contains("Department officer");
    assertThat(byId("users-body").getText()).doesNotContainPattern(RAW_CODE);
    // Users sort by role (by its name in the page's language), both ways.
    browser.findElement(By.cssSelector("#users-table [data-sort='role']")).click();
    waiting().until(d -> "ascending".equals(d.findElement(By.cssSelector("#users-table th:nth-child(3)")).getDomAttribute("aria-sort")));
    assertThat(column("users-table", 3)).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    browser.findElement(By.cssSelector("#users-table [data-sort='role']")).click();
    waiting().until(d -> "descending".equals(d.findElement(By.cssSelector("#users-table th:nth-child(3)")).getDomAttribute("aria-sort")));
    assertThat(column("users-table", 3)).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER.reversed());

    // The audit trail: actions, roles and object types by name; the pickers list names too.
    byId("tab-audit").click();
    waiting().until(d -> !d.findElements(By.cssSelector("#audit-body tr")).isEmpty());
    assertThat(new Select(byId("audit-action")).getOptions()).extracting(WebElement::getText)
        .contains("Case cancelled", "Case accepted", "Plan abandoned").noneMatch(o -> RAW_CODE.matcher(o).find());
    new Select(byId("audit-action")).selectByValue("CASE_CANCEL");
    byId("audit-entity-id").sendKeys(caseId);
    byId("audit-search").click();
    waiting().until(d -> auditActions().equals(List.of("CASE_CANCEL")));
    WebElement row = browser.findElement(By.cssSelector("#audit-body tr"));
    assertThat(row.getText()).contains("Case cancelled", "Command centre operator", "Case", caseId).doesNotContainPattern(RAW_CODE);
    byId("audit-reset").click();
    waiting().until(d -> d.findElements(By.cssSelector("#audit-body tr")).size() > 5);
    assertThat(byId("audit-body").getText()).doesNotContainPattern(RAW_CODE);
    browser.findElement(By.cssSelector("#audit-table [data-sort='action']")).click();
    waiting().until(d -> "ascending".equals(d.findElement(By.cssSelector("#audit-table th:nth-child(5)")).getDomAttribute("aria-sort")));
    assertThat(column("audit-table", 5)).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    screenshot("admin-en.png");
    // Tokens and devices sort by their columns too.
    byId("tab-tokens").click();
    assertThat(browser.findElements(By.cssSelector("#tokens-table th[aria-sort] [data-sort]"))).hasSizeGreaterThanOrEqualTo(6);
    byId("tab-devices").click();
    assertThat(browser.findElements(By.cssSelector("#devices-table th[aria-sort] [data-sort]"))).hasSizeGreaterThanOrEqualTo(4);

    byId("lang-toggle").click();
    waiting().until(d -> d.findElement(By.tagName("h1")).getText().equals("系统管理"));
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void aStreetOperatorHasNoAdminLinkAndIsToldThePageNeedsAnAdmin() {
    // Without a session the page sends the browser to the login form, and back after signing in.
    chromium.signIn(url("/admin.html"), "operator-street", Api.DEMO_PASSWORD);
    waiting().until(d -> d.getCurrentUrl().contains("/admin.html"));
    waiting().until(d -> d.findElement(By.id("forbidden")).isDisplayed());
    assertThat(byId("forbidden").getText()).contains("需要管理员权限");
    assertThat(byId("tabs").isDisplayed()).isFalse();
    assertThat(browser.findElements(By.cssSelector("#users-body tr"))).isEmpty();
    assertThat(byId("user-name").getText()).isNotBlank();

    browser.get(url("/"));
    waiting().until(d -> d.findElement(By.id("user-role")).getText().contains("指挥中心值班员"));
    assertThat(browser.findElements(By.id("admin-link"))).as("no link for an operator").isEmpty();

    // The one expected console error is the API's 403 to the users list.
    assertThat(chromium.consoleErrors())
        .as("browser console errors")
        .allSatisfy(e -> assertThat(e.getMessage()).contains("/api/admin/users", "status of 403"))
        .hasSize(1);
  }
}
