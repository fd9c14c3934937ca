package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.wangge.security.Role;
import org.wangge.security.UserAccounts;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may see and do what, over HTTP against a real database with the demo users: every role
 * inside and outside its jurisdiction (lists, filters, bbox, guessed ids, photos, contacts,
 * locate), masking, the audit trail, lock-out, the rate limit on public intake, CSRF on browser
 * forms, session fixation and the security headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecurityContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final List<String> DEMO_USERS =
      List.of(
          "admin", "operator-city", "officer-dept", "operator-district", "planner-district", "operator-street",
          "operator-street2", "leader-community", "member-grid1", "member-grid2");

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired UserAccounts accounts;

  /** Each demo user's jurisdiction as the database binds it. */
  private final Map<String, Map<String, Object>> bound = new LinkedHashMap<>();

  @BeforeAll
  void readDemoUsers() {
    for (var row : jdbc.queryForList("SELECT username, role, area_code, department_code FROM app_user")) {
      bound.put((String) row.get("username"), row);
    }
    assertThat(bound.keySet()).containsAll(DEMO_USERS);
    // A case with a reporter's contact in each demo grid member's grid.
    String category =
        jdbc.queryForObject(
            "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    for (String user : List.of("member-grid1", "member-grid2")) {
      var filed =
          as("operator-city").post(
              "/api/incidents",
              report(interior(area(user)), category, "PATROL")
                  .replace("}", ",\"reporterName\":\"李大伟\",\"reporterPhone\":\"13800001111\"}"));
      assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    }
  }

  Api as(String user) {
    return Api.as(port, user);
  }

  String area(String user) {
    return (String) bound.get(user).get("area_code");
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  /** A case whose grid lies outside the code, and one inside (ids as an attacker would guess). */
  long incidentOutside(String areaCode) {
    return count("SELECT min(id) FROM incident WHERE grid_code NOT LIKE ?", areaCode + "%");
  }

  long incidentInside(String areaCode) {
    return count("SELECT min(id) FROM incident WHERE grid_code LIKE ?", areaCode + "%");
  }

  // --- who is asking ------------------------------------------------------------------------------

  @Test
  void anonymousApiCallsAre401ProblemsAndPagesGoToTheLoginForm() {
    var api = Api.anonymous(port).get("/api/incidents");
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(api.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(json(api).get("detail").asString()).contains("Sign in");
    // The map's own calls ask for no password dialog.
    var xhr = Api.send(Api.anonymous(port).request("/api/me").header("X-Requested-With", "XMLHttpRequest").build());
    assertThat(xhr.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).doesNotStartWith("Basic"));
    var page = Api.anonymous(port).get("/");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    assertThat(Api.anonymous(port).get("/login").statusCode()).isEqualTo(200);
    assertThat(Api.anonymous(port).get("/actuator/health").statusCode()).isEqualTo(200);
  }

  @Test
  void httpBasicAndTokensSignInAndMeTellsTheJurisdiction() {
    for (String user : DEMO_USERS) {
      var me = Api.send(Api.anonymous(port).request("/api/me").header("Authorization", Api.basic(user, Api.DEMO_PASSWORD)).build());
      assertThat(me.statusCode()).as(user + ": " + me.body()).isEqualTo(200);
      JsonNode body = json(me);
      assertThat(body.get("username").asString()).isEqualTo(user);
      assertThat(body.get("role").asString()).isEqualTo(bound.get(user).get("role"));
      assertThat(body.get("jurisdiction").get("code").asString()).isEqualTo(area(user));
      assertThat(body.get("jurisdiction").get("name").asString()).isNotBlank();
      // Basic auth opens no session.
      assertThat(me.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
    }
    var wrong = Api.send(Api.anonymous(port).request("/api/me").header("Authorization", Api.basic("operator-street2", "wrong-password!")).build());
    assertThat(wrong.statusCode()).isEqualTo(401);
    var bogus = Api.send(Api.anonymous(port).request("/api/me").header("Authorization", "Bearer wg_notatoken").build());
    assertThat(bogus.statusCode()).isEqualTo(401);
    assertThat(as("member-grid1").get("/api/me").statusCode()).isEqualTo(200);
  }

  // --- reads inside and outside the jurisdiction ---------------------------------------------------

  @Test
  void everyRoleSeesTheGridsOfItsSubtreeOnlyAndTheAreasAboveWithoutFigures() {
    for (String user : DEMO_USERS) {
      String code = area(user);
      JsonNode grids = json(as(user).get("/api/areas?level=GRID")).get("features");
      long expected = count("SELECT count(*) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE ?", code + "%");
      assertThat(grids.size()).as(user).isEqualTo((int) expected);
      for (JsonNode f : grids) {
        assertThat(f.get("properties").get("code").asString()).startsWith(code);
      }
      // A bbox over the whole city changes nothing.
      JsonNode boxed = json(as(user).get("/api/areas?level=GRID&bbox=100,20,130,40")).get("features");
      assertThat(boxed.size()).as(user).isEqualTo((int) expected);
      // Streets: those inside, or the one above, which shows no figures.
      for (JsonNode f : json(as(user).get("/api/areas?level=STREET")).get("features")) {
        String street = f.get("properties").get("code").asString();
        assertThat(street.startsWith(code) || code.startsWith(street)).as(user + " sees " + street).isTrue();
        if (!street.startsWith(code)) {
          assertThat(f.get("properties").get("households").isNull()).isTrue();
        }
      }
    }
  }

  @Test
  void anAreaOutsideTheJurisdictionIsNotFoundLikeOneThatDoesNotExist() {
    String grid1 = area("member-grid1");
    String grid2 = area("member-grid2");
    var own = as("member-grid1").get("/api/areas/" + grid1);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(json(own).get("team").size()).isPositive();
    var next = as("member-grid1").get("/api/areas/" + grid2);
    var none = as("member-grid1").get("/api/areas/999999999999999");
    assertThat(next.statusCode()).isEqualTo(404);
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(json(next).get("detail").asString()).isEqualTo(json(none).get("detail").asString().replace("999999999999999", grid2));
    // The street operator of one street cannot open the other street, nor the district above.
    assertThat(as("operator-street").get("/api/areas/" + area("operator-street2")).statusCode()).isEqualTo(404);
    assertThat(as("operator-street").get("/api/areas/" + area("operator-district")).statusCode()).isEqualTo(404);
    assertThat(as("operator-district").get("/api/areas/" + area("operator-street2")).statusCode()).isEqualTo(200);
  }

  @Test
  void everyRoleListsOnlyTheCasesOfItsSubtreeWhateverTheFilters() {
    for (String user : DEMO_USERS) {
      String code = area(user);
      String department = (String) bound.get(user).get("department_code");
      String where = "(grid_code LIKE ? OR (grid_code IS NULL AND area_code LIKE ?))";
      long expected =
          department == null
              ? count("SELECT count(*) FROM incident WHERE " + where, code + "%", code + "%")
              : count(
                  "SELECT count(*) FROM incident i WHERE (i.department_id = (SELECT id FROM department WHERE code = ?)"
                      + " OR EXISTS (SELECT 1 FROM incident_whistle w WHERE w.incident_id = i.id"
                      + " AND w.department_id = (SELECT id FROM department WHERE code = ?))) AND " + where,
                  department, department, code + "%", code + "%");
      JsonNode page = json(as(user).get("/api/incidents?size=500"));
      assertThat(page.get("total").asLong()).as(user).isEqualTo(expected);
      for (JsonNode item : page.get("items")) {
        String grid = item.get("grid").isNull() ? item.get("areaCode").asString() : item.get("grid").get("code").asString();
        assertThat(grid).as(user).startsWith(code);
        if (department != null && !department.equals(item.get("departmentCode").asString())) {
          assertThat(count(
                  "SELECT count(*) FROM incident_whistle w JOIN department d ON d.id = w.department_id WHERE w.incident_id = ? AND d.code = ?",
                  item.get("id").asLong(), department))
              .as("a case the officer sees is the department's or called it in")
              .isPositive();
        }
      }
      // Asking for another area, or the whole city by bbox, still shows only the subtree.
      JsonNode boxed = json(as(user).get("/api/incidents?size=1&bbox=100,20,130,40"));
      assertThat(boxed.get("total").asLong()).as(user).isEqualTo(expected);
      JsonNode geo = json(as(user).get("/api/incidents?size=500&format=geojson"));
      for (JsonNode f : geo.get("features")) {
        JsonNode grid = f.get("properties").get("grid");
        if (!grid.isNull()) {
          assertThat(grid.get("code").asString()).startsWith(code);
        }
      }
    }
    String other = area("operator-street2");
    assertThat(json(as("operator-street").get("/api/incidents?area=" + other)).get("total").asLong()).isZero();
    assertThat(json(as("member-grid1").get("/api/incidents?grid=" + area("member-grid2"))).get("total").asLong()).isZero();
  }

  @Test
  void aGuessedIdFromAnotherAreaIsNotFoundByAnyEndpoint() {
    for (String user : List.of("member-grid1", "member-grid2", "leader-community", "operator-street", "operator-street2", "planner-district")) {
      long outside = incidentOutside(area(user));
      for (String path :
          List.of(
              "/api/incidents/" + outside,
              "/api/incidents/" + outside + "/photos/1",
              "/api/incidents/" + outside + "/reporter")) {
        var response = as(user).get(path);
        assertThat(response.statusCode()).as(user + " " + path).isIn(404, 403);
        if (!path.endsWith("/reporter") || Role.valueOf((String) bound.get(user).get("role")).mayRevealContacts()) {
          assertThat(response.statusCode()).as(user + " " + path).isEqualTo(404);
        }
      }
      long inside = incidentInside(area(user));
      assertThat(as(user).get("/api/incidents/" + inside).statusCode()).as(user).isEqualTo(200);
    }
    // The grid member of one grid cannot see a case of the next grid.
    long next = incidentInside(area("member-grid2"));
    assertThat(as("member-grid1").get("/api/incidents/" + next).statusCode()).isEqualTo(404);
    assertThat(as("member-grid2").get("/api/incidents/" + next).statusCode()).isEqualTo(200);
  }

  @Test
  void locateAnswersOnlyInsideTheJurisdiction() throws Exception {
    byte[] wkb =
        jdbc.queryForObject(
            "SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, area("member-grid2"));
    Coordinate c = new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    String path = "/api/locate?lon=" + c.x + "&lat=" + c.y;
    assertThat(as("member-grid2").get(path).statusCode()).isEqualTo(200);
    var outside = as("member-grid1").get(path);
    assertThat(outside.statusCode()).isEqualTo(404);
    assertThat(outside.body()).doesNotContain(area("member-grid2"));
  }

  @Test
  void geocodingFindsOnlyAddressesOfTheJurisdiction() {
    var other = jdbc.queryForMap(
        "SELECT full_text, ST_X(location) AS lon, ST_Y(location) AS lat FROM address WHERE grid_code = ? ORDER BY code LIMIT 1",
        area("member-grid2"));
    String text = URLEncoder.encode((String) other.get("full_text"), StandardCharsets.UTF_8);
    JsonNode own = json(as("member-grid2").get("/api/geocode?q=" + text));
    assertThat(own.get("status").asString()).isEqualTo("MATCH");
    JsonNode outside = json(as("member-grid1").get("/api/geocode?q=" + text));
    assertThat(outside.get("status").asString()).isEqualTo("NONE");
    assertThat(outside.get("candidates").size()).isZero();
    String reverse = "/api/geocode/reverse?lon=" + other.get("lon") + "&lat=" + other.get("lat") + "&maxDistance=2000";
    assertThat(json(as("member-grid2").get(reverse)).get("address").get("gridCode").asString()).isEqualTo(area("member-grid2"));
    var nearestForGrid1 = as("member-grid1").get(reverse);
    if (nearestForGrid1.statusCode() == 200) {
      assertThat(json(nearestForGrid1).get("address").get("gridCode").asString()).isEqualTo(area("member-grid1"));
    } else {
      assertThat(nearestForGrid1.statusCode()).isEqualTo(404);
    }
  }

  // --- personal data -----------------------------------------------------------------------------

  @Test
  void namesAndPhonesAreMaskedAndAnUnmaskedReadIsAudited() {
    String user = "operator-street";
    long id =
        count(
            "SELECT min(id) FROM incident WHERE reporter_phone IS NOT NULL AND reporter_name IS NOT NULL AND grid_code LIKE ?",
            area(user) + "%");
    JsonNode view = json(as(user).get("/api/incidents/" + id));
    assertThat(view.get("reporterPhone").asString()).matches("\\d{3}\\*+\\d{4}");
    assertThat(view.get("reporterName").asString()).contains("*");
    JsonNode list = json(as(user).get("/api/incidents?size=500"));
    for (JsonNode item : list.get("items")) {
      if (!item.get("reporterPhone").isNull()) {
        assertThat(item.get("reporterPhone").asString()).matches("\\d{3}\\*+\\d{4}|\\*+");
      }
    }
    String audited = "SELECT count(*) FROM audit_event WHERE action = 'UNMASKED_READ' AND entity_type = 'incident' AND entity_id = ? AND actor = ?";
    long before = count(audited, Long.toString(id), user);
    var contact = as(user).get("/api/incidents/" + id + "/reporter");
    assertThat(contact.statusCode()).isEqualTo(200);
    assertThat(json(contact).get("reporterPhone").asString()).doesNotContain("*");
    assertThat(contact.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    assertThat(count(audited, Long.toString(id), user)).isEqualTo(before + 1);
    // A planner does not call people back.
    assertThat(as("planner-district").get("/api/incidents/" + id + "/reporter").statusCode()).isEqualTo(403);
    // A team member's phone: masked in the team, unmasked on request inside, not found outside.
    String member = (String) bound.get("member-grid1").get("area_code");
    String code = jdbc.queryForObject(
        "SELECT min(m.code) FROM member m JOIN member_grid g ON g.member_id = m.id WHERE g.grid_code = ?", String.class, member);
    assertThat(as("member-grid1").get("/api/members/" + code + "/contact").statusCode()).isEqualTo(200);
    assertThat(as("member-grid2").get("/api/members/" + code + "/contact").statusCode()).isEqualTo(404);
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'UNMASKED_READ' AND entity_type = 'member' AND entity_id = ?", code)).isPositive();
  }

  // --- actions -----------------------------------------------------------------------------------

  @Test
  void onlyAdminsManageUsersAndReadTheAuditTrail() {
    for (String user : DEMO_USERS) {
      int expected = user.equals("admin") ? 200 : 403;
      assertThat(as(user).get("/api/admin/users").statusCode()).as(user).isEqualTo(expected);
      assertThat(as(user).get("/api/audit").statusCode()).as(user).isEqualTo(expected);
    }
    JsonNode audit = json(as("admin").get("/api/audit?action=USER_CREATED&size=500"));
    assertThat(audit.size()).isGreaterThanOrEqualTo(DEMO_USERS.size());
    assertThat(audit.get(0).get("after").asString()).doesNotContain("password");
  }

  @Test
  void reportSourcesFollowTheRole() {
    String body =
        "{\"lon\":0,\"lat\":0,\"categoryCode\":\"x\",\"description\":\"d\",\"source\":\"HOTLINE\"}";
    var anonymous = Api.anonymous(port).post("/api/incidents", body, Map.of("X-Forwarded-For", "198.51.100.7"));
    assertThat(anonymous.statusCode()).isEqualTo(400); // the category is checked first
    String grid = area("member-grid1");
    String category = jdbc.queryForObject(
        "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    Coordinate c = interior(grid);
    String hotline = report(c, category, "HOTLINE");
    var citizen = Api.anonymous(port).post("/api/incidents", hotline, Map.of("X-Forwarded-For", "198.51.100.8"));
    assertThat(citizen.statusCode()).as(citizen.body()).isEqualTo(403);
    assertThat(json(citizen).get("detail").asString()).contains("HOTLINE");
    assertThat(as("member-grid1").post("/api/incidents", hotline).statusCode()).isEqualTo(403);
    assertThat(as("operator-street").post("/api/incidents", hotline).statusCode()).isEqualTo(201);
    // A grid member may report what they see in the next grid, but then sees only the receipt.
    var nextGrid = as("member-grid1").post("/api/incidents", report(interior(area("member-grid2")), category, "PATROL"));
    assertThat(nextGrid.statusCode()).isEqualTo(201);
    assertThat(json(nextGrid).has("receipt")).isTrue();
    assertThat(json(nextGrid).has("assignee")).isFalse();
    var ownGrid = as("member-grid1").post("/api/incidents", report(interior(grid), category, "PATROL"));
    assertThat(json(ownGrid).has("routing")).isTrue();
  }

  @Test
  void possibleDuplicatesNeverNameACaseOutsideTheJurisdiction() throws Exception {
    var reader = new WKBReader(Wgs84.FACTORY);
    String sql = "SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL";
    var grid1 = reader.read(jdbc.queryForObject(sql, byte[].class, area("member-grid1")));
    var grid2 = reader.read(jdbc.queryForObject(sql, byte[].class, area("member-grid2")));
    Coordinate[] edge = grid1.intersection(grid2).getCoordinates();
    assertThat(edge.length).as("grids 01 and 02 are neighbours").isGreaterThanOrEqualTo(2);
    Coordinate m = new Coordinate((edge[0].x + edge[1].x) / 2, (edge[0].y + edge[1].y) / 2);
    Coordinate p = towards(m, grid2.getInteriorPoint().getCoordinate());
    Coordinate q = towards(m, grid1.getInteriorPoint().getCoordinate());
    assertThat(grid2.contains(Wgs84.point(p.x, p.y))).isTrue();
    assertThat(grid1.contains(Wgs84.point(q.x, q.y))).isTrue();
    String category = jdbc.queryForObject(
        "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    long neighbour = json(as("operator-city").post("/api/incidents", report(p, category, "PATROL"))).get("id").asLong();
    JsonNode byCity = json(as("operator-city").post("/api/incidents", report(q, category, "PATROL")));
    assertThat(byCity.get("possibleDuplicates").findValuesAsString("id")).contains(Long.toString(neighbour));
    JsonNode byMember = json(as("member-grid1").post("/api/incidents", report(q, category, "PATROL")));
    assertThat(byMember.get("grid").get("code").asString()).isEqualTo(area("member-grid1"));
    assertThat(byMember.get("possibleDuplicates").findValuesAsString("id")).doesNotContain(Long.toString(neighbour));
    assertThat(byMember.get("possibleDuplicates").findValuesAsString("id")).contains(byCity.get("id").asString());
  }

  /** A point about 5 m from {@code from} towards {@code to}. */
  private static Coordinate towards(Coordinate from, Coordinate to) {
    double dx = to.x - from.x;
    double dy = to.y - from.y;
    double length = Math.hypot(dx, dy);
    double step = 0.00005;
    return new Coordinate(from.x + dx / length * step, from.y + dy / length * step);
  }

  @Test
  void cookiesAreSecureAndHstsIsSentOverHttps() {
    var https = Api.send(Api.anonymous(port).request("/api/csrf").header("X-Forwarded-Proto", "https").build());
    assertThat(https.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("XSRF-TOKEN") && c.contains("Secure"));
    assertThat(https.headers().firstValue("Strict-Transport-Security")).isPresent();
    var http = Api.anonymous(port).get("/api/csrf");
    assertThat(http.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("XSRF-TOKEN") && !c.contains("Secure"));
    var page = Api.send(Api.anonymous(port).request("/").header("X-Forwarded-Proto", "https").build());
    assertThat(page.headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith("JSESSIONID") && c.contains("Secure") && c.contains("HttpOnly") && c.contains("SameSite=Lax"));
  }

  @Test
  void aCitizenSeesOnlyTheirOwnReportByItsReceipt() {
    String grid = area("member-grid1");
    String category = jdbc.queryForObject(
        "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    var filed =
        Api.anonymous(port).post(
            "/api/incidents",
            report(interior(grid), category, "CITIZEN").replace("}", ",\"reporterName\":\"王小明\",\"reporterPhone\":\"13912345678\"}"),
            Map.of("X-Forwarded-For", "198.51.100.20"));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    JsonNode receiptView = json(filed);
    assertThat(receiptView.has("assignee")).isFalse();
    assertThat(receiptView.has("possibleDuplicates")).isFalse();
    assertThat(filed.body()).doesNotContain("13912345678", "王小明");
    String receipt = receiptView.get("receipt").asString();
    var again = Api.anonymous(port).get("/api/receipts/" + receipt);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("number").asString()).isEqualTo(receiptView.get("number").asString());
    String id = receipt.substring(0, receipt.indexOf('-'));
    assertThat(Api.anonymous(port).get("/api/receipts/" + (Long.parseLong(id) - 1) + receipt.substring(receipt.indexOf('-'))).statusCode()).isEqualTo(404);
    assertThat(Api.anonymous(port).get("/api/incidents/" + id).statusCode()).isEqualTo(401);
    // Stored encrypted-or-not is the database's business; the grid member sees it masked.
    JsonNode staff = json(as("member-grid1").get("/api/incidents/" + id));
    assertThat(staff.get("reporterPhone").asString()).isEqualTo("139****5678");
    assertThat(staff.get("reporterName").asString()).isEqualTo("王*明");
    // The intake's audit record was written with the case.
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'INCIDENT_REPORTED' AND entity_id = ?", id)).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT after_state FROM audit_event WHERE action = 'INCIDENT_REPORTED' AND entity_id = ?", String.class, id))
        .doesNotContain("13912345678", "王小明");
  }

  @Test
  void theAuditTrailIsWrittenInTheChangesTransactionAndCannotBeChanged() {
    long users = count("SELECT count(*) FROM app_user");
    long events = count("SELECT count(*) FROM audit_event");
    String grid = area("member-grid1");
    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    tx -> {
                      accounts.createDemoUsers(List.of(new UserAccounts.NewUser("rolled-back", "回滚", null, Role.GRID_MEMBER, grid, null, null)));
                      assertThat(count("SELECT count(*) FROM audit_event")).isEqualTo(events + 1);
                      throw new IllegalStateException("the change fails after its audit record");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(count("SELECT count(*) FROM app_user")).isEqualTo(users);
    assertThat(count("SELECT count(*) FROM audit_event")).isEqualTo(events);
    assertThatThrownBy(() -> jdbc.update("UPDATE audit_event SET actor = 'someone-else'")).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_event")).hasMessageContaining("append-only");
    assertThat(count("SELECT count(*) FROM audit_event")).isEqualTo(events);
  }

  @Test
  void repeatedFailedSignInsLockTheAccountUntilAnAdminUnlocksIt() {
    String user = "lockout-" + System.nanoTime() % 100_000;
    String password = "a-long-enough-password";
    var created =
        as("admin").post(
            "/api/admin/users",
            "{\"username\":\"" + user + "\",\"displayName\":\"锁定测试\",\"password\":\"" + password
                + "\",\"role\":\"GRID_MEMBER\",\"areaCode\":\"" + area("member-grid1") + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    for (int i = 0; i < 5; i++) {
      var wrong = Api.send(Api.anonymous(port).request("/api/me").header("Authorization", Api.basic(user, "not-the-password")).build());
      assertThat(wrong.statusCode()).isEqualTo(401);
    }
    var locked = Api.send(Api.anonymous(port).request("/api/me").header("Authorization", Api.basic(user, password)).build());
    assertThat(locked.statusCode()).isEqualTo(401);
    assertThat(json(locked).get("detail").asString()).contains("locked");
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'ACCOUNT_LOCKED' AND entity_id = ?", user)).isEqualTo(1);
    assertThat(as("admin").post("/api/admin/users/" + user + "/unlock", "{}").statusCode()).isEqualTo(200);
    var unlocked = Api.send(Api.anonymous(port).request("/api/me").header("Authorization", Api.basic(user, password)).build());
    assertThat(unlocked.statusCode()).isEqualTo(200);
    // Bad input names the field and changes nothing.
    var weak = as("admin").post("/api/admin/users", "{\"username\":\"weak-one\",\"displayName\":\"x\",\"password\":\"short\",\"role\":\"PLANNER\",\"areaCode\":\"" + area("operator-district") + "\"}");
    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(json(weak).get("field").asString()).isEqualTo("password");
    assertThat(count("SELECT count(*) FROM app_user WHERE username = 'weak-one'")).isZero();
  }

  @Test
  void revokedTokensStopWorkingAtOnce() {
    var issued = as("admin").post("/api/admin/users/planner-district/tokens", "{\"name\":\"revocation test\"}");
    assertThat(issued.statusCode()).isEqualTo(201);
    String secret = json(issued).get("secret").asString();
    long id = json(issued).get("token").get("id").asLong();
    assertThat(count("SELECT count(*) FROM api_token WHERE token_hash = ?", secret)).isZero(); // only the hash is kept
    var before = Api.send(Api.anonymous(port).request("/api/me").header("Authorization", "Bearer " + secret).build());
    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(as("admin").delete("/api/admin/tokens/" + id).statusCode()).isEqualTo(200);
    var after = Api.send(Api.anonymous(port).request("/api/me").header("Authorization", "Bearer " + secret).build());
    assertThat(after.statusCode()).isEqualTo(401);
  }

  @Test
  void publicIntakeIsRateLimitedPerClientButSignedInUsersAreNot() {
    String client = "203.0.113." + (System.nanoTime() % 200 + 1);
    int limited = 0;
    for (int i = 0; i < 25; i++) {
      var r = Api.anonymous(port).post("/api/incidents", "{}", Map.of("X-Forwarded-For", client));
      if (r.statusCode() == 429) {
        limited++;
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
      } else {
        assertThat(r.statusCode()).isEqualTo(400);
      }
    }
    assertThat(limited).isEqualTo(5); // 20 a minute
    var otherClient = Api.anonymous(port).post("/api/incidents", "{}", Map.of("X-Forwarded-For", "203.0.113.250"));
    assertThat(otherClient.statusCode()).isEqualTo(400);
    for (int i = 0; i < 25; i++) {
      assertThat(as("member-grid1").post("/api/incidents", "{}", Map.of("X-Forwarded-For", client)).statusCode()).isEqualTo(400);
    }
  }

  // --- browser forms -----------------------------------------------------------------------------

  @Test
  void theLoginFormNeedsItsCsrfTokenAndTheSessionIdChangesAtSignIn() {
    var cookies = new CookieManager();
    var browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    String base = "http://localhost:" + port;
    // Visiting the map unsigned starts a session (it remembers the page asked for).
    assertThat(send(browser, HttpRequest.newBuilder(URI.create(base + "/")).build()).statusCode()).isEqualTo(302);
    // Without the token: refused.
    var forged = send(browser, form(base + "/login", Map.of("username", "operator-street", "password", Api.DEMO_PASSWORD)));
    assertThat(forged.statusCode()).isEqualTo(403);
    // The page's way: read the token, send it with the form.
    JsonNode csrf = JSON.readTree(send(browser, HttpRequest.newBuilder(URI.create(base + "/api/csrf")).build()).body());
    String before = cookie(cookies, "JSESSIONID");
    String token = cookie(cookies, "XSRF-TOKEN");
    assertThat(token).isNotNull();
    assertThat(csrf.get("parameterName").asString()).isEqualTo("_csrf");
    var login = send(browser, form(base + "/login", Map.of("username", "operator-street", "password", Api.DEMO_PASSWORD, "_csrf", token)));
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    String after = cookie(cookies, "JSESSIONID");
    assertThat(before).isNotNull();
    assertThat(after).isNotNull().isNotEqualTo(before);
    var me = send(browser, HttpRequest.newBuilder(URI.create(base + "/api/me")).build());
    assertThat(JSON.readTree(me.body()).get("username").asString()).isEqualTo("operator-street");
    // A state-changing call on the session needs the token too.
    String category = jdbc.queryForObject(
        "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    String report = report(interior(area("member-grid1")), category, "HOTLINE");
    var noToken = send(browser, HttpRequest.newBuilder(URI.create(base + "/api/incidents")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(report)).build());
    assertThat(noToken.statusCode()).isEqualTo(403);
    send(browser, HttpRequest.newBuilder(URI.create(base + "/api/me")).build());
    var withToken =
        send(
            browser,
            HttpRequest.newBuilder(URI.create(base + "/api/incidents"))
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", cookie(cookies, "XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString(report))
                .build());
    assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
    // Logging out is a form too.
    var logoutForged = send(browser, form(base + "/logout", Map.of()));
    assertThat(logoutForged.statusCode()).isEqualTo(403);
    send(browser, HttpRequest.newBuilder(URI.create(base + "/api/csrf")).build());
    var logout = send(browser, form(base + "/logout", Map.of("_csrf", cookie(cookies, "XSRF-TOKEN"))));
    assertThat(logout.statusCode()).isIn(204, 302);
    assertThat(send(browser, HttpRequest.newBuilder(URI.create(base + "/api/me")).build()).statusCode()).isEqualTo(401);
    // A wrong password goes back to the form with an error.
    send(browser, HttpRequest.newBuilder(URI.create(base + "/api/csrf")).build());
    var failed = send(browser, form(base + "/login", Map.of("username", "operator-street", "password", "wrong-password", "_csrf", cookie(cookies, "XSRF-TOKEN"))));
    assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
  }

  @Test
  void answersCarryTheSecurityHeadersAndNoStackTraces() {
    var page = Api.anonymous(port).get("/login");
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "'sha256-");
    assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    var broken = as("operator-city").get("/api/incidents?size=abc");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.body()).doesNotContain("Exception", "at org.");
    var missing = as("operator-city").get("/api/no-such-endpoint");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).doesNotContain("Exception", "at org.");
  }

  // --- helpers -----------------------------------------------------------------------------------

  Coordinate interior(String gridCode) {
    byte[] wkb =
        jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, gridCode);
    try {
      return new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  static String report(Coordinate c, String category, String source) {
    return "{\"lon\":" + c.x + ",\"lat\":" + c.y + ",\"categoryCode\":\"" + category
        + "\",\"description\":\"安全测试上报\",\"source\":\"" + source + "\"}";
  }

  static HttpRequest form(String url, Map<String, String> fields) {
    List<String> pairs = new ArrayList<>();
    fields.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
        .build();
  }

  static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String cookie(CookieManager cookies, String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }
}
