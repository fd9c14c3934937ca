package org.wangge.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.wangge.web.NameMask;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command map's figures ({@code /api/map/areas}, {@code /api/map/summary}), the case points
 * ({@code /api/incidents/points}) and the members' positions over HTTP, on fixture cases inserted
 * with JDBC into a grid of the demo city that has no cases (chosen at the start), so that the
 * grid's figures are exactly the fixture's, counted by hand below; the areas above it are checked
 * by the change the fixture makes (before and after), and against SQL oracles and {@code
 * /api/stats}.
 *
 * <pre>
 *  #   status       risk    reported      due         closed       open overdue high today due* closedOfDue closed onTime
 *  F1  REPORTED     HIGH    today         now + 1 d   -            x            x    x
 *  F2  DISPATCHED   LOW     today         now - 1 h   -            x    x            x    x
 *  F3  IN_PROGRESS  HIGH    yesterday     now - 2 h   -            x    x       x         x
 *  F4  CLOSED       LOW     now - 5 d     now - 3 d   now - 4 d                           x    x           x      x
 *  F5  FOLLOWED_UP  MEDIUM  now - 6 d     now - 5 d   now - 2 d                           x    x           x      (late)
 *  F6  CANCELLED    HIGH    today         now + 1 d   -                              x
 *  F7  HANDLED      MEDIUM  now - 10 d    now - 1 d   -            x    x                 x
 *  F8  REPORTED     HIGH    today         now + 1 h   -   (the grid's community itself, no grid)
 * </pre>
 *
 * (due* = due to close in the last 30 days: deadline in [now - 30 d, now), not cancelled.) So the
 * grid: open 4, overdue 3, high risk 2, reported today 3, closure rate 2 / 5 = 0.4, on-time rate
 * 1 / 2 = 0.5; F8 adds open 1, high risk 1, reported today 1 to the community and everything above.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MapFiguresContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String PREFIX = "MAPFIG-";

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  /** The fixture's grid (without any case before the fixture), its community, street, city. */
  String grid;

  String community;
  String street;
  String city;
  String category;
  Instant now;
  Coordinate at;

  JsonNode communityBefore;
  JsonNode communitySummaryBefore;
  JsonNode streetSummaryBefore;

  /** member-grid1's member and its position before the tests moved it. */
  String memberCode;

  Object[] memberPosition;

  @BeforeAll
  void insertTheFixture() {
    jdbc.update("DELETE FROM incident WHERE number LIKE ?", PREFIX + "%");
    grid =
        jdbc.queryForObject(
            """
            SELECT min(a.code) FROM area a WHERE a.level = 'GRID' AND a.valid_to IS NULL AND a.code LIKE '360502002%'
              AND NOT EXISTS (SELECT 1 FROM incident i WHERE i.grid_code = a.code)
              AND EXISTS (SELECT 1 FROM member_grid g JOIN member m ON m.id = g.member_id
                          WHERE g.grid_code = a.code AND m.role = 'FULL_TIME')""",
            String.class);
    assertThat(grid).as("a staffed grid of street 360502002 without cases").isNotNull();
    community = grid.substring(0, 12);
    street = grid.substring(0, 9);
    city = grid.substring(0, 4);
    category = jdbc.queryForObject("SELECT max(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL", String.class);
    at = interior(grid);
    communityBefore = areaRow("operator-city", "COMMUNITY", street, community);
    communitySummaryBefore = summary("operator-city", community);
    streetSummaryBefore = summary("operator-city", street);

    now = Instant.now();
    Instant midnight = LocalDate.ofInstant(now, SHANGHAI).atStartOfDay(SHANGHAI).toInstant();
    Instant today = midnight.plus(Duration.between(midnight, now).dividedBy(2));
    Instant yesterday = midnight.minus(Duration.ofHours(1));
    Duration day = Duration.ofDays(1);
    insert("F1", "REPORTED", "HIGH", today, now.plus(day), null, true);
    insert("F2", "DISPATCHED", "LOW", today, now.minus(Duration.ofHours(1)), null, true);
    insert("F3", "IN_PROGRESS", "HIGH", yesterday, now.minus(Duration.ofHours(2)), null, true);
    insert("F4", "CLOSED", "LOW", now.minus(day.multipliedBy(5)), now.minus(day.multipliedBy(3)), now.minus(day.multipliedBy(4)), true);
    insert("F5", "FOLLOWED_UP", "MEDIUM", now.minus(day.multipliedBy(6)), now.minus(day.multipliedBy(5)), now.minus(day.multipliedBy(2)), true);
    insert("F6", "CANCELLED", "HIGH", today, now.plus(day), today, true);
    insert("F7", "HANDLED", "MEDIUM", now.minus(day.multipliedBy(10)), now.minus(day), null, true);
    insert("F8", "REPORTED", "HIGH", today, now.plus(Duration.ofHours(1)), null, false);

    memberCode = jdbc.queryForObject("SELECT member_code FROM app_user WHERE username = 'member-grid1'", String.class);
    memberPosition =
        jdbc.queryForObject(
            "SELECT ST_AsBinary(last_position), last_seen_at FROM member WHERE code = ?",
            (rs, n) -> new Object[] {rs.getBytes(1), rs.getTimestamp(2)},
            memberCode);
  }

  /** The database is shared by every test class of the JVM: leave it as found. */
  @AfterAll
  void removeTheFixture() {
    jdbc.update("DELETE FROM incident WHERE number LIKE ?", PREFIX + "%");
    if (memberPosition == null) {
      return;
    }
    if (memberPosition[0] == null) {
      jdbc.update("UPDATE member SET last_position = NULL, last_seen_at = NULL WHERE code = ?", memberCode);
    } else {
      jdbc.update(
          "UPDATE member SET last_position = ST_GeomFromWKB(?, 4326), last_seen_at = ? WHERE code = ?",
          memberPosition[0],
          memberPosition[1],
          memberCode);
    }
  }

  private void insert(String name, String status, String risk, Instant reported, Instant due, Instant closed, boolean inGrid) {
    jdbc.update(
        """
        INSERT INTO incident (number, category_id, source, risk, status, description, location, grid_id, grid_version,
                              grid_code, area_code, reported_at, due_at, closed_at)
        VALUES (?, (SELECT id FROM category WHERE code = ?), 'PATROL', ?, ?, ?, ST_GeomFromText(?, 4326),
                (SELECT id FROM area WHERE code = ? AND valid_to IS NULL), (SELECT version FROM area WHERE code = ? AND valid_to IS NULL),
                ?, ?, ?, ?, ?)""",
        PREFIX + name,
        category,
        risk,
        status,
        "指挥地图测试 " + name,
        "POINT (" + at.x + " " + at.y + ")",
        inGrid ? grid : null,
        inGrid ? grid : null,
        inGrid ? grid : null,
        inGrid ? grid : community,
        Timestamp.from(reported),
        Timestamp.from(due),
        closed == null ? null : Timestamp.from(closed));
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

  JsonNode ok(String user, String path) {
    HttpResponse<String> response = as(user).get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  JsonNode summary(String user, String area) {
    return ok(user, "/api/map/summary" + (area == null ? "" : "?area=" + area));
  }

  JsonNode areaRow(String user, String level, String within, String code) {
    for (JsonNode row : ok(user, "/api/map/areas?level=" + level + "&within=" + within)) {
      if (row.get("code").asString().equals(code)) {
        return row;
      }
    }
    throw new AssertionError("no " + level + " " + code + " within " + within);
  }

  static long n(JsonNode node, String field) {
    return node.get(field).asLong();
  }

  @Test
  void theGridsFiguresAreTheFixturesCountedByHand() {
    JsonNode row = areaRow("operator-city", "GRID", community, grid);
    assertThat(row.get("level").asString()).isEqualTo("GRID");
    assertThat(row.get("parentCode").asString()).isEqualTo(community);
    assertThat(List.of(n(row, "open"), n(row, "overdue"), n(row, "highRisk"), n(row, "reportedToday")))
        .containsExactly(4L, 3L, 2L, 3L);
    assertThat(row.get("closureRate").asDouble()).isEqualTo(0.4);
    Map<String, Object> oracle =
        jdbc.queryForMap(
            """
            SELECT a.name, a.households, a.residents,
                   (SELECT count(DISTINCT g.member_id) FROM member_grid g WHERE g.grid_code = a.code) AS members,
                   (SELECT count(*) FROM member_grid g JOIN member m ON m.id = g.member_id
                     WHERE g.grid_code = a.code AND m.role = 'FULL_TIME') AS full_time
            FROM area a WHERE a.code = ? AND a.valid_to IS NULL""",
            grid);
    assertThat(row.get("name").asString()).isEqualTo(oracle.get("name"));
    assertThat(row.get("households").asLong()).isEqualTo(((Number) oracle.get("households")).longValue());
    assertThat(row.get("residents").asLong()).isEqualTo(((Number) oracle.get("residents")).longValue());
    assertThat(row.get("members").asLong()).isEqualTo(((Number) oracle.get("members")).longValue());
    long fullTime = ((Number) oracle.get("full_time")).longValue();
    assertThat(row.get("fullTimeMembers").asLong()).isEqualTo(fullTime).isPositive();
    assertThat(row.get("householdsPerMember").asDouble())
        .isEqualTo(Math.round(((Number) oracle.get("households")).doubleValue() / fullTime * 10) / 10.0);
    // The label point lies inside the grid.
    Boolean inside =
        jdbc.queryForObject(
            "SELECT ST_Contains(boundary, ST_GeomFromText(?, 4326)) FROM area WHERE code = ? AND valid_to IS NULL",
            Boolean.class,
            "POINT (" + row.get("labelLon").asDouble() + " " + row.get("labelLat").asDouble() + ")",
            grid);
    assertThat(inside).isTrue();
  }

  @Test
  void theFixtureAddsToTheCommunityAndTheAreasAbove() {
    JsonNode after = areaRow("operator-city", "COMMUNITY", street, community);
    assertThat(n(after, "open") - n(communityBefore, "open")).isEqualTo(5);
    assertThat(n(after, "overdue") - n(communityBefore, "overdue")).isEqualTo(3);
    assertThat(n(after, "highRisk") - n(communityBefore, "highRisk")).isEqualTo(3);
    assertThat(n(after, "reportedToday") - n(communityBefore, "reportedToday")).isEqualTo(4);
    JsonNode summary = summary("operator-city", community);
    assertThat(summary.get("area").get("level").asString()).isEqualTo("COMMUNITY");
    assertThat(n(summary, "open") - n(communitySummaryBefore, "open")).isEqualTo(5);
    assertThat(n(summary, "overdue") - n(communitySummaryBefore, "overdue")).isEqualTo(3);
    assertThat(n(summary, "highRisk") - n(communitySummaryBefore, "highRisk")).isEqualTo(3);
    assertThat(n(summary, "reportsToday") - n(communitySummaryBefore, "reportsToday")).isEqualTo(4);
    JsonNode streetAfter = summary("operator-city", street);
    assertThat(n(streetAfter, "open") - n(streetSummaryBefore, "open")).isEqualTo(5);
    assertThat(n(streetAfter, "reportsToday") - n(streetSummaryBefore, "reportsToday")).isEqualTo(4);
    // The summary's figures are the community's row's.
    for (String f : List.of("open", "overdue", "highRisk")) {
      assertThat(n(summary, f)).as(f).isEqualTo(n(after, f));
    }
    assertThat(n(summary, "reportsToday")).isEqualTo(n(after, "reportedToday"));
    // Its children are its grids, the fixture's with exactly the fixture's figures.
    List<String> grids =
        jdbc.queryForList(
            "SELECT code FROM area WHERE parent_code = ? AND valid_to IS NULL ORDER BY code", String.class, community);
    List<String> children = new ArrayList<>();
    summary.get("children").forEach(c -> children.add(c.get("code").asString()));
    assertThat(children).isEqualTo(grids);
    for (JsonNode c : summary.get("children")) {
      if (c.get("code").asString().equals(grid)) {
        assertThat(List.of(n(c, "open"), n(c, "overdue"), n(c, "highRisk"), n(c, "reportsToday")))
            .containsExactly(4L, 3L, 2L, 3L);
      }
    }
  }

  @Test
  void theGridsSummaryHasItsRatesAndTrendAndNoChildren() {
    JsonNode s = summary("operator-city", grid);
    assertThat(s.get("area").get("code").asString()).isEqualTo(grid);
    assertThat(s.get("area").get("level").asString()).isEqualTo("GRID");
    assertThat(List.of(n(s, "reportsToday"), n(s, "open"), n(s, "overdue"), n(s, "highRisk")))
        .containsExactly(3L, 4L, 3L, 2L);
    assertThat(s.get("closureRate").asDouble()).isEqualTo(0.4);
    assertThat(s.get("onTimeRate").asDouble()).isEqualTo(0.5);
    assertThat(s.get("children").size()).isZero();
    assertThat(s.get("generatedAt").asString()).isNotBlank();
    JsonNode trend = s.get("trend");
    assertThat(trend.size()).isEqualTo(30);
    LocalDate today = LocalDate.now(SHANGHAI);
    assertThat(trend.get(29).get("date").asString()).isEqualTo(today.toString());
    assertThat(trend.get(0).get("date").asString()).isEqualTo(today.minusDays(29).toString());
    Map<String, long[]> expected = new HashMap<>();
    // Reported: F1, F2, F6 today; F3 yesterday; F4, F5, F7 days ago. Closed: F4 and F5 (F6 is cancelled).
    for (Instant reported : reportedTimes()) {
      expected.computeIfAbsent(LocalDate.ofInstant(reported, SHANGHAI).toString(), d -> new long[2])[0]++;
    }
    expected.computeIfAbsent(LocalDate.ofInstant(now.minus(Duration.ofDays(4)), SHANGHAI).toString(), d -> new long[2])[1]++;
    expected.computeIfAbsent(LocalDate.ofInstant(now.minus(Duration.ofDays(2)), SHANGHAI).toString(), d -> new long[2])[1]++;
    for (JsonNode d : trend) {
      long[] e = expected.getOrDefault(d.get("date").asString(), new long[2]);
      assertThat(List.of(n(d, "reported"), n(d, "closed"))).as(d.get("date").asString()).containsExactly(e[0], e[1]);
    }
    assertThat(n(trend.get(29), "reported")).isEqualTo(3);
  }

  private List<Instant> reportedTimes() {
    return jdbc.queryForList(
            "SELECT reported_at FROM incident WHERE number LIKE ? AND grid_code = ?", Timestamp.class, PREFIX + "%", grid)
        .stream()
        .map(Timestamp::toInstant)
        .toList();
  }

  @Test
  void theCitysRatesAreTheEvaluations() {
    JsonNode s = summary("operator-city", null);
    assertThat(s.get("area").get("code").asString()).isEqualTo(city);
    JsonNode stats = ok("operator-city", "/api/stats?area=" + city + "&groupBy=none").get("total");
    assertThat(s.get("closureRate").asDouble()).isEqualTo(stats.get("closureRate").asDouble());
    assertThat(s.get("onTimeRate").asDouble()).isEqualTo(stats.get("onTimeClosureRate").asDouble());
    // The districts' figures add up to the city's (no demo case lies at the city itself).
    long open = 0;
    for (JsonNode c : s.get("children")) {
      open += n(c, "open");
    }
    long atCity =
        jdbc.queryForObject(
            "SELECT count(*) FROM incident WHERE grid_code IS NULL AND area_code = ? AND status IN ('REPORTED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'HANDLED')",
            Long.class,
            city);
    assertThat(n(s, "open")).isEqualTo(open + atCity);
  }

  @Test
  void everyGridsOpenAndHighRiskCasesAndStaffMatchSql() {
    JsonNode rows = ok("operator-city", "/api/map/areas?level=GRID");
    Map<String, long[]> oracle = new HashMap<>();
    jdbc.query(
        """
        SELECT grid_code, count(*), sum(CASE WHEN risk = 'HIGH' THEN 1 ELSE 0 END) FROM incident
        WHERE grid_code IS NOT NULL AND status NOT IN ('CLOSED', 'FOLLOWED_UP', 'CANCELLED') GROUP BY grid_code""",
        rs -> {
          oracle.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), 0, 0});
        });
    jdbc.query(
        """
        SELECT g.grid_code, count(*), sum(CASE WHEN m.role = 'FULL_TIME' THEN 1 ELSE 0 END)
        FROM member_grid g JOIN member m ON m.id = g.member_id GROUP BY g.grid_code""",
        rs -> {
          long[] o = oracle.computeIfAbsent(rs.getString(1), k -> new long[4]);
          o[2] = rs.getLong(2);
          o[3] = rs.getLong(3);
        });
    long grids = jdbc.queryForObject("SELECT count(*) FROM area WHERE level = 'GRID' AND valid_to IS NULL", Long.class);
    assertThat(rows.size()).isEqualTo((int) grids);
    for (JsonNode row : rows) {
      long[] o = oracle.getOrDefault(row.get("code").asString(), new long[4]);
      assertThat(List.of(n(row, "open"), n(row, "highRisk"), n(row, "members"), n(row, "fullTimeMembers")))
          .as(row.get("code").asString())
          .containsExactly(o[0], o[1], o[2], o[3]);
    }
  }

  @Test
  void aStreetOperatorSeesOnlyItsStreet() {
    JsonNode grids = ok("operator-street", "/api/map/areas?level=GRID");
    long expected =
        jdbc.queryForObject(
            "SELECT count(*) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE '360502001%'", Long.class);
    assertThat(grids.size()).isEqualTo((int) expected).isPositive();
    grids.forEach(g -> assertThat(g.get("code").asString()).startsWith("360502001"));
    JsonNode streets = ok("operator-street", "/api/map/areas?level=STREET");
    assertThat(streets.size()).isEqualTo(1);
    assertThat(streets.get(0).get("code").asString()).isEqualTo("360502001");
    assertThat(ok("operator-street", "/api/map/areas?level=DISTRICT").size()).isZero();
    // Outside, above or unknown: 404 like a missing code.
    for (String within : List.of("360502002", "3605", "360502", "360502999")) {
      assertThat(as("operator-street").get("/api/map/areas?level=GRID&within=" + within).statusCode()).as(within).isEqualTo(404);
    }
    assertThat(as("operator-street").get("/api/map/summary?area=" + street).statusCode()).isEqualTo(404);
    assertThat(as("operator-street").get("/api/map/summary?area=3605").statusCode()).isEqualTo(404);
    assertThat(summary("operator-street", null).get("area").get("code").asString()).isEqualTo("360502001");
    // The fixture's street is another operator's: it shows there.
    assertThat(areaRow("operator-street2", "GRID", community, grid).get("open").asLong()).isEqualTo(4);
  }

  @Test
  void badParametersNameTheField() {
    assertField("/api/map/areas", "level");
    assertField("/api/map/areas?level=BLOCK", "level");
    assertField("/api/map/areas?level=GRID&within=36x5", "within");
    assertField("/api/map/areas?level=GRID&within=36050", "within");
    assertField("/api/map/summary?area=abc", "area");
    assertField("/api/incidents/points?limit=0", "limit");
    assertField("/api/incidents/points?limit=50001", "limit");
    assertField("/api/incidents/points?limit=many", "limit");
    assertField("/api/incidents/points?status=LOST", "status");
  }

  private void assertField(String path, String field) {
    HttpResponse<String> response = as("operator-city").get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("field").asString()).as(path).isEqualTo(field);
  }

  @Test
  void pointsAgreeWithTheIncidentList() {
    for (String user : List.of("operator-city", "operator-street", "officer-dept")) {
      for (String filter :
          List.of(
              "",
              "status=REPORTED,DISPATCHED,ACCEPTED,IN_PROGRESS,HANDLED",
              "risk=HIGH",
              "area=360502001",
              "source=CITIZEN,HOTLINE",
              "bbox=114.90,27.78,114.95,27.84",
              "category=" + category.substring(0, 2),
              "from=" + now.minus(Duration.ofDays(7)) + "&to=" + now.plusSeconds(1))) {
        JsonNode points = ok(user, "/api/incidents/points?" + filter);
        JsonNode list = ok(user, "/api/incidents?size=1&" + filter);
        assertThat(n(points, "total")).as(user + " " + filter).isEqualTo(n(list, "total"));
        assertThat(points.get("rows").size()).as(user + " " + filter).isEqualTo((int) n(list, "total"));
        assertThat(points.get("truncated").asBoolean()).isFalse();
      }
    }
  }

  @Test
  void pointsAreNewestFirstCompactRows() {
    JsonNode points = ok("operator-city", "/api/incidents/points?grid=" + grid);
    List<String> fields = new ArrayList<>();
    points.get("fields").forEach(f -> fields.add(f.asString()));
    assertThat(fields)
        .containsExactly(
            "id", "number", "lon", "lat", "status", "risk", "urgeLevel", "overdue", "categoryCode", "source", "reportedAt",
            "gridCode");
    assertThat(n(points, "total")).isEqualTo(7);
    Map<String, JsonNode> byNumber = new HashMap<>();
    Instant previous = Instant.MAX;
    for (JsonNode r : points.get("rows")) {
      assertThat(r.size()).isEqualTo(fields.size());
      byNumber.put(r.get(1).asString(), r);
      Instant reported = Instant.parse(r.get(10).asString());
      assertThat(reported).isBeforeOrEqualTo(previous);
      previous = reported;
    }
    assertThat(byNumber.keySet())
        .containsExactlyInAnyOrder(PREFIX + "F1", PREFIX + "F2", PREFIX + "F3", PREFIX + "F4", PREFIX + "F5", PREFIX + "F6", PREFIX + "F7");
    JsonNode f2 = byNumber.get(PREFIX + "F2");
    assertThat(f2.get(2).asDouble()).isEqualTo(at.x);
    assertThat(f2.get(3).asDouble()).isEqualTo(at.y);
    assertThat(f2.get(4).asString()).isEqualTo("DISPATCHED");
    assertThat(f2.get(5).asString()).isEqualTo("LOW");
    assertThat(f2.get(6).asInt()).isZero();
    assertThat(f2.get(8).asString()).isEqualTo(category);
    assertThat(f2.get(9).asString()).isEqualTo("PATROL");
    assertThat(f2.get(11).asString()).isEqualTo(grid);
    // Overdue: open and past the deadline (F2, F3, F7), not the closed or the cancelled.
    List<String> overdue = new ArrayList<>();
    byNumber.forEach((number, r) -> {
      if (r.get(7).asBoolean()) {
        overdue.add(number);
      }
    });
    assertThat(overdue).containsExactlyInAnyOrder(PREFIX + "F2", PREFIX + "F3", PREFIX + "F7");
    // A limit keeps the newest and says the list was cut; the total stays every match.
    JsonNode cut = ok("operator-city", "/api/incidents/points?grid=" + grid + "&limit=2");
    assertThat(cut.get("truncated").asBoolean()).isTrue();
    assertThat(n(cut, "total")).isEqualTo(7);
    assertThat(cut.get("rows").size()).isEqualTo(2);
    assertThat(cut.get("rows").get(0).get(0).asLong()).isEqualTo(points.get("rows").get(0).get(0).asLong());
    // Outside the jurisdiction there is nothing.
    assertThat(n(ok("operator-street", "/api/incidents/points?grid=" + grid), "total")).isZero();
  }

  @Test
  void membersPositionsAreThoseOfTheJurisdictionWithMaskedNames() {
    JsonNode positions = ok("operator-street", "/api/members/positions");
    Map<String, String> names = new HashMap<>();
    jdbc.query(
        """
        SELECT DISTINCT m.code, m.name FROM member m JOIN member_grid g ON g.member_id = m.id
        WHERE m.last_position IS NOT NULL AND g.grid_code LIKE '360502001%'""",
        rs -> {
          names.put(rs.getString(1), rs.getString(2));
        });
    assertThat(names).isNotEmpty();
    assertThat(positions.size()).isEqualTo(names.size());
    for (JsonNode p : positions) {
      String code = p.get("code").asString();
      assertThat(p.get("name").asString()).isEqualTo(NameMask.mask(names.get(code)));
      assertThat(p.get("gridCodes").size()).isPositive();
      p.get("gridCodes").forEach(g -> assertThat(g.asString()).startsWith("360502001"));
      assertThat(p.get("lon").isNumber()).isTrue();
      assertThat(p.get("lat").isNumber()).isTrue();
      assertThat(p.get("seenAt").asString()).isNotBlank();
      assertThat(p.get("role").asString()).isNotBlank();
      assertThat(p.has("onDuty")).isTrue();
    }
    // The demo city gives on-duty members a position inside one of their grids (members who sign
    // in, like member-grid1, report their own positions, which other tests move around).
    Long outside =
        jdbc.queryForObject(
            """
            SELECT count(*) FROM member m WHERE m.last_position IS NOT NULL
              AND m.code NOT IN (SELECT u.member_code FROM app_user u WHERE u.member_code IS NOT NULL)
              AND NOT EXISTS (
              SELECT 1 FROM member_grid g JOIN area a ON a.code = g.grid_code AND a.valid_to IS NULL
              WHERE g.member_id = m.id AND ST_Contains(a.boundary, m.last_position))""",
            Long.class);
    assertThat(outside).isZero();
  }

  @Test
  void aGridMemberReportsTheirPosition() {
    Coordinate target = interior("360502001001001");
    HttpResponse<String> moved =
        as("member-grid1").post("/api/members/me/position", "{\"lon\":" + target.x + ",\"lat\":" + target.y + "}");
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(204);
    JsonNode mine = null;
    for (JsonNode p : ok("leader-community", "/api/members/positions")) {
      if (p.get("code").asString().equals(memberCode)) {
        mine = p;
      }
    }
    assertThat(mine).as("member-grid1's member " + memberCode).isNotNull();
    assertThat(mine.get("lon").asDouble()).isEqualTo(target.x);
    assertThat(mine.get("lat").asDouble()).isEqualTo(target.y);
    assertThat(Instant.parse(mine.get("seenAt").asString())).isAfter(Instant.now().minusSeconds(60));
    // Not shown outside the jurisdiction.
    for (JsonNode p : ok("operator-street2", "/api/members/positions")) {
      assertThat(p.get("code").asString()).isNotEqualTo(memberCode);
    }
    // Bad coordinates name the field; someone who is no member may not report.
    for (var bad : Map.of("{\"lon\":200,\"lat\":27.8}", "lon", "{\"lon\":114.9}", "lat", "{\"lon\":114.9,\"lat\":-91}", "lat").entrySet()) {
      HttpResponse<String> r = as("member-grid1").post("/api/members/me/position", bad.getKey());
      assertThat(r.statusCode()).as(bad.getKey()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("field").asString()).isEqualTo(bad.getValue());
    }
    assertThat(as("operator-city").post("/api/members/me/position", "{\"lon\":114.9,\"lat\":27.8}").statusCode()).isEqualTo(403);
  }
}
