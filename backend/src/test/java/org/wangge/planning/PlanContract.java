package org.wangge.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/plans} over real HTTP as the demo users, against SQL oracles on the demo city. Each
 * test works in its own community of street 360502001 (listed in code order), so the tests do not
 * depend on each other's order; the subclasses give each database its own application context
 * (publishing changes the grids other test classes rely on).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PlanContract {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  /** Communities of street 360502001, by code. */
  List<String> communities;

  String category;

  @BeforeAll
  void readTheDemoCity() {
    communities =
        jdbc.queryForList(
            "SELECT DISTINCT parent_code FROM area WHERE level = 'GRID' AND valid_to IS NULL AND parent_code LIKE '360502001%' ORDER BY parent_code",
            String.class);
    assertThat(communities).hasSizeGreaterThanOrEqualTo(5);
    category =
        jdbc.queryForObject(
            "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
  }

  Api as(String user) {
    return Api.as(port, user);
  }

  static JsonNode ok(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  JsonNode create(String areaCode, String name) {
    return ok(as("planner-district").post("/api/plans", "{\"areaCode\":\"" + areaCode + "\",\"name\":\"" + name + "\"}"), 201);
  }

  JsonNode edit(long plan, String body) {
    return ok(as("planner-district").post("/api/plans/" + plan + "/edits", body), 200);
  }

  List<String> gridCodes(String community) {
    return jdbc.queryForList(
        "SELECT code FROM area WHERE level = 'GRID' AND valid_to IS NULL AND parent_code = ? ORDER BY code", String.class, community);
  }

  Geometry boundary(String gridCode) {
    byte[] wkb = jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, gridCode);
    try {
      return new WKBReader(Wgs84.FACTORY).read(wkb);
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Households of the addresses strictly inside a current grid (SQL oracle). */
  long householdsInside(String gridCode, String extraCondition, Object... args) {
    List<Object> all = new ArrayList<>(List.of(gridCode));
    all.addAll(List.of(args));
    Long n =
        jdbc.queryForObject(
            "SELECT coalesce(sum(a.households), 0) FROM address a JOIN area g ON g.code = ? AND g.valid_to IS NULL "
                + "AND a.location && g.boundary AND ST_Contains(g.boundary, a.location) " + extraCondition,
            Long.class,
            all.toArray());
    return n == null ? 0 : n;
  }

  static JsonNode feature(JsonNode plan, String code) {
    for (JsonNode f : plan.get("grids").get("features")) {
      if (code.equals(f.get("properties").get("code").asString(null))) {
        return f;
      }
    }
    throw new AssertionError("no plan grid with code " + code);
  }

  long planRows(long plan, String table) {
    return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE plan_id = ?", Long.class, plan);
  }

  // --- tests -----------------------------------------------------------------------------------

  @Test
  void aPlanCopiesTheCurrentGridsOfTheCommunityWithTheirHouseholdsAndNoImpact() {
    String community = communities.get(1);
    List<String> codes = gridCodes(community);
    // A GRID code means its community.
    JsonNode plan = create(codes.getFirst(), "复制");
    assertThat(plan.get("areaCode").asString()).isEqualTo(community);
    assertThat(plan.get("status").asString()).isEqualTo("DRAFT");
    assertThat(plan.get("createdBy").asString()).isEqualTo("planner-district");
    assertThat(plan.get("grids").get("features")).hasSize(codes.size());
    assertThat(plan.get("baseGrids").get("features")).hasSize(codes.size());
    for (String code : codes) {
      JsonNode p = feature(plan, code).get("properties");
      assertThat(p.get("households").asLong()).as(code).isEqualTo(householdsInside(code, ""));
      assertThat(p.get("changed").asBoolean()).isFalse();
      assertThat(p.get("baseCodes").get(0).asString()).isEqualTo(code);
    }
    assertThat(plan.get("validation").get("valid").asBoolean()).as(plan.get("validation").toString()).isTrue();
    assertThat(plan.get("impact").get("addressesMoved").asInt()).isZero();
    assertThat(plan.get("impact").get("moves")).isEmpty();
    assertThat(plan.get("canUndo").asBoolean()).isFalse();
    // It is listed, newest first, for the planner and for the district operator.
    JsonNode list = ok(as("operator-district").get("/api/plans?areaCode=" + community + "&status=DRAFT"), 200);
    assertThat(list.get(0).get("id").asLong()).isEqualTo(plan.get("id").asLong());
  }

  @Test
  void editsUndoAndRedoWithoutLimitAndANewEditDropsTheRedoBranch() {
    String community = communities.get(2);
    JsonNode plan = create(community, "改名");
    long id = plan.get("id").asLong();
    String key = feature(plan, gridCodes(community).getFirst()).get("id").asString();
    JsonNode p = plan;
    for (int i = 1; i <= 3; i++) {
      p = edit(id, "{\"kind\":\"RENAME\",\"grid\":\"" + key + "\",\"name\":\"名称" + i + "\"}");
    }
    assertThat(p.get("edits")).hasSize(3);
    assertThat(p.get("edits").get(2).get("actor").asString()).isEqualTo("planner-district");
    assertThat(p.get("edits").get(2).get("kind").asString()).isEqualTo("RENAME");
    p = ok(as("planner-district").post("/api/plans/" + id + "/undo", ""), 200);
    p = ok(as("planner-district").post("/api/plans/" + id + "/undo", ""), 200);
    assertThat(nameOf(p, key)).isEqualTo("名称1");
    assertThat(p.get("canRedo").asBoolean()).isTrue();
    p = ok(as("planner-district").post("/api/plans/" + id + "/redo", ""), 200);
    assertThat(nameOf(p, key)).isEqualTo("名称2");
    p = ok(as("planner-district").post("/api/plans/" + id + "/undo", ""), 200);
    p = ok(as("planner-district").post("/api/plans/" + id + "/undo", ""), 200);
    String original = jdbc.queryForObject("SELECT name FROM area WHERE code = ? AND valid_to IS NULL", String.class, gridCodes(community).getFirst());
    assertThat(nameOf(p, key)).isEqualTo(original);
    assertThat(p.get("canUndo").asBoolean()).isFalse();
    ok(as("planner-district").post("/api/plans/" + id + "/undo", ""), 409);
    // A new edit after undos: the undone edits stay in the history, but cannot be redone.
    p = edit(id, "{\"kind\":\"RENAME\",\"grid\":\"" + key + "\",\"name\":\"新名\"}");
    assertThat(p.get("canRedo").asBoolean()).isFalse();
    assertThat(p.get("edits")).hasSize(4);
    assertThat(p.get("edits").get(0).get("undone").asBoolean()).isTrue();
    assertThat(p.get("edits").get(3).get("undone").asBoolean()).isFalse();
    ok(as("planner-district").post("/api/plans/" + id + "/redo", ""), 409);
    // Audited.
    assertThat(jdbc.queryForObject(
            "SELECT count(*) FROM audit_event WHERE entity_type = 'plan' AND entity_id = ? AND action IN ('PLAN_EDITED', 'PLAN_UNDONE', 'PLAN_REDONE')",
            Long.class, Long.toString(id)))
        .isEqualTo(4 + 4 + 1);
  }

  static String nameOf(JsonNode plan, String key) {
    for (JsonNode f : plan.get("grids").get("features")) {
      if (f.get("id").asString().equals(key)) {
        return f.get("properties").get("name").asString();
      }
    }
    throw new AssertionError("no plan grid " + key);
  }

  @Test
  void badInputIsA400NamingTheFieldAndChangesNothing() {
    String community = communities.get(2);
    JsonNode plan = create(community, "错误输入");
    long id = plan.get("id").asLong();
    String key = plan.get("grids").get("features").get(0).get("id").asString();
    Map<String, String> bodies =
        Map.of(
            "{\"grid\":\"" + key + "\"}", "kind",
            "{\"kind\":\"BEND\"}", "kind",
            "{\"kind\":\"SPLIT\",\"grid\":\"k999\",\"line\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}}", "grid",
            "{\"kind\":\"SPLIT\",\"grid\":\"" + key + "\",\"line\":{\"type\":\"Point\",\"coordinates\":[0,0]}}", "line",
            "{\"kind\":\"SPLIT\",\"grid\":\"" + key + "\",\"line\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[0.001,0.001]]}}", "line",
            "{\"kind\":\"MERGE\",\"grids\":[\"" + key + "\"]}", "grids",
            "{\"kind\":\"AUTO_SPLIT\",\"grid\":\"" + key + "\",\"parts\":1}", "parts",
            "{\"kind\":\"RENAME\",\"grid\":\"" + key + "\",\"name\":\"  \"}", "name");
    bodies.forEach(
        (body, field) -> {
          var r = as("planner-district").post("/api/plans/" + id + "/edits", body);
          JsonNode problem = ok(r, 400);
          assertThat(problem.get("field").asString()).as(body).isEqualTo(field);
        });
    assertThat(planRows(id, "plan_edit")).isZero();
    JsonNode after = ok(as("planner-district").get("/api/plans/" + id), 200);
    assertThat(after.get("grids")).isEqualTo(plan.get("grids"));
    ok(as("planner-district").post("/api/plans", "{\"areaCode\":\"12\",\"name\":\"x\"}"), 400);
    assertThat(ok(as("planner-district").post("/api/plans", "{\"areaCode\":\"" + community + "\"}"), 400).get("field").asString())
        .isEqualTo("name");
    assertThat(ok(as("planner-district").post("/api/plans/" + id + "/publish", "{\"openCases\":\"MAYBE\"}"), 400).get("field").asString())
        .isEqualTo("openCases");
  }

  @Test
  void rolesAndJurisdictionGuardThePlans() {
    String community = communities.get(2);
    JsonNode plan = create(community, "权限");
    long id = plan.get("id").asLong();
    String key = plan.get("grids").get("features").get(0).get("id").asString();
    String rename = "{\"kind\":\"RENAME\",\"grid\":\"" + key + "\",\"name\":\"越权\"}";
    ok(as("member-grid1").get("/api/plans/" + id), 403);
    ok(as("member-grid1").get("/api/plans"), 403);
    ok(as("member-grid1").post("/api/plans", "{\"areaCode\":\"" + community + "\",\"name\":\"x\"}"), 403);
    // An operator reads, but may not edit or publish.
    ok(as("operator-district").get("/api/plans/" + id), 200);
    ok(as("operator-district").get("/api/plans/" + id + "/impact"), 200);
    ok(as("operator-district").post("/api/plans/" + id + "/edits", rename), 403);
    ok(as("operator-district").post("/api/plans/" + id + "/publish", "{\"openCases\":\"KEEP\"}"), 403);
    // Outside the jurisdiction (another street's operator): like a missing plan.
    ok(as("operator-street2").get("/api/plans/" + id), 404);
    ok(as("operator-street2").get("/api/plans/" + id + "/impact"), 404);
    ok(as("planner-district").get("/api/plans/999999"), 404);
    assertThat(planRows(id, "plan_edit")).isZero();
  }

  @Test
  void theSecondOfTwoPlansChangingOneGridIsToldOfTheConflictAndHistoryAndRestoreFollow() {
    String community = communities.get(3);
    String code = gridCodes(community).getFirst();
    String original = jdbc.queryForObject("SELECT name FROM area WHERE code = ? AND valid_to IS NULL", String.class, code);
    int version = jdbc.queryForObject("SELECT version FROM area WHERE code = ? AND valid_to IS NULL", Integer.class, code);
    Instant before = Instant.now();
    JsonNode first = create(community, "甲");
    JsonNode second = create(community, "乙");
    long a = first.get("id").asLong();
    long b = second.get("id").asLong();
    edit(a, "{\"kind\":\"RENAME\",\"grid\":\"" + feature(first, code).get("id").asString() + "\",\"name\":\"甲名\"}");
    edit(b, "{\"kind\":\"RENAME\",\"grid\":\"" + feature(second, code).get("id").asString() + "\",\"name\":\"乙名\"}");
    JsonNode published = ok(as("planner-district").post("/api/plans/" + a + "/publish", "{\"openCases\":\"KEEP\"}"), 200);
    assertThat(published.get("retiredCodes")).isEmpty();
    assertThat(jdbc.queryForObject("SELECT name FROM area WHERE code = ? AND valid_to IS NULL", String.class, code)).isEqualTo("甲名");
    assertThat(jdbc.queryForObject("SELECT version FROM area WHERE code = ? AND valid_to IS NULL", Integer.class, code)).isEqualTo(version + 1);
    // The other grids kept their rows.
    assertThat(jdbc.queryForObject(
            "SELECT count(*) FROM area WHERE parent_code = ? AND level = 'GRID' AND valid_to IS NULL AND version > 1", Long.class, community))
        .isEqualTo(1L);
    JsonNode conflict = ok(as("planner-district").post("/api/plans/" + b + "/publish", "{\"openCases\":\"KEEP\"}"), 409);
    assertThat(conflict.get("conflicts")).hasSize(1);
    assertThat(conflict.get("conflicts").get(0).get("code").asString()).isEqualTo(code);
    assertThat(conflict.get("conflicts").get(0).get("planId").asLong()).isEqualTo(a);
    assertThat(conflict.get("conflicts").get(0).get("publishedBy").asString()).isEqualTo("planner-district");
    assertThat(ok(as("planner-district").get("/api/plans/" + b), 200).get("status").asString()).isEqualTo("DRAFT");
    // A published plan is no longer a draft.
    ok(as("planner-district").post("/api/plans/" + a + "/undo", ""), 409);

    // History: both versions, and the grids as they were before.
    JsonNode versions = ok(as("operator-district").get("/api/areas/" + code + "/versions"), 200);
    assertThat(versions).hasSize(version + 1);
    assertThat(versions.get(version - 1).get("name").asString()).isEqualTo(original);
    assertThat(versions.get(version - 1).get("validTo").isNull()).isFalse();
    assertThat(versions.get(version).get("validTo").isNull()).isTrue();
    JsonNode then = ok(as("operator-district").get("/api/plans/grids?areaCode=" + community + "&at=" + before), 200);
    for (JsonNode f : then.get("features")) {
      if (f.get("id").asString().equals(code)) {
        assertThat(f.get("properties").get("name").asString()).isEqualTo(original);
      }
    }
    ok(as("operator-street2").get("/api/areas/" + code + "/versions"), 404);

    // Restore: a plan from the earlier time, published again.
    JsonNode restore =
        ok(as("planner-district").post("/api/plans", "{\"areaCode\":\"" + community + "\",\"name\":\"恢复\",\"from\":\"" + before + "\"}"), 201);
    assertThat(feature(restore, code).get("properties").get("name").asString()).isEqualTo(original);
    assertThat(feature(restore, code).get("properties").get("changed").asBoolean()).isTrue();
    ok(as("planner-district").post("/api/plans/" + restore.get("id").asLong() + "/publish", "{\"openCases\":\"KEEP\"}"), 200);
    assertThat(jdbc.queryForObject("SELECT name FROM area WHERE code = ? AND valid_to IS NULL", String.class, code)).isEqualTo(original);
    assertThat(jdbc.queryForObject("SELECT version FROM area WHERE code = ? AND valid_to IS NULL", Integer.class, code)).isEqualTo(version + 2);
  }

  /** A north–south line through the middle of a grid's box, reaching past it on both sides. */
  static String verticalLine(Geometry grid) {
    Envelope e = grid.getEnvelopeInternal();
    double x = grid.getInteriorPoint().getX();
    return "{\"type\":\"LineString\",\"coordinates\":[[" + x + "," + (e.getMinY() - 0.001) + "],[" + x + "," + (e.getMaxY() + 0.001) + "]]}";
  }

  long report(double lon, double lat) {
    var filed =
        as("operator-street").post(
            "/api/incidents",
            "{\"lon\":" + lon + ",\"lat\":" + lat + ",\"categoryCode\":\"" + category + "\",\"description\":\"规划测试\",\"source\":\"PATROL\"}");
    return ok(filed, 201).get("id").asLong();
  }

  /** A point strictly inside the part of the grid east of x (the interior point of that part). */
  static Coordinate eastOf(Geometry grid, double x) {
    Envelope e = grid.getEnvelopeInternal();
    Geometry east = grid.intersection(Wgs84.box(x, e.getMinY(), e.getMaxX(), e.getMaxY()));
    return east.getInteriorPoint().getCoordinate();
  }

  static Coordinate westOf(Geometry grid, double x) {
    Envelope e = grid.getEnvelopeInternal();
    Geometry west = grid.intersection(Wgs84.box(e.getMinX(), e.getMinY(), x, e.getMaxY()));
    return west.getInteriorPoint().getCoordinate();
  }

  @Test
  void aDraftIsAbandonedOnlyByAPlannerOrAdministratorOnceAndAudited() {
    String community = communities.get(1);
    JsonNode plan = create(community, "放弃");
    long id = plan.get("id").asLong();
    String key = plan.get("grids").get("features").get(0).get("id").asString();
    String rename = "{\"kind\":\"RENAME\",\"grid\":\"" + key + "\",\"name\":\"放弃前\"}";
    edit(id, rename);
    // Readers may not abandon; outside the jurisdiction the plan is missing.
    ok(as("operator-district").post("/api/plans/" + id + "/abandon", ""), 403);
    ok(as("member-grid1").post("/api/plans/" + id + "/abandon", ""), 403);
    ok(as("planner-district").post("/api/plans/999999/abandon", ""), 404);
    assertThat(jdbc.queryForObject("SELECT status FROM plan WHERE id = ?", String.class, id)).isEqualTo("DRAFT");

    JsonNode abandoned = ok(as("planner-district").post("/api/plans/" + id + "/abandon", ""), 200);
    assertThat(abandoned.get("status").asString()).isEqualTo("ABANDONED");
    assertThat(abandoned.get("canUndo").asBoolean()).isFalse();
    assertThat(abandoned.get("edits")).hasSize(1);
    assertThat(jdbc.queryForObject("SELECT status FROM plan WHERE id = ?", String.class, id)).isEqualTo("ABANDONED");
    // Once abandoned: no edit, no undo, no publish, no second abandon (409, nothing changes).
    ok(as("planner-district").post("/api/plans/" + id + "/edits", rename.replace("放弃前", "放弃后")), 409);
    ok(as("planner-district").post("/api/plans/" + id + "/undo", ""), 409);
    ok(as("planner-district").post("/api/plans/" + id + "/publish", "{\"openCases\":\"KEEP\"}"), 409);
    ok(as("admin").post("/api/plans/" + id + "/abandon", ""), 409);
    assertThat(planRows(id, "plan_edit")).isEqualTo(1);
    List<Long> listed = new ArrayList<>();
    ok(as("planner-district").get("/api/plans?status=ABANDONED"), 200).forEach(p -> listed.add(p.get("id").asLong()));
    assertThat(listed).contains(id);
    assertThat(jdbc.queryForObject(
            "SELECT count(*) FROM audit_event WHERE entity_type = 'plan' AND entity_id = ? AND action = 'PLAN_ABANDONED' AND actor = 'planner-district'",
            Long.class, Long.toString(id)))
        .isEqualTo(1);
  }

  @Test
  void aNewGridWithoutALeaderOrFullTimeMemberIsWarnedOfButStillPublishable() {
    String community = communities.get(3);
    String code = gridCodes(community).getFirst();
    Geometry grid = boundary(code);
    JsonNode plan = create(community, "人员提醒");
    assertThat(plan.at("/validation/warnings")).as("an unchanged plan changes no staffing").isEmpty();
    long id = plan.get("id").asLong();
    String key = feature(plan, code).get("id").asString();
    JsonNode p = edit(id, "{\"kind\":\"SPLIT\",\"grid\":\"" + key + "\",\"line\":" + verticalLine(grid) + "}");
    assertThat(p.at("/validation/valid").asBoolean()).as(p.get("validation").toString()).isTrue();
    String newKey = null;
    for (JsonNode f : p.get("grids").get("features")) {
      if (f.at("/properties/code").isNull()) {
        newKey = f.get("id").asString();
      }
    }
    assertThat(newKey).as("the new part").isNotNull();
    List<String> kindsOfNew = new ArrayList<>();
    for (JsonNode w : p.at("/validation/warnings")) {
      if (w.get("codes").toString().contains("\"" + newKey + "\"")) {
        kindsOfNew.add(w.get("kind").asString());
        assertThat(w.get("severity").asString()).isEqualTo("MEDIUM");
      }
    }
    assertThat(kindsOfNew).containsExactly("NO_LEADER", "NO_FULL_TIME_MEMBER");
    // The history names the grids each edit removed and added (the page words it in its language).
    JsonNode split = p.get("edits").get(0);
    assertThat(split.at("/removed/0/code").asString()).isEqualTo(code);
    assertThat(split.get("added")).hasSizeGreaterThanOrEqualTo(2);
    ok(as("planner-district").post("/api/plans/" + id + "/abandon", ""), 200);
  }

  @Test
  void aSplitMovesTheAddressesOfTheNewPartAndPublishReroutesItsOpenCases() {
    String community = communities.get(0);
    String code = gridCodes(community).getFirst();
    Geometry grid = boundary(code);
    double x = grid.getInteriorPoint().getX();
    long east = householdsInside(code, "AND ST_X(a.location) > ?", x);
    long west = householdsInside(code, "AND ST_X(a.location) < ?", x);
    long eastAddresses =
        jdbc.queryForObject(
            "SELECT count(*) FROM address a JOIN area g ON g.code = ? AND g.valid_to IS NULL AND a.location && g.boundary "
                + "AND ST_Contains(g.boundary, a.location) AND ST_X(a.location) > ?",
            Long.class, code, x);
    long westAddresses =
        jdbc.queryForObject(
            "SELECT count(*) FROM address a JOIN area g ON g.code = ? AND g.valid_to IS NULL AND a.location && g.boundary "
                + "AND ST_Contains(g.boundary, a.location) AND ST_X(a.location) < ?",
            Long.class, code, x);
    // Open cases on both sides, and a closed one on the side that will move.
    Coordinate e = eastOf(grid, x);
    Coordinate w = westOf(grid, x);
    long openEast = report(e.x, e.y);
    long openWest = report(w.x, w.y);
    long closedEast = report(e.x + 1e-6, e.y);
    jdbc.update("UPDATE incident SET status = 'CLOSED', closed_at = ? WHERE id = ?", java.sql.Timestamp.from(Instant.now()), closedEast);
    long oldGridId = jdbc.queryForObject("SELECT grid_id FROM incident WHERE id = ?", Long.class, openEast);

    JsonNode plan = create(community, "拆分一网格");
    long id = plan.get("id").asLong();
    String key = feature(plan, code).get("id").asString();
    JsonNode p = edit(id, "{\"kind\":\"SPLIT\",\"grid\":\"" + key + "\",\"line\":" + verticalLine(grid) + "}");
    assertThat(p.get("validation").get("valid").asBoolean()).as(p.get("validation").toString()).isTrue();
    assertThat(p.get("grids").get("features")).hasSize(gridCodes(community).size() + 1);
    // Only the two parts show as changed: neighbours that merely gained the cut's end vertices do not.
    int shownChanged = 0;
    for (JsonNode f : p.get("grids").get("features")) {
      shownChanged += f.get("properties").get("changed").asBoolean() ? 1 : 0;
    }
    assertThat(shownChanged).isEqualTo(2);
    // The part with more households keeps the code; the other is new (no code yet) and its
    // addresses move.
    boolean eastMoves = east <= west;
    long moved = eastMoves ? east : west;
    long movedAddresses = eastMoves ? eastAddresses : westAddresses;
    JsonNode impact = p.get("impact");
    assertThat(impact.get("householdsMoved").asLong()).isEqualTo(moved);
    assertThat(impact.get("addressesMoved").asLong()).isEqualTo(movedAddresses);
    assertThat(impact.get("moves")).hasSize(1);
    assertThat(impact.get("moves").get(0).get("fromCode").asString()).isEqualTo(code);
    assertThat(ok(as("planner-district").get("/api/plans/" + id + "/impact"), 200)).isEqualTo(impact);
    long movingCase = eastMoves ? openEast : openWest;
    long stayingCase = eastMoves ? openWest : openEast;
    String movingNumber = jdbc.queryForObject("SELECT number FROM incident WHERE id = ?", String.class, movingCase);
    assertThat(impact.get("openCases").findValuesAsString("number")).contains(movingNumber);
    // Members serving the grid lose the moved households.
    JsonNode member = null;
    for (JsonNode m : impact.get("members")) {
      if (m.get("gridCodes").toString().contains(code)) {
        member = m;
      }
    }
    assertThat(member).isNotNull();
    assertThat(member.get("householdsBefore").asLong() - member.get("householdsAfter").asLong()).isEqualTo(moved);

    List<String> codesBefore = gridCodes(community);
    JsonNode published = ok(as("planner-district").post("/api/plans/" + id + "/publish", "{\"openCases\":\"REROUTE\"}"), 200);
    String newCode = null;
    for (JsonNode g : published.get("grids")) {
      if (!codesBefore.contains(g.get("code").asString())) {
        newCode = g.get("code").asString();
      }
    }
    assertThat(newCode).isNotNull().startsWith(community);
    // The cut ended on edges shared with neighbours: they gained its end points, so the published
    // grids are a clean coverage for JTS (no T-junctions).
    Geometry[] publishedGrids = gridCodes(community).stream().map(this::boundary).toArray(Geometry[]::new);
    assertThat(Arrays.stream(CoverageValidator.validate(publishedGrids)).filter(Objects::nonNull)).isEmpty();
    String max = jdbc.queryForObject("SELECT max(code) FROM area WHERE parent_code = ? AND code <> ?", String.class, community, newCode);
    assertThat(Integer.parseInt(newCode.substring(12))).isEqualTo(Integer.parseInt(max.substring(12)) + 1);
    assertThat(published.get("reroutedCases").asInt()).isGreaterThanOrEqualTo(1);
    // The published plan shows the codes numbering gave.
    JsonNode publishedPlan = ok(as("operator-district").get("/api/plans/" + id), 200);
    assertThat(publishedPlan.get("status").asString()).isEqualTo("PUBLISHED");
    assertThat(feature(publishedPlan, newCode).get("properties").get("changed").asBoolean()).isTrue();
    // The open case in the new part moved to the new grid row with a timeline entry.
    assertThat(jdbc.queryForObject("SELECT grid_code FROM incident WHERE id = ?", String.class, movingCase)).isEqualTo(newCode);
    assertThat(jdbc.queryForObject("SELECT a.code FROM incident i JOIN area a ON a.id = i.grid_id WHERE i.id = ?", String.class, movingCase))
        .isEqualTo(newCode);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_event WHERE incident_id = ? AND action = 'REROUTE'", Long.class, movingCase))
        .isEqualTo(1);
    // The case on the side that kept the code, and the closed case, kept their rows.
    assertThat(jdbc.queryForObject("SELECT grid_id FROM incident WHERE id = ?", Long.class, stayingCase)).isEqualTo(oldGridId);
    assertThat(jdbc.queryForObject("SELECT grid_id FROM incident WHERE id = ?", Long.class, closedEast)).isEqualTo(oldGridId);
    // Addresses follow; a new report in the new part is routed to the new grid code.
    assertThat(jdbc.queryForObject("SELECT coalesce(sum(households), 0) FROM address WHERE grid_code = ?", Long.class, newCode)).isEqualTo(moved);
    Coordinate there = eastMoves ? e : w;
    long fresh = report(there.x, there.y);
    assertThat(jdbc.queryForObject("SELECT grid_code FROM incident WHERE id = ?", String.class, fresh)).isEqualTo(newCode);
  }

  @Test
  void publishingWithKeepLeavesOpenCasesOnTheirOldRows() {
    String community = communities.get(4);
    String code = gridCodes(community).getFirst();
    Geometry grid = boundary(code);
    double x = grid.getInteriorPoint().getX();
    Coordinate e = eastOf(grid, x);
    Coordinate w = westOf(grid, x);
    long east = report(e.x, e.y);
    long west = report(w.x, w.y);
    long eastRow = jdbc.queryForObject("SELECT grid_id FROM incident WHERE id = ?", Long.class, east);
    JsonNode plan = create(community, "保留");
    long id = plan.get("id").asLong();
    JsonNode p = edit(id, "{\"kind\":\"SPLIT\",\"grid\":\"" + feature(plan, code).get("id").asString() + "\",\"line\":" + verticalLine(grid) + "}");
    assertThat(p.get("impact").get("openCasesMoved").asInt()).isGreaterThanOrEqualTo(1);
    JsonNode published = ok(as("planner-district").post("/api/plans/" + id + "/publish", "{\"openCases\":\"KEEP\"}"), 200);
    assertThat(published.get("reroutedCases").asInt()).isZero();
    assertThat(jdbc.queryForObject("SELECT grid_id FROM incident WHERE id = ?", Long.class, east)).isEqualTo(eastRow);
    assertThat(jdbc.queryForObject("SELECT grid_id FROM incident WHERE id = ?", Long.class, west)).isEqualTo(eastRow);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_event WHERE incident_id IN (?, ?) AND action = 'REROUTE'", Long.class, east, west))
        .isZero();
    // The old row is closed, the kept code has a new version.
    assertThat(jdbc.queryForObject("SELECT valid_to FROM area WHERE id = ?", java.sql.Timestamp.class, eastRow)).isNotNull();
  }

  @Test
  void mergingTwoGridsKeepsTheLowestCodeAndRetiresTheOther() {
    String community = communities.get(5 < communities.size() ? 5 : 4);
    List<String> codes = gridCodes(community);
    // Two grids that share an edge.
    String a = null;
    String b = null;
    for (int i = 0; i < codes.size() && a == null; i++) {
      for (int j = i + 1; j < codes.size(); j++) {
        if (boundary(codes.get(i)).intersection(boundary(codes.get(j))).getLength() > 1e-4) {
          a = codes.get(i);
          b = codes.get(j);
          break;
        }
      }
    }
    assertThat(a).isNotNull();
    JsonNode plan = create(community, "合并");
    long id = plan.get("id").asLong();
    JsonNode p =
        edit(id, "{\"kind\":\"MERGE\",\"grids\":[\"" + feature(plan, b).get("id").asString() + "\",\"" + feature(plan, a).get("id").asString() + "\"]}");
    assertThat(p.get("grids").get("features")).hasSize(codes.size() - 1);
    JsonNode merged = feature(p, a).get("properties");
    assertThat(merged.get("households").asLong()).isEqualTo(householdsInside(a, "") + householdsInside(b, ""));
    assertThat(p.get("impact").get("householdsMoved").asLong()).isEqualTo(householdsInside(b, ""));
    JsonNode published = ok(as("planner-district").post("/api/plans/" + id + "/publish", "{\"openCases\":\"REROUTE\"}"), 200);
    assertThat(published.get("retiredCodes").get(0).asString()).isEqualTo(b);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM area WHERE code = ? AND valid_to IS NULL", Long.class, b)).isZero();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident WHERE grid_code = ? AND status IN ('REPORTED','DISPATCHED','ACCEPTED','IN_PROGRESS','HANDLED')", Long.class, b))
        .isZero();
  }

  /** Two grids of the community sharing an edge longer than 10 m (about), by code. */
  String[] adjacentPair(String community) {
    List<String> codes = gridCodes(community);
    for (int i = 0; i < codes.size(); i++) {
      for (int j = i + 1; j < codes.size(); j++) {
        if (boundary(codes.get(i)).intersection(boundary(codes.get(j))).getLength() > 1e-4) {
          return new String[] {codes.get(i), codes.get(j)};
        }
      }
    }
    throw new AssertionError("no adjacent grids in " + community);
  }

  static String geoJson(Geometry g) {
    StringBuilder out = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[");
    org.locationtech.jts.geom.Polygon p = (org.locationtech.jts.geom.Polygon) g;
    for (int r = 0; r <= p.getNumInteriorRing(); r++) {
      var ring = r == 0 ? p.getExteriorRing() : p.getInteriorRingN(r - 1);
      out.append(r == 0 ? "[" : ",[");
      Coordinate[] cs = ring.getCoordinates();
      for (int k = 0; k < cs.length; k++) {
        out.append(k == 0 ? "" : ",").append("[").append(cs[k].x).append(",").append(cs[k].y).append("]");
      }
      out.append("]");
    }
    return out.append("]}").toString();
  }

  @Test
  void replacingABoundaryGivesTheStripItLeavesToANeighbourAndCountsTheHouseholds() {
    String community = communities.get(2);
    String code = gridCodes(community).get(1);
    Geometry grid = boundary(code);
    Geometry shrunk = grid.getGeometryN(0).buffer(-0.0003);
    assertThat(shrunk.getGeometryType()).isEqualTo("Polygon");
    long inside =
        jdbc.queryForObject(
            "SELECT coalesce(sum(households), 0) FROM address WHERE location && ST_GeomFromText(?, 4326) AND ST_Contains(ST_GeomFromText(?, 4326), location)",
            Long.class, shrunk.toText(), shrunk.toText());
    long before = householdsInside(code, "");
    JsonNode plan = create(community, "替换边界");
    long id = plan.get("id").asLong();
    JsonNode p = edit(id, "{\"kind\":\"REPLACE\",\"grid\":\"" + feature(plan, code).get("id").asString() + "\",\"boundary\":" + geoJson(shrunk) + "}");
    assertThat(p.get("validation").get("valid").asBoolean()).as(p.get("validation").toString()).isTrue();
    assertThat(feature(p, code).get("properties").get("households").asLong()).isEqualTo(inside);
    assertThat(p.get("impact").get("householdsMoved").asLong()).isEqualTo(before - inside);
    long total = 0;
    for (JsonNode f : p.get("grids").get("features")) {
      total += f.get("properties").get("households").asLong();
    }
    long baseTotal = 0;
    for (String c : gridCodes(community)) {
      baseTotal += householdsInside(c, "");
    }
    assertThat(total).isEqualTo(baseTotal);
  }

  @Test
  void movingASharedEdgeKeepsBothGridsExactAndMovesHouseholdsOnlyBetweenThem() {
    String community = communities.get(1);
    String[] pair = adjacentPair(community);
    Geometry a = boundary(pair[0]);
    Geometry b = boundary(pair[1]);
    Geometry shared = a.intersection(b);
    Coordinate mid = shared.getCentroid().getCoordinate();
    Coordinate cb = b.getInteriorPoint().getCoordinate();
    // The new edge: parallel to the old one's general direction, a fifth of the way into b.
    double dx = cb.x - mid.x;
    double dy = cb.y - mid.y;
    double len = Math.hypot(dx, dy);
    double ox = mid.x + dx * 0.2;
    double oy = mid.y + dy * 0.2;
    double reach = a.union(b).getEnvelopeInternal().getDiameter();
    double px = -dy / len * reach;
    double py = dx / len * reach;
    String line = "{\"type\":\"LineString\",\"coordinates\":[[" + (ox - px) + "," + (oy - py) + "],[" + (ox + px) + "," + (oy + py) + "]]}";
    JsonNode plan = create(community, "移动边界");
    long id = plan.get("id").asLong();
    String ka = feature(plan, pair[0]).get("id").asString();
    String kb = feature(plan, pair[1]).get("id").asString();
    var r = as("planner-district").post("/api/plans/" + id + "/edits", "{\"kind\":\"MOVE_EDGE\",\"grids\":[\"" + ka + "\",\"" + kb + "\"],\"line\":" + line + "}");
    JsonNode p = ok(r, 200);
    assertThat(p.get("validation").get("valid").asBoolean()).as(p.get("validation").toString()).isTrue();
    long after = feature(p, pair[0]).get("properties").get("households").asLong() + feature(p, pair[1]).get("properties").get("households").asLong();
    assertThat(after).isEqualTo(householdsInside(pair[0], "") + householdsInside(pair[1], ""));
    assertThat(p.get("impact").get("householdsMoved").asLong()).isPositive();
    for (JsonNode m : p.get("impact").get("moves")) {
      assertThat(List.of(pair[0], pair[1])).contains(m.get("fromCode").asString());
      assertThat(List.of(ka, kb)).contains(m.get("toKey").asString());
    }
  }

  @Test
  void autoSplitMakesBalancedPartsInsideTheGridWithItsHouseholds() {
    String community = communities.get(3);
    String code = gridCodes(community).getLast();
    long households = householdsInside(code, "");
    JsonNode plan = create(community, "自动拆分");
    long id = plan.get("id").asLong();
    JsonNode p = edit(id, "{\"kind\":\"AUTO_SPLIT\",\"grid\":\"" + feature(plan, code).get("id").asString() + "\",\"parts\":3}");
    assertThat(p.get("validation").get("valid").asBoolean()).as(p.get("validation").toString()).isTrue();
    JsonNode last = p.get("edits").get(p.get("edits").size() - 1);
    assertThat(last.get("kind").asString()).isEqualTo("AUTO_SPLIT");
    assertThat(last.get("summary").asString()).contains("imbalance");
    List<Long> parts = new ArrayList<>();
    for (JsonNode f : p.get("grids").get("features")) {
      if (f.get("properties").get("baseCodes").toString().contains(code)) {
        parts.add(f.get("properties").get("households").asLong());
      }
    }
    assertThat(parts).hasSize(3);
    assertThat(parts.stream().mapToLong(Long::longValue).sum()).isEqualTo(households);
    assertThat(p.get("impact").get("householdsMoved").asLong()).isEqualTo(households - parts.stream().mapToLong(Long::longValue).max().orElseThrow());
  }
}
