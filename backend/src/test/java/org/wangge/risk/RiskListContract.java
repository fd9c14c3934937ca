package org.wangge.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The key list and the weekly risk list over HTTP, on fixture cases inserted with JDBC into the
 * demo city's last two grids (by code) in 2020, where the demo has no cases, so that every figure
 * is counted by hand below. Week 2020-W10 runs from Monday 2 March 00:00 to Monday 9 March 00:00
 * in Shanghai; its cases are only read here. The cases of 2020-W20 are the ones tests change
 * (marked controlled, closed).
 *
 * <pre>
 *  #   grid minor addr risk   status       reported (Shanghai)  due            in W10
 *  01  G1   A1    AD1  HIGH   DISPATCHED   Mon 03-02 09:00      03-03 09:00    yes  overdue, key list
 *  02  G1   A1    AD1  LOW    CLOSED       Tue 03-03 10:00      03-04 10:00    yes
 *  03  G1   A2    AD1  MEDIUM IN_PROGRESS  Wed 03-04 10:00      03-10 10:00    yes  (department D01)
 *  04  G1   B1    AD2  HIGH   CLOSED       Thu 03-05 10:00      03-06 10:00    yes
 *  05  G2   B1    AD3  HIGH   REPORTED     Fri 03-06 09:00      03-07 09:00    yes  overdue, key list
 *  06  G1   A1    -    LOW    HANDLED      Sun 03-08 23:30      03-08 20:00    yes  overdue
 *  07  G1   A1    AD1  LOW    REPORTED     Mon 03-09 00:10      03-10 10:00    no (after)
 *  08  G1   A2    AD2  MEDIUM REPORTED     Sun 03-01 23:50      03-05 10:00    no (before)  overdue
 *  09  G2   A1    AD3  HIGH   CANCELLED    Wed 03-04 11:00      03-05 11:00    (cancelled: nowhere)
 *  10  G1   B1    AD2  HIGH   IN_PROGRESS  Fri 03-06 15:00      03-20 10:00    yes  key list, escalated to the district
 *  11  G1   A1    AD1  HIGH   ACCEPTED     Sat 03-07 10:00      03-12 10:00    yes  key list
 * </pre>
 *
 * So in W10: 8 cases; A1 4, B1 3, A2 1 (major A 5, B 3); grids G1 7, G2 1; addresses AD1 4, AD2 2,
 * AD3 1; overdue (open, due before Monday 9 March) 01, 08, 05, 06 by deadline; high risk 01, 04,
 * 05, 10, 11.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RiskListContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String STREET_OPERATOR = "risk-street-operator";

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  String g1;
  String g2;
  String street;
  String streetName;
  String district;
  String districtName;
  String majorA;
  String majorB;
  String a1;
  String a2;
  String b1;
  long ad1;
  long ad2;
  long ad3;

  /**
   * Other contracts share this database (and EvaluationContract uses the same weeks of 2020): take
   * the fixture away again.
   */
  @org.junit.jupiter.api.AfterAll
  void removeFixtures() {
    jdbc.update("DELETE FROM key_case_note WHERE incident_id IN (SELECT id FROM incident WHERE number LIKE 'RK-%')");
    jdbc.update("DELETE FROM key_case_control WHERE incident_id IN (SELECT id FROM incident WHERE number LIKE 'RK-%')");
    jdbc.update("DELETE FROM incident WHERE number LIKE 'RK-%'");
  }

  @BeforeAll
  void insertFixtures() {
    g1 = jdbc.queryForObject("SELECT max(code) FROM area WHERE level = 'GRID'", String.class);
    g2 =
        jdbc.queryForObject(
            "SELECT max(code) FROM area WHERE level = 'GRID' AND code < ? AND code LIKE ?", String.class, g1, g1.substring(0, 12) + "%");
    street = g1.substring(0, 9);
    district = g1.substring(0, 6);
    streetName = name(street);
    districtName = name(district);
    List<String> majors = jdbc.queryForList("SELECT code FROM category WHERE level = 'CLASS' AND retired_in IS NULL ORDER BY code", String.class);
    majorA = majors.get(0);
    majorB = majors.get(1);
    List<String> minorsA = jdbc.queryForList("SELECT code FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND code LIKE ? ORDER BY code", String.class, majorA + "%");
    a1 = minorsA.get(0);
    a2 = minorsA.get(1);
    b1 = jdbc.queryForList("SELECT code FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND code LIKE ? ORDER BY code", String.class, majorB + "%").getFirst();
    List<Long> g1Addresses = jdbc.queryForList("SELECT id FROM address WHERE grid_code = ? ORDER BY code", Long.class, g1);
    ad1 = g1Addresses.get(0);
    ad2 = g1Addresses.get(1);
    ad3 = jdbc.queryForList("SELECT id FROM address WHERE grid_code = ? ORDER BY code", Long.class, g2).getFirst();
    Long d01 =
        jdbc.queryForObject(
            "SELECT d.id FROM department d JOIN app_user u ON u.department_code = d.code WHERE u.username = 'officer-dept'", Long.class);

    jdbc.update("DELETE FROM key_case_note WHERE incident_id IN (SELECT id FROM incident WHERE number LIKE 'RK-%')");
    jdbc.update("DELETE FROM key_case_control WHERE incident_id IN (SELECT id FROM incident WHERE number LIKE 'RK-%')");
    jdbc.update("DELETE FROM incident WHERE number LIKE 'RK-%'");
    insert("01", g1, a1, ad1, "HIGH", "DISPATCHED", "2020-03-02T09:00", "2020-03-03T09:00", null, null);
    insert("02", g1, a1, ad1, "LOW", "CLOSED", "2020-03-03T10:00", "2020-03-04T10:00", null, null);
    insert("03", g1, a2, ad1, "MEDIUM", "IN_PROGRESS", "2020-03-04T10:00", "2020-03-10T10:00", d01, null);
    insert("04", g1, b1, ad2, "HIGH", "CLOSED", "2020-03-05T10:00", "2020-03-06T10:00", null, null);
    insert("05", g2, b1, ad3, "HIGH", "REPORTED", "2020-03-06T09:00", "2020-03-07T09:00", null, null);
    insert("06", g1, a1, null, "LOW", "HANDLED", "2020-03-08T23:30", "2020-03-08T20:00", null, null);
    insert("07", g1, a1, ad1, "LOW", "REPORTED", "2020-03-09T00:10", "2020-03-10T10:00", null, null);
    insert("08", g1, a2, ad2, "MEDIUM", "REPORTED", "2020-03-01T23:50", "2020-03-05T10:00", null, null);
    insert("09", g2, a1, ad3, "HIGH", "CANCELLED", "2020-03-04T11:00", "2020-03-05T11:00", null, null);
    insert("10", g1, b1, ad2, "HIGH", "IN_PROGRESS", "2020-03-06T15:00", "2020-03-20T10:00", null, district);
    insert("11", g1, a1, ad1, "HIGH", "ACCEPTED", "2020-03-07T10:00", "2020-03-12T10:00", null, null);
    // 2020-W20: cases the tests change.
    insert("K1", g1, a1, ad1, "HIGH", "DISPATCHED", "2020-05-11T09:00", "2099-01-01T09:00", null, null);
    insert("K2", g1, a1, ad1, "HIGH", "IN_PROGRESS", "2020-05-12T09:00", "2020-05-13T09:00", null, null);
    insert("K3", g1, b1, ad2, "HIGH", "REPORTED", "2020-05-13T09:00", "2020-05-14T09:00", null, district);
    insert("K4", g1, b1, ad2, "HIGH", "REPORTED", "2020-05-14T09:00", "2020-05-15T09:00", null, null);
    insert("K5", g1, a2, ad1, "HIGH", "IN_PROGRESS", "2020-05-15T09:00", "2020-05-16T09:00", null, null);

    if (as("admin").get("/api/admin/users/" + STREET_OPERATOR).statusCode() == 404) {
      var created =
          as("admin").post(
              "/api/admin/users",
              JSON.writeValueAsString(
                  Map.of(
                      "username", STREET_OPERATOR,
                      "displayName", "风险清单测试",
                      "password", "risk-list-street-2026",
                      "role", "OPERATOR",
                      "areaCode", street)));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
  }

  private String name(String code) {
    return jdbc.queryForObject("SELECT name FROM area WHERE code = ? AND valid_to IS NULL", String.class, code);
  }

  private void insert(
      String n, String grid, String category, Long address, String risk, String status, String reported, String due, Long department,
      String ownerArea) {
    Map<String, Object> row = jdbc.queryForMap("SELECT id, version, ST_AsText(ST_PointOnSurface(boundary)) AS p FROM area WHERE code = ? AND valid_to IS NULL", grid);
    Timestamp reportedAt = local(reported);
    jdbc.update(
        """
        INSERT INTO incident (number, category_id, source, risk, status, description, location, address_id, grid_id,
                              grid_version, grid_code, area_code, department_id, reported_at, due_at, closed_at,
                              owner_level, owner_area_code)
        VALUES (?, (SELECT id FROM category WHERE code = ?), 'PATROL', ?, ?, '风险清单测试', ST_GeomFromText(?, 4326), ?, ?,
                ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        "RK-" + n,
        category,
        risk,
        status,
        row.get("p").toString(),
        address,
        ((Number) row.get("id")).longValue(),
        ((Number) row.get("version")).intValue(),
        grid,
        grid.substring(0, 12),
        department,
        reportedAt,
        local(due),
        status.equals("CLOSED") || status.equals("CANCELLED") ? Timestamp.from(reportedAt.toInstant().plusSeconds(7200)) : null,
        ownerArea == null ? null : "DISTRICT",
        ownerArea);
  }

  static Timestamp local(String dateTime) {
    return Timestamp.from(LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant());
  }

  long id(String n) {
    return jdbc.queryForObject("SELECT id FROM incident WHERE number = ?", Long.class, "RK-" + n);
  }

  Api as(String user) {
    return Api.as(port, user);
  }

  static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  JsonNode week10(String user) {
    return ok(as(user).get("/api/risk-list?area=" + street + "&week=2020-W10"));
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(e -> values.add(e.get(field).asString()));
    return values;
  }

  static List<Long> counts(JsonNode array) {
    List<Long> values = new ArrayList<>();
    array.forEach(e -> values.add(e.get("count").asLong()));
    return values;
  }

  List<String> keyListNumbers(String user, String area) {
    return texts(ok(as(user).get("/api/key-list" + (area == null ? "" : "?area=" + area))).get("cases"), "number");
  }

  HttpResponse<String> control(String user, String n, String note) {
    return as(user).post("/api/key-list/" + id(n) + "/controlled", note == null ? "{}" : JSON.writeValueAsString(Map.of("note", note)));
  }

  // The weekly risk list ----------------------------------------------------------------------

  @Test
  void theWeekCountsCasesByMajorAndMinorClass() {
    JsonNode r = week10("operator-city");
    assertThat(r.get("week").asString()).isEqualTo("2020-W10");
    assertThat(r.get("from").asString()).isEqualTo("2020-03-01T16:00:00Z");
    assertThat(r.get("to").asString()).isEqualTo("2020-03-08T16:00:00Z");
    assertThat(r.get("area").get("name").asString()).isEqualTo(streetName);
    assertThat(r.get("totalCases").asLong()).isEqualTo(8);
    assertThat(texts(r.get("byCategory"), "code")).containsExactly(a1, b1, a2);
    assertThat(counts(r.get("byCategory"))).containsExactly(4L, 3L, 1L);
    assertThat(texts(r.get("byCategory"), "majorCode")).containsExactly(majorA, majorB, majorA);
    assertThat(r.get("byCategory").get(0).get("name").asString())
        .isEqualTo(jdbc.queryForObject("SELECT name FROM category WHERE code = ?", String.class, a1));
    assertThat(texts(r.get("byMajorClass"), "code")).containsExactly(majorA, majorB);
    assertThat(counts(r.get("byMajorClass"))).containsExactly(5L, 3L);
    assertThat(r.get("byMajorClass").get(1).get("name").asString())
        .isEqualTo(jdbc.queryForObject("SELECT name FROM category WHERE code = ?", String.class, majorB));
  }

  @Test
  void hotSpotsAreTheGridsAndAddressesWithMostCases() {
    JsonNode r = week10("operator-city");
    assertThat(texts(r.get("hotGrids"), "code")).containsExactly(g1, g2); // by count, not by code
    assertThat(counts(r.get("hotGrids"))).containsExactly(7L, 1L);
    assertThat(r.get("hotGrids").get(0).get("name").asString()).isEqualTo(name(g1));
    List<Long> ids = new ArrayList<>();
    r.get("hotAddresses").forEach(a -> ids.add(a.get("addressId").asLong()));
    assertThat(ids).containsExactly(ad1, ad2, ad3);
    assertThat(counts(r.get("hotAddresses"))).containsExactly(4L, 2L, 1L);
    assertThat(r.get("hotAddresses").get(0).get("fullText").asString())
        .isEqualTo(jdbc.queryForObject("SELECT full_text FROM address WHERE id = ?", String.class, ad1));
  }

  @Test
  void overdueCasesAreOpenAndDueBeforeTheWeeksEndAndHighRiskOnesWereReportedInIt() {
    JsonNode r = week10("operator-city");
    assertThat(texts(r.get("overdue"), "number")).containsExactly("RK-01", "RK-08", "RK-05", "RK-06");
    assertThat(r.get("overdueCount").asLong()).isEqualTo(4);
    assertThat(texts(r.get("highRisk"), "number")).containsExactly("RK-01", "RK-04", "RK-05", "RK-10", "RK-11");
    assertThat(r.get("highRiskCount").asLong()).isEqualTo(5);
    JsonNode closed = r.get("highRisk").get(1);
    assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
    assertThat(closed.get("gridCode").asString()).isEqualTo(g1);
    assertThat(closed.get("categoryCode").asString()).isEqualTo(b1);
    assertThat(closed.get("dueAt").asString()).isEqualTo(local("2020-03-06T10:00").toInstant().toString());
  }

  // The key list ------------------------------------------------------------------------------

  @Test
  void theKeyListHoldsOpenHighRiskCasesOldestFirstWithTheirOwningCentre() {
    JsonNode list = ok(as("operator-city").get("/api/key-list?area=" + street));
    List<String> numbers = texts(list.get("cases"), "number");
    assertThat(numbers.subList(0, 4)).containsExactly("RK-01", "RK-05", "RK-10", "RK-11");
    assertThat(numbers).doesNotContain("RK-02", "RK-03", "RK-04", "RK-06", "RK-07", "RK-08", "RK-09");
    assertThat(list.get("count").asInt()).isEqualTo(numbers.size());
    JsonNode first = list.get("cases").get(0);
    assertThat(first.get("owner").get("code").asString()).isEqualTo(street);
    assertThat(first.get("owner").get("name").asString()).isEqualTo(streetName);
    assertThat(first.get("category").get("code").asString()).isEqualTo(a1);
    assertThat(first.get("gridCode").asString()).isEqualTo(g1);
    assertThat(first.get("reportedAt").asString()).isEqualTo("2020-03-02T01:00:00Z");
    assertThat(first.get("dueAt").asString()).isEqualTo("2020-03-03T01:00:00Z");
    assertThat(first.get("overdue").asBoolean()).isTrue();
    assertThat(first.get("daysOpen").asLong()).isGreaterThan(list.get("cases").get(3).get("daysOpen").asLong()).isGreaterThan(2000);
    JsonNode escalated = list.get("cases").get(2);
    assertThat(escalated.get("owner").get("code").asString()).isEqualTo(district);
    assertThat(escalated.get("owner").get("name").asString()).isEqualTo(districtName);
    // Every case on it is high risk and open, in the area: checked against the table.
    long expected =
        jdbc.queryForObject(
            "SELECT count(*) FROM incident i WHERE i.risk = 'HIGH' AND i.status IN ('REPORTED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'HANDLED')"
                + " AND (i.grid_code LIKE ? OR (i.grid_code IS NULL AND i.area_code LIKE ?))"
                + " AND NOT EXISTS (SELECT 1 FROM key_case_control k WHERE k.incident_id = i.id)",
            Long.class,
            street + "%",
            street + "%");
    assertThat((long) numbers.size()).isEqualTo(expected);
    // A case not yet due is not overdue.
    JsonNode k1 = null;
    for (JsonNode c : list.get("cases")) {
      if (c.get("number").asString().equals("RK-K1")) {
        k1 = c;
      }
    }
    if (k1 != null) { // unless another test has marked it controlled already
      assertThat(k1.get("overdue").asBoolean()).isFalse();
    }
  }

  @Test
  void markingACaseControlledTakesItOffTheKeyListAndIsAudited() {
    assertThat(keyListNumbers(STREET_OPERATOR, null)).contains("RK-K1");
    var bad = control(STREET_OPERATOR, "K1", "  ");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("field").asString()).isEqualTo("note");
    assertThat(control(STREET_OPERATOR, "K1", null).statusCode()).isEqualTo(400);

    JsonNode done = ok(control(STREET_OPERATOR, "K1", "已落实专人盯守，每日回访"));
    assertThat(done.get("number").asString()).isEqualTo("RK-K1");
    assertThat(done.get("controlledBy").asString()).isEqualTo(STREET_OPERATOR);
    assertThat(done.get("owner").get("code").asString()).isEqualTo(street);
    assertThat(keyListNumbers(STREET_OPERATOR, null)).doesNotContain("RK-K1");
    assertThat(keyListNumbers("operator-city", street)).doesNotContain("RK-K1");
    Map<String, Object> stored = jdbc.queryForMap("SELECT controlled_by, note FROM key_case_control WHERE incident_id = ?", id("K1"));
    assertThat(stored.get("controlled_by")).isEqualTo(STREET_OPERATOR);
    assertThat(stored.get("note")).isEqualTo("已落实专人盯守，每日回访");
    Map<String, Object> audit =
        jdbc.queryForMap(
            "SELECT actor, area_code, after_state FROM audit_event WHERE action = 'KEY_CASE_CONTROLLED' AND entity_type = 'incident' AND entity_id = ?",
            Long.toString(id("K1")));
    assertThat(audit.get("actor")).isEqualTo(STREET_OPERATOR);
    assertThat(audit.get("area_code")).isEqualTo(g1);
    assertThat(audit.get("after_state").toString()).contains("已落实专人盯守，每日回访", "RK-K1");
    // Once is enough: a second mark is a conflict and changes nothing.
    assertThat(control("operator-city", "K1", "再次管控").statusCode()).isEqualTo(409);
    assertThat(jdbc.queryForObject("SELECT note FROM key_case_control WHERE incident_id = ?", String.class, id("K1")))
        .isEqualTo("已落实专人盯守，每日回访");
    // The weekly list still shows it: controlled is not resolved.
    assertThat(texts(ok(as("operator-city").get("/api/risk-list?area=" + street + "&week=2020-W20")).get("highRisk"), "number"))
        .contains("RK-K1");
  }

  @Test
  void notesAndTheMarkFormTheCasesHistoryAndAControlledCaseStaysInTheViewWithItsNote() {
    long k5 = id("K5");
    // Notes: OPERATOR or GRID_LEADER who sees the case; a blank note names the field and changes nothing.
    var blank = as(STREET_OPERATOR).post("/api/key-list/" + k5 + "/notes", "{\"note\":\"  \"}");
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(blank.body()).get("field").asString()).isEqualTo("note");
    assertThat(as("member-grid1").post("/api/key-list/" + k5 + "/notes", "{\"note\":\"网格员\"}").statusCode()).isEqualTo(403);
    assertThat(as("operator-street").post("/api/key-list/" + k5 + "/notes", "{\"note\":\"外街道\"}").statusCode()).isEqualTo(404);
    assertThat(as("operator-city").post("/api/key-list/" + id("02") + "/notes", "{\"note\":\"低风险\"}").statusCode()).isEqualTo(409);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM key_case_note WHERE incident_id IN (?, ?)", Long.class, k5, id("02"))).isZero();
    JsonNode note = ok(as(STREET_OPERATOR).post("/api/key-list/" + k5 + "/notes", "{\"note\":\"已约谈业主，明日复查\"}"));
    assertThat(note.get("kind").asString()).isEqualTo("NOTE");
    assertThat(note.get("by").asString()).isEqualTo(STREET_OPERATOR);
    assertThat(jdbc.queryForObject(
            "SELECT count(*) FROM audit_event WHERE action = 'KEY_CASE_NOTE' AND entity_id = ?", Long.class, Long.toString(k5)))
        .isEqualTo(1);
    // Still on the list after a note.
    assertThat(keyListNumbers("operator-city", street)).contains("RK-K5");
    ok(control("operator-city", "K5", "专人盯守，已稳控"));
    JsonNode history = ok(as(STREET_OPERATOR).get("/api/key-list/" + k5 + "/history"));
    assertThat(history.get("number").asString()).isEqualTo("RK-K5");
    assertThat(texts(history.get("entries"), "kind")).containsExactly("NOTE", "CONTROLLED");
    assertThat(texts(history.get("entries"), "note")).containsExactly("已约谈业主，明日复查", "专人盯守，已稳控");
    assertThat(texts(history.get("entries"), "by")).containsExactly(STREET_OPERATOR, "operator-city");
    assertThat(history.get("control").get("note").asString()).isEqualTo("专人盯守，已稳控");
    // Off the list, into the view's controlled cases with the mark.
    JsonNode view = ok(as("operator-city").get("/api/key-list?area=" + street));
    assertThat(texts(view.get("cases"), "number")).doesNotContain("RK-K5");
    JsonNode controlled = null;
    for (JsonNode c : view.get("controlled")) {
      if (c.get("number").asString().equals("RK-K5")) {
        controlled = c;
      }
      assertThat(c.get("control").isNull()).isFalse();
    }
    assertThat(controlled).isNotNull();
    assertThat(controlled.get("control").get("controlledBy").asString()).isEqualTo("operator-city");
    assertThat(controlled.get("control").get("note").asString()).isEqualTo("专人盯守，已稳控");
    // A note on a controlled case that is still open is allowed; a leader may write one.
    ok(as("operator-city").post("/api/key-list/" + k5 + "/notes", "{\"note\":\"回访无异常\"}"));
    assertThat(ok(as(STREET_OPERATOR).get("/api/key-list/" + k5 + "/history")).get("entries").size()).isEqualTo(3);
    // Outside the jurisdiction the history is 404.
    assertThat(as("operator-street").get("/api/key-list/" + k5 + "/history").statusCode()).isEqualTo(404);
  }

  @Test
  void closingACaseTakesItOffTheKeyList() {
    assertThat(keyListNumbers("operator-city", street)).contains("RK-K2");
    jdbc.update("UPDATE incident SET status = 'CLOSED', closed_at = ? WHERE id = ?", Timestamp.from(Instant.now()), id("K2"));
    assertThat(keyListNumbers("operator-city", street)).doesNotContain("RK-K2");
    assertThat(control("operator-city", "K2", "已管控").statusCode()).isEqualTo(409);
  }

  @Test
  void onlyAnOperatorOfTheOwningCentreOrAboveMarksControlled() {
    // Roles that are not operators, whatever the case.
    assertThat(control("planner-district", "K3", "规划人员不能管控").statusCode()).isEqualTo(403);
    assertThat(control("member-grid1", "K3", "网格员不能管控").statusCode()).isEqualTo(403);
    assertThat(control("admin", "K3", "管理员不能管控").statusCode()).isEqualTo(403);
    // The case was escalated to the district: the street's operator sees it but may not mark it.
    var byStreet = control(STREET_OPERATOR, "K3", "街道管控");
    assertThat(byStreet.statusCode()).as(byStreet.body()).isEqualTo(403);
    assertThat(byStreet.body()).contains(district);
    // An operator of another street does not see it at all.
    assertThat(control("operator-street", "K3", "外街道").statusCode()).isEqualTo(404);
    assertThat(as("operator-city").post("/api/key-list/987654321/controlled", "{\"note\":\"x\"}").statusCode()).isEqualTo(404);
    // Not on the key list: a low-risk case.
    assertThat(control("operator-city", "02", "低风险").statusCode()).isEqualTo(409);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM key_case_control WHERE incident_id IN (?, ?)", Long.class, id("K3"), id("02"))).isZero();
    // The city centre is above the district.
    ok(control("operator-city", "K3", "区级督办，已稳控"));
    assertThat(keyListNumbers("operator-city", street)).doesNotContain("RK-K3");
    // The street's own case: its operator may.
    ok(control(STREET_OPERATOR, "K4", "街道已稳控"));
  }

  @Test
  void bothListsStayInsideTheJurisdiction() {
    // An area outside answers 404, like one that does not exist.
    assertThat(as("member-grid1").get("/api/key-list?area=" + street).statusCode()).isEqualTo(404);
    assertThat(as("member-grid1").get("/api/risk-list?area=" + street + "&week=2020-W10").statusCode()).isEqualTo(404);
    assertThat(as("operator-street").get("/api/risk-list?area=" + g1 + "&week=2020-W10").statusCode()).isEqualTo(404);
    assertThat(as("operator-city").get("/api/key-list?area=999999").statusCode()).isEqualTo(404);
    // Their own lists hold none of the fixtures.
    assertThat(keyListNumbers("member-grid1", null)).noneMatch(n -> n.startsWith("RK-"));
    JsonNode own = ok(as("member-grid1").get("/api/risk-list?week=2020-W10"));
    assertThat(own.get("totalCases").asLong()).isZero();
    assertThat(own.get("overdue").size()).isZero();
    assertThat(own.get("area").get("code").asString())
        .isEqualTo(jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'member-grid1'", String.class));
    // A department officer sees only the department's case (03) in the whole city.
    JsonNode officer = week10("officer-dept");
    assertThat(officer.get("totalCases").asLong()).isEqualTo(1);
    assertThat(texts(officer.get("byCategory"), "code")).containsExactly(a2);
    assertThat(officer.get("overdue").size()).isZero();
    assertThat(keyListNumbers("officer-dept", street)).noneMatch(n -> n.startsWith("RK-"));
    // The street's own operator sees the same figures as the city.
    assertThat(week10(STREET_OPERATOR).get("totalCases").asLong()).isEqualTo(8);
    // Bad parameters name the field.
    for (String[] bad :
        new String[][] {
          {"/api/risk-list?area=abc&week=2020-W10", "area"},
          {"/api/risk-list?area=" + street + "&week=2020-W54", "week"},
          {"/api/risk-list?area=" + street + "&week=2099-W01", "week"},
          {"/api/risk-list?area=" + street + "&week=2020-W10&format=pdf", "format"},
          {"/api/key-list?area=36%2505", "area"}
        }) {
      var response = as("operator-city").get(bad[0]);
      assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("field").asString()).isEqualTo(bad[1]);
    }
  }

  // Formats -----------------------------------------------------------------------------------

  HttpResponse<byte[]> download(String user, String format) {
    return Api.send(
        as(user).request("/api/risk-list?area=" + street + "&week=2020-W10&format=" + format).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void csvIsUtf8WithABomChineseHeadersAndOneSectionAfterAnother() {
    var response = download("operator-city", "csv");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
    String disposition = response.headers().firstValue("Content-Disposition").orElseThrow();
    assertThat(disposition).startsWith("attachment; filename=\"risk-list_" + street + "_2020-W10.csv\"; filename*=UTF-8''");
    assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("''") + 2), StandardCharsets.UTF_8))
        .isEqualTo("风险隐患清单_" + streetName + "_2020-W10.csv");
    byte[] body = response.body();
    assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String csv = new String(body, StandardCharsets.UTF_8).substring(1);
    assertThat(csv).startsWith("概况\r\n项目,内容\r\n区域编码," + street + "\r\n区域名称," + streetName + "\r\n");
    assertThat(csv).contains("上报事件数,8\r\n");
    assertThat(csv).contains("\r\n\r\n按大类统计\r\n大类编码,大类名称,件数\r\n" + majorA + ",");
    assertThat(csv).contains("\r\n\r\n按小类统计\r\n大类编码,大类名称,小类编码,小类名称,件数\r\n");
    assertThat(csv).contains("\r\n\r\n热点网格\r\n排名,网格编码,网格名称,件数\r\n1," + g1 + "," + name(g1) + ",7\r\n2," + g2 + ",");
    assertThat(csv).contains("\r\n\r\n超期案件\r\n案件编号,类别编码,类别名称,网格编码,状态,风险等级,上报时间,处置时限\r\nRK-01," + a1 + ",");
    assertThat(csv).contains("RK-06,").contains("\r\n\r\n高风险案件\r\n");
    assertThat(csv.split("\r\n\r\n")).hasSize(7);
  }

  @Test
  void xlsxOpensWithASheetPerSectionAndChineseHeaders() throws Exception {
    var response = download("operator-city", "xlsx");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("filename=\"risk-list_" + street + "_2020-W10.xlsx\"");
    try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(response.body()))) {
      List<Sheet> sheets = workbook.getSheets().toList();
      assertThat(sheets).extracting(Sheet::getName)
          .containsExactly("概况", "按大类统计", "按小类统计", "热点网格", "热点地址", "超期案件", "高风险案件");
      List<Row> minors = sheets.get(2).read();
      assertThat(List.of(minors.get(0).getCellText(0), minors.get(0).getCellText(4))).containsExactly("大类编码", "件数");
      assertThat(minors.get(1).getCellText(2)).isEqualTo(a1);
      assertThat(minors.get(1).getCellAsNumber(4).orElseThrow().intValue()).isEqualTo(4);
      List<Row> overdue = sheets.get(5).read();
      assertThat(overdue).hasSize(5);
      assertThat(overdue.get(1).getCellText(0)).isEqualTo("RK-01");
      assertThat(overdue.get(1).getCellText(6)).isEqualTo("2020-03-02 09:00");
    }
    // The header row is bold: the styles hold a bold font. (Read through the central directory, as
    // spreadsheet programs do: the entries carry data descriptors, which ZipInputStream rejects.)
    Path file = Files.createTempFile("risk-list", ".xlsx");
    try {
      Files.write(file, response.body());
      try (var zip = new ZipFile(file.toFile())) {
        assertThat(new String(zip.getInputStream(zip.getEntry("xl/styles.xml")).readAllBytes(), StandardCharsets.UTF_8))
            .contains("<b/>");
      }
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void theWarningLetterIsAPrintablePageToTheAreaWithoutInlineStyle() {
    var response = as("operator-city").get("/api/risk-list?area=" + street + "&week=2020-W10&format=html");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("style-src 'self'");
    String html = response.body();
    assertThat(html).contains("风险提示函", streetName + "：", "2020年第10周（3月2日—3月8日）", "共上报事件<strong>8</strong>件");
    assertThat(html).contains(jdbc.queryForObject("SELECT name FROM category WHERE code = ?", String.class, a1) + "（4件）");
    assertThat(html).contains(name(g1) + "（7件）");
    assertThat(html).contains("超过处置时限仍未办结的事件<strong>4</strong>件", "高风险事件<strong>5</strong>件");
    assertThat(html).contains("<td>RK-01</td>", "<td>RK-06</td>", "<td>RK-11</td>");
    String city = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'operator-city'", String.class);
    assertThat(html).contains("<p>" + name(city) + "综治中心</p>");
    assertThat(html).contains("<link rel=\"stylesheet\" href=\"/css/letter.css\">");
    assertThat(html).doesNotContain("style=", "<style", "<script");
    var css = Api.anonymous(port).get("/css/letter.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.body()).contains("@media print", "@page");
    // Issued by the street's own centre, it is signed by that centre.
    assertThat(as(STREET_OPERATOR).get("/api/risk-list?area=" + street + "&week=2020-W10&format=html").body())
        .contains("<p>" + streetName + "综治中心</p>");
  }
}
