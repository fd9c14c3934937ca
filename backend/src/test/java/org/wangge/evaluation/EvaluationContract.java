package org.wangge.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/stats} against a fixture computed by hand: nine cases inserted with JDBC into
 * the demo city's last grid (by code), which no other test touches, and its community, in a week
 * of March 2020, long before the demo's history. Every figure of the fixture's rows is asserted;
 * then jurisdiction, a department officer's view, bad parameters and CSV.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EvaluationContract {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The evaluated week: [2020-03-02T00:00Z, 2020-03-09T00:00Z). */
  static final String FROM = "2020-03-02T00:00:00Z";

  static final String TO = "2020-03-09T00:00:00Z";

  static final String PERIOD = "&from=" + FROM + "&to=" + TO;

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  /** The last grid of the demo city, its community, district and city. */
  String grid;

  String community;
  String district;
  String city;
  String gridName;

  /** A member serving the grid (the fixture's assignee M), and department D01 with its name. */
  String member;

  String memberName;
  String department = "D01";
  String departmentName;

  @BeforeAll
  void insertTheFixture() {
    grid = jdbc.queryForObject("SELECT max(code) FROM area WHERE level = 'GRID' AND valid_to IS NULL", String.class);
    community = grid.substring(0, 12);
    district = grid.substring(0, 6);
    city = grid.substring(0, 4);
    gridName = jdbc.queryForObject("SELECT name FROM area WHERE code = ? AND valid_to IS NULL", String.class, grid);
    Map<String, Object> m =
        jdbc.queryForMap(
            "SELECT m.id, m.code, m.name FROM member m JOIN member_grid g ON g.member_id = m.id WHERE g.grid_code = ? ORDER BY m.code FETCH FIRST 1 ROWS ONLY",
            grid);
    member = (String) m.get("code");
    memberName = (String) m.get("name");
    long memberId = ((Number) m.get("id")).longValue();
    long d01 = jdbc.queryForObject("SELECT id FROM department WHERE code = ?", Long.class, department);
    departmentName = jdbc.queryForObject("SELECT name FROM department WHERE code = ?", String.class, department);
    long gridId = jdbc.queryForObject("SELECT id FROM area WHERE code = ? AND valid_to IS NULL", Long.class, grid);
    Coordinate at = interior(grid);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM incident WHERE reported_at < ? AND number NOT LIKE 'T2020%'",
                Long.class,
                at("2020-06-01T00:00")))
        .as("the demo has no cases in 2020")
        .isZero();
    jdbc.update("DELETE FROM incident WHERE number LIKE 'T2020%'");
    // The nine cases (times UTC; the period is Mon 03-02 00:00 to Mon 03-09 00:00):
    //     reported  accepted  due       closed     status       fu / sat  rework ext  assignee dept
    //  A  03-02 08  03-02 09  03-04 08  03-03 20   FOLLOWED_UP  03-04 / 5  0      0    M        -
    //  B  03-02 10  03-02 13  03-05 10  03-06 10   FOLLOWED_UP  03-07 / 3  1      1    M        -
    //  C  02-27 08  02-27 10  03-03 08  03-02 18   CLOSED       -          0      0    -        D01
    //  D  03-03 08  -         03-06 08  03-03 12   CANCELLED    -          0      0    -        D01
    //  E  03-05 08  03-05 12  03-08 08  -          IN_PROGRESS  -          0      0    M        -
    //  F  03-06 08  03-06 10  03-12 08  03-10 08   CLOSED       -          0      1    -        D01
    //  G  02-20 08  02-20 10  03-02 12  02-28 08   FOLLOWED_UP  03-02 09 / 4  0   0    -        -
    //  H  03-01 08  03-01 09  03-08 12  03-09 06   CLOSED       -          0      0    M        -
    //  I  03-04 08  -         03-10 08  -          REPORTED     -          0      0    -        -
    // A to H lie in the grid; I is an area-centre case of the grid's community (no grid).
    insert("A", "FOLLOWED_UP", "03-02T08:00", "03-02T09:00", "03-04T08:00", "03-03T20:00", "03-04T10:00", 5, 0, 0, memberId, null, gridId, at);
    insert("B", "FOLLOWED_UP", "03-02T10:00", "03-02T13:00", "03-05T10:00", "03-06T10:00", "03-07T09:00", 3, 1, 1, memberId, null, gridId, at);
    insert("C", "CLOSED", "02-27T08:00", "02-27T10:00", "03-03T08:00", "03-02T18:00", null, null, 0, 0, null, d01, gridId, at);
    insert("D", "CANCELLED", "03-03T08:00", null, "03-06T08:00", "03-03T12:00", null, null, 0, 0, null, d01, gridId, at);
    insert("E", "IN_PROGRESS", "03-05T08:00", "03-05T12:00", "03-08T08:00", null, null, null, 0, 0, memberId, null, gridId, at);
    insert("F", "CLOSED", "03-06T08:00", "03-06T10:00", "03-12T08:00", "03-10T08:00", null, null, 0, 1, null, d01, gridId, at);
    insert("G", "FOLLOWED_UP", "02-20T08:00", "02-20T10:00", "03-02T12:00", "02-28T08:00", "03-02T09:00", 4, 0, 0, null, null, gridId, at);
    insert("H", "CLOSED", "03-01T08:00", "03-01T09:00", "03-08T12:00", "03-09T06:00", null, null, 0, 0, memberId, null, gridId, at);
    insert("I", "REPORTED", "03-04T08:00", null, "03-10T08:00", null, null, null, 0, 0, null, null, null, at);
  }

  /**
   * The embedded database is shared by every test class of the JVM: leave it as found (case I,
   * without a grid, would upset ServiceContract's check that every case kept its grid version).
   */
  @AfterAll
  void deleteTheFixture() {
    jdbc.update("DELETE FROM incident WHERE number LIKE 'T2020%'");
  }

  private void insert(
      String name,
      String status,
      String reported,
      String accepted,
      String due,
      String closed,
      String followedUp,
      Integer satisfaction,
      int rework,
      int extension,
      Long assignee,
      Long departmentId,
      Long gridId,
      Coordinate at) {
    jdbc.update(
        """
        INSERT INTO incident (number, category_id, source, risk, status, description, location, grid_id, grid_version,
                              grid_code, area_code, assignee_id, department_id, reported_at, accepted_at, due_at,
                              closed_at, followed_up_at, satisfaction, rework_count, extension_count)
        VALUES (?, (SELECT min(id) FROM category WHERE level = 'ITEM' AND retired_in IS NULL), 'PATROL', 'LOW', ?, ?,
                ST_GeomFromText(?, 4326), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        "T2020-EVAL-" + name,
        status,
        "考核测试 " + name,
        "POINT (" + at.x + " " + at.y + ")",
        gridId,
        gridId == null ? null : jdbc.queryForObject("SELECT version FROM area WHERE id = ?", Integer.class, gridId),
        gridId == null ? null : grid,
        gridId == null ? community : grid,
        assignee,
        departmentId,
        at2020(reported),
        at2020(accepted),
        at2020(due),
        at2020(closed),
        at2020(followedUp),
        satisfaction,
        rework,
        extension);
  }

  private static OffsetDateTime at2020(String monthDayTime) {
    return monthDayTime == null ? null : at("2020-" + monthDayTime);
  }

  private static OffsetDateTime at(String localDateTime) {
    return OffsetDateTime.of(java.time.LocalDateTime.parse(localDateTime), ZoneOffset.UTC);
  }

  private Coordinate interior(String code) {
    byte[] wkb = jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, code);
    try {
      return new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  Api as(String user) {
    return Api.as(port, user);
  }

  JsonNode stats(String user, String query) {
    HttpResponse<String> response = as(user).get("/api/stats?" + query);
    assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** The figures of a row, in EvaluationRow's order, as text (null for null). */
  static List<String> figures(JsonNode row) {
    List<String> values = new ArrayList<>();
    for (String f :
        List.of(
            "opened", "dueToClose", "closedOfDue", "closureRate", "closed", "closedOnTime", "onTimeClosureRate", "reworked",
            "reworkRate", "extended", "extensionRate", "accepted", "averageHoursToAccept", "averageHoursToClose",
            "satisfaction", "satisfactionCount")) {
      JsonNode v = row.get(f);
      assertThat(v).as(f).isNotNull();
      values.add(v.isNull() ? null : v.asString());
    }
    return values;
  }

  static List<String> expect(Object... values) {
    List<String> list = new ArrayList<>();
    for (Object v : values) {
      list.add(v == null ? null : v.toString());
    }
    return list;
  }

  /**
   * The grid's cases A to H over the week.
   *
   * <pre>
   * opened       reported in the week: A B D E F                                   = 5
   * dueToClose   due in the week, not cancelled: A B C E G H (D cancelled, F 03-12) = 6
   * closedOfDue  of those, closed before 03-09 00:00: A B C G (G on 02-28; E open;
   *              H closed 03-09 06:00, after the week)                            = 4
   * closureRate  4 / 6                                                             = 0.6667
   * closed       closed in the week as CLOSED/FOLLOWED_UP: A B C (D is cancelled,
   *              F 03-10, G 02-28, H 03-09)                                        = 3
   * closedOnTime closed_at <= due_at: A (03-03 20 <= 03-04 08), C (03-02 18 <= 03-03
   *              08); not B (03-06 10 > 03-05 10)                                  = 2
   * onTimeClosureRate 2 / 3                                                        = 0.6667
   * reworked     B                                                                 = 1, rate 1 / 3 = 0.3333
   * extended     B (F's extension does not count: closed after the week)           = 1, rate 0.3333
   * accepted     accepted in the week: A (1 h), B (3 h), E (4 h), F (2 h)          = 4
   * averageHoursToAccept (1 + 3 + 4 + 2) / 4                                       = 2.5
   * averageHoursToClose  A 36 h, B 96 h, C 106 h (02-27 08 to 03-02 18: 2020 is a leap
   *              year, so 4 days and 10 h): 238 / 3 = 79.33                        = 79.3
   * satisfaction followed up in the week: A 5, B 3, G 4 (G closed before the week)  = 4.0 of 3
   * </pre>
   */
  static final List<String> GRID_WEEK =
      expect(5, 6, 4, 0.6667, 3, 2, 0.6667, 1, 0.3333, 1, 0.3333, 4, 2.5, 79.3, 4.0, 3);

  /**
   * Case I only (an area-centre case of the community): reported 03-04 (opened 1), due 03-10 (after
   * the week), never accepted, closed or followed up.
   */
  static final List<String> COMMUNITY_ITSELF =
      expect(1, 0, 0, null, 0, 0, null, 0, null, 0, null, 0, null, null, null, 0);

  /** The grid's and the community's own cases together: only {@code opened} adds up to 6. */
  static final List<String> COMMUNITY_WEEK =
      expect(6, 6, 4, 0.6667, 3, 2, 0.6667, 1, 0.3333, 1, 0.3333, 4, 2.5, 79.3, 4.0, 3);

  static final List<String> ZERO = expect(0, 0, 0, null, 0, 0, null, 0, null, 0, null, 0, null, null, null, 0);

  @Test
  void aGridsWeekMatchesTheHandComputedFigures() {
    JsonNode body = stats("operator-city", "area=" + grid + PERIOD);
    assertThat(body.get("area").get("code").asString()).isEqualTo(grid);
    assertThat(body.get("area").get("level").asString()).isEqualTo("GRID");
    assertThat(body.get("groupBy").asString()).isEqualTo("area");
    assertThat(body.get("from").asString()).isEqualTo(FROM);
    assertThat(body.get("to").asString()).isEqualTo(TO);
    // A grid has no child areas: only the total.
    assertThat(body.get("rows").size()).isZero();
    JsonNode total = body.get("total");
    assertThat(total.get("key").asString()).isEqualTo(grid);
    assertThat(total.get("name").asString()).isEqualTo(gridName);
    assertThat(figures(total)).isEqualTo(GRID_WEEK);
    assertThat(figures(stats("admin", "area=" + grid + "&groupBy=none" + PERIOD).get("total"))).isEqualTo(GRID_WEEK);
  }

  @Test
  void aCommunityHasOneRowPerGridAndOneForItsOwnCases() {
    JsonNode body = stats("operator-city", "area=" + community + "&groupBy=area" + PERIOD);
    List<String> grids =
        jdbc.queryForList("SELECT code FROM area WHERE parent_code = ? AND valid_to IS NULL ORDER BY code", String.class, community);
    JsonNode rows = body.get("rows");
    assertThat(rows.size()).isEqualTo(grids.size() + 1);
    for (int i = 0; i < grids.size(); i++) {
      JsonNode row = rows.get(i);
      assertThat(row.get("key").asString()).isEqualTo(grids.get(i));
      assertThat(figures(row)).as(grids.get(i)).isEqualTo(grids.get(i).equals(grid) ? GRID_WEEK : ZERO);
    }
    JsonNode itself = rows.get(grids.size());
    assertThat(itself.get("key").asString()).isEqualTo(community);
    assertThat(itself.get("name").asString()).endsWith(Evaluator.AREA_ITSELF);
    assertThat(figures(itself)).isEqualTo(COMMUNITY_ITSELF);
    assertThat(figures(body.get("total"))).isEqualTo(COMMUNITY_WEEK);
  }

  @Test
  void theCityByDistrictCountsTheFixtureInItsDistrictOnly() {
    JsonNode body = stats("operator-city", "groupBy=area" + PERIOD);
    assertThat(body.get("area").get("code").asString()).isEqualTo(city);
    JsonNode rows = body.get("rows");
    assertThat(rows.size()).isEqualTo(2);
    for (JsonNode row : rows) {
      assertThat(figures(row)).as(row.get("key").asString()).isEqualTo(row.get("key").asString().equals(district) ? COMMUNITY_WEEK : ZERO);
    }
    assertThat(figures(body.get("total"))).isEqualTo(COMMUNITY_WEEK);
  }

  /**
   * By member: M has A B E H; the rest (C D F G, and I) have no assignee.
   *
   * <pre>
   * M     opened A B E = 3; due A B E H = 4; closed of due A B = 2 (0.5); closed A B = 2; on time
   *       A = 1 (0.5); rework B (0.5); extension B (0.5); accepted A B E = 3, (1 + 3 + 4) / 3 =
   *       2.67 = 2.7 h; to close (36 + 96) / 2 = 66.0 h; satisfaction (5 + 3) / 2 = 4.0 of 2
   * none  opened D F = 2; due C G = 2; closed of due C G = 2 (1.0); closed C = 1; on time 1
   *       (1.0); rework 0 (0.0); extension 0 (0.0); accepted F = 1, 2.0 h; to close 106.0 h;
   *       satisfaction G 4.0 of 1
   * </pre>
   */
  @Test
  void byMemberTheAssigneeAndTheUnassignedCasesEachHaveARow() {
    JsonNode body = stats("operator-city", "area=" + grid + "&groupBy=member" + PERIOD);
    JsonNode rows = body.get("rows");
    assertThat(rows.size()).isEqualTo(2);
    assertThat(rows.get(0).get("key").asString()).isEqualTo(member);
    assertThat(rows.get(0).get("name").asString()).isEqualTo(memberName);
    assertThat(figures(rows.get(0))).isEqualTo(expect(3, 4, 2, 0.5, 2, 1, 0.5, 1, 0.5, 1, 0.5, 3, 2.7, 66.0, 4.0, 2));
    assertThat(rows.get(1).get("key").isNull()).isTrue();
    assertThat(rows.get(1).get("name").asString()).isEqualTo(Evaluator.NO_ASSIGNEE);
    assertThat(figures(rows.get(1))).isEqualTo(expect(2, 2, 2, 1.0, 1, 1, 1.0, 0, 0.0, 0, 0.0, 1, 2.0, 106.0, 4.0, 1));
    assertThat(figures(body.get("total"))).isEqualTo(GRID_WEEK);
  }

  /**
   * D01 has C D F: opened D F = 2; due C = 1 (D cancelled, F after the week); closed of due C = 1
   * (1.0); closed C = 1; on time 1 (1.0); rework 0.0; extension 0.0 (F's is outside the week);
   * accepted F = 1, 2.0 h; to close C 106.0 h; no rating.
   */
  static final List<String> D01_WEEK = expect(2, 1, 1, 1.0, 1, 1, 1.0, 0, 0.0, 0, 0.0, 1, 2.0, 106.0, null, 0);

  @Test
  void byDepartmentEveryDepartmentHasARowAndCasesWithoutOneTheirOwn() {
    JsonNode body = stats("operator-city", "area=" + grid + "&groupBy=department" + PERIOD);
    JsonNode rows = body.get("rows");
    long departments = jdbc.queryForObject("SELECT count(*) FROM department", Long.class);
    assertThat(rows.size()).isEqualTo(departments + 1);
    for (int i = 0; i < departments; i++) {
      JsonNode row = rows.get(i);
      assertThat(figures(row)).as(row.get("key").asString()).isEqualTo(row.get("key").asString().equals(department) ? D01_WEEK : ZERO);
    }
    JsonNode none = rows.get((int) departments);
    assertThat(none.get("key").isNull()).isTrue();
    assertThat(none.get("name").asString()).isEqualTo(Evaluator.NO_DEPARTMENT);
    // A B E G H: opened A B E = 3; due A B E G H = 5; closed of due A B G = 3 (0.6); closed A B = 2;
    // on time A = 1 (0.5); rework B (0.5); extension B (0.5); accepted A B E = 3, 2.7 h; to close
    // (36 + 96) / 2 = 66.0 h; satisfaction A 5, B 3, G 4 = 4.0 of 3.
    assertThat(figures(none)).isEqualTo(expect(3, 5, 3, 0.6, 2, 1, 0.5, 1, 0.5, 1, 0.5, 3, 2.7, 66.0, 4.0, 3));
  }

  @Test
  void aDepartmentOfficerSeesOnlyTheDepartmentsCases() {
    // officer-dept: D01, bound to the city.
    JsonNode body = stats("officer-dept", "area=" + grid + "&groupBy=department" + PERIOD);
    assertThat(body.get("departmentCode").asString()).isEqualTo(department);
    JsonNode rows = body.get("rows");
    assertThat(rows.size()).isEqualTo(1);
    assertThat(rows.get(0).get("key").asString()).isEqualTo(department);
    assertThat(rows.get(0).get("name").asString()).isEqualTo(departmentName);
    assertThat(figures(rows.get(0))).isEqualTo(D01_WEEK);
    assertThat(figures(body.get("total"))).isEqualTo(D01_WEEK);
    // The city by district, and by member: still D01's cases only (C D F have no assignee).
    JsonNode city = stats("officer-dept", "groupBy=area" + PERIOD);
    assertThat(figures(city.get("total"))).isEqualTo(D01_WEEK);
    JsonNode byMember = stats("officer-dept", "area=" + grid + "&groupBy=member" + PERIOD).get("rows");
    assertThat(byMember.size()).isEqualTo(1);
    assertThat(byMember.get(0).get("key").isNull()).isTrue();
    assertThat(figures(byMember.get(0))).isEqualTo(D01_WEEK);
    assertThat(stats("operator-city", "area=" + grid + PERIOD).get("departmentCode").isNull()).isTrue();
  }

  @Test
  void aUserSeesOnlyTheirJurisdiction() {
    String grid1 = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'member-grid1'", String.class);
    // The city lies above grid 01: the answer is about grid 01 alone, which had no cases in 2020.
    JsonNode asked = stats("member-grid1", "area=" + city + "&groupBy=area" + PERIOD);
    assertThat(asked.get("area").get("code").asString()).isEqualTo(grid1);
    assertThat(asked.get("total").get("key").asString()).isEqualTo(grid1);
    assertThat(asked.get("rows").size()).isZero();
    assertThat(figures(asked.get("total"))).isEqualTo(ZERO);
    // So is the default: the caller's own area.
    assertThat(stats("member-grid1", PERIOD.substring(1)).get("area").get("code").asString()).isEqualTo(grid1);
    // The fixture's grid, its community, an unknown area and a code above grid 01 that is no area
    // do not exist for grid 01's member.
    for (String outside : List.of(grid, community, "3699", "36")) {
      var response = as("member-grid1").get("/api/stats?area=" + outside + PERIOD);
      assertThat(response.statusCode()).as(outside + ": " + response.body()).isEqualTo(404);
    }
    assertThat(as("operator-city").get("/api/stats?area=3699" + PERIOD).statusCode()).isEqualTo(404);
    // A street operator asking for the city gets their street, whose figures miss the fixture.
    String street = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'operator-street'", String.class);
    JsonNode streetView = stats("operator-street", "area=" + city + "&groupBy=area" + PERIOD);
    assertThat(streetView.get("area").get("code").asString()).isEqualTo(street);
    assertThat(figures(streetView.get("total"))).isEqualTo(ZERO);
    assertThat(Api.anonymous(port).get("/api/stats").statusCode()).isEqualTo(401);
  }

  @Test
  void aWeekIsTheSevenDaysFromItsStart() {
    JsonNode week = stats("operator-city", "area=" + grid + "&period=week&from=" + FROM);
    assertThat(week.get("from").asString()).isEqualTo(FROM);
    assertThat(week.get("to").asString()).isEqualTo(TO);
    assertThat(figures(week.get("total"))).isEqualTo(GRID_WEEK);
    // March 2020 in the calendar's zone: from 03-01 00:00 Beijing time (02-29 16:00 UTC) to 04-01.
    JsonNode month = stats("operator-city", "area=" + grid + "&period=month&from=2020-02-29T16:00:00Z");
    assertThat(month.get("to").asString()).isEqualTo("2020-03-31T16:00:00Z");
    // Reported in March (Beijing): A B D E F H = 6; C and G in February.
    assertThat(month.get("total").get("opened").asInt()).isEqualTo(6);
    // Closed in March as CLOSED/FOLLOWED_UP: A B C F H = 5 (G on 02-28, D cancelled).
    assertThat(month.get("total").get("closed").asInt()).isEqualTo(5);
    // The default is the 30 days up to now.
    JsonNode recent = stats("operator-city", "area=" + grid);
    Instant to = Instant.parse(recent.get("to").asString());
    assertThat(java.time.Duration.between(Instant.parse(recent.get("from").asString()), to)).isEqualTo(java.time.Duration.ofDays(30));
    assertThat(to).isBetween(Instant.now().minusSeconds(60), Instant.now());
  }

  @Test
  void theSeriesCutsThePeriodAtWeekStartsAndEachStepIsThatPeriodsEvaluation() {
    JsonNode series = ok(as("operator-city").get("/api/stats/series?area=" + grid + "&step=week" + PERIOD));
    assertThat(series.get("step").asString()).isEqualTo("week");
    assertThat(series.get("area").get("code").asString()).isEqualTo(grid);
    JsonNode points = series.get("points");
    // Weeks start on Monday 00:00 in Shanghai (Sunday 16:00 UTC): [03-02 00Z, 03-08 16Z), [03-08 16Z, 03-09 00Z).
    assertThat(texts(points, "from")).containsExactly(FROM, "2020-03-08T16:00:00Z");
    assertThat(texts(points, "to")).containsExactly("2020-03-08T16:00:00Z", TO);
    long[] sums = new long[7];
    List<String> additive = List.of("opened", "dueToClose", "closed", "closedOnTime", "reworked", "extended", "accepted");
    for (JsonNode p : points) {
      JsonNode same = stats("operator-city", "area=" + grid + "&groupBy=none&from=" + p.get("from").asString() + "&to=" + p.get("to").asString());
      assertThat(figures(p.get("figures"))).isEqualTo(figures(same.get("total")));
      for (int k = 0; k < additive.size(); k++) {
        sums[k] += p.get("figures").get(additive.get(k)).asLong();
      }
    }
    // Counts of disjoint steps add up to the week's hand-computed counts.
    JsonNode week = stats("operator-city", "area=" + grid + PERIOD).get("total");
    for (int k = 0; k < additive.size(); k++) {
      assertThat(sums[k]).as(additive.get(k)).isEqualTo(week.get(additive.get(k)).asLong());
    }
    // Months and days; too many steps and unknown steps name the field.
    JsonNode months = ok(as("operator-city").get("/api/stats/series?area=" + grid + "&step=month&from=2020-01-15T00:00:00Z&to=2020-04-01T00:00:00Z"));
    assertThat(texts(months.get("points"), "from"))
        .containsExactly("2020-01-15T00:00:00Z", "2020-01-31T16:00:00Z", "2020-02-29T16:00:00Z", "2020-03-31T16:00:00Z");
    assertThat(ok(as("operator-city").get("/api/stats/series?area=" + grid + "&step=day" + PERIOD)).get("points").size()).isEqualTo(8);
    for (String[] bad :
        new String[][] {
          {"step=year", "step"},
          {"step=day&from=2020-01-01T00:00:00Z&to=2020-12-01T00:00:00Z", "step"},
          {"area=x", "area"},
          {"from=2020-03-09T00:00:00Z&to=2020-03-02T00:00:00Z", "to"}
        }) {
      var response = as("operator-city").get("/api/stats/series?" + bad[0]);
      assertThat(response.statusCode()).as(bad[0] + ": " + response.body()).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("field").asString()).isEqualTo(bad[1]);
    }
    // Outside the jurisdiction: 404, like /api/stats.
    assertThat(as("member-grid1").get("/api/stats/series?area=" + community + PERIOD).statusCode())
        .isEqualTo(as("member-grid1").get("/api/stats?area=" + community + PERIOD).statusCode());
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(e -> values.add(e.get(field).asString()));
    return values;
  }

  @Test
  void badParametersAre400NamingTheField() {
    Map<String, String> bad =
        new java.util.LinkedHashMap<>(
            Map.of(
                "groupBy=street", "groupBy",
                "area=abc", "area",
                "from=yesterday", "from",
                "to=2020-13-01T00:00:00Z", "to",
                "from=2020-03-09T00:00:00Z&to=2020-03-02T00:00:00Z", "to",
                "from=2020-03-02T00:00:00Z&to=2020-03-02T00:00:00Z", "to",
                "from=2020-01-01T00:00:00Z&to=2021-01-02T00:00:01Z", "to",
                "period=year", "period",
                "period=week&from=2020-03-02T00:00:00Z&to=2020-03-09T00:00:00Z", "to",
                "format=xml", "format"));
    bad.forEach(
        (query, field) -> {
          var response = as("operator-city").get("/api/stats?" + query);
          assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(400);
          assertThat(JSON.readTree(response.body()).get("field").asString()).as(query).isEqualTo(field);
        });
    // 366 days exactly is allowed (2020 is a leap year).
    assertThat(as("operator-city").get("/api/stats?from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z").statusCode()).isEqualTo(200);
  }

  @Test
  void csvHasAByteOrderMarkChineseHeadersAndATotalLine() {
    var response = as("operator-city").get("/api/stats?area=" + community + "&groupBy=area&format=csv" + PERIOD);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
    assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment", ".csv");
    String body = response.body();
    assertThat(body).startsWith("\uFEFF");
    List<String> lines = List.of(body.substring(1).split("\r\n"));
    assertThat(lines.getFirst())
        .isEqualTo("代码,名称,立案数,应结案数,应结已结数,结案率,结案数,按期结案数,按期结案率,返工数,返工率,延期数,延期率,受理数,平均受理时长(小时),平均结案时长(小时),满意度,满意度评价数,标准地址数,巡查覆盖地址数,巡查覆盖率");
    String gridLine = lines.stream().filter(l -> l.startsWith(grid + ",")).findFirst().orElseThrow();
    // Then the grid's standard addresses, those patrolled in the period (none) and the coverage.
    long gridAddresses = jdbc.queryForObject("SELECT count(*) FROM address WHERE grid_code = ?", Long.class, grid);
    long communityAddresses = jdbc.queryForObject("SELECT count(*) FROM address WHERE grid_code LIKE ?", Long.class, community + "%");
    assertThat(gridLine).isEqualTo(grid + "," + gridName + ",5,6,4,0.6667,3,2,0.6667,1,0.3333,1,0.3333,4,2.5,79.3,4.0,3," + gridAddresses + ",0,0.0");
    assertThat(lines.getLast())
        .startsWith(community + ",合计 ")
        .endsWith(",6,6,4,0.6667,3,2,0.6667,1,0.3333,1,0.3333,4,2.5,79.3,4.0,3," + communityAddresses + ",0,0.0");
    // One header, one line per grid, one for the community itself, the total.
    long grids = jdbc.queryForObject("SELECT count(*) FROM area WHERE parent_code = ? AND valid_to IS NULL", Long.class, community);
    assertThat(lines).hasSize((int) grids + 3);
  }
}
