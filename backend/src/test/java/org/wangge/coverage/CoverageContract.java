package org.wangge.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import org.wangge.address.AddressService;
import org.wangge.address.Geocoder;
import org.wangge.area.AreaService;
import org.wangge.area.GridLocator;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.AreaRecord;
import org.wangge.gisdata.model.MemberRecord;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.team.TeamService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/coverage/{areaCode}} against hand counts on a broken fixture city, and against SQL
 * oracles on the demo city.
 *
 * <p>The fixture, city 9901, lies just east of the demo city (so the demo's grid index keeps its
 * shape) and is deleted afterwards (the embedded database is shared by the test classes of a JVM).
 * Longitudes are offsets from x0 (0.01° east of the demo city), latitudes from y0 (its southern
 * edge), in thousandths of a degree. It is read by a grid leader bound to it (a user made for the
 * test, deleted with it):
 *
 * <pre>
 *   city 9901 = district 990101 = street 990101001 = [0, 4] × [0, 2]
 *   community C1 990101001001 = [0, 2]: G1 …001001 = [0, 1], G2 …001002 = [1.1, 2]  → GAP [1, 1.1]
 *   community C2 990101001002 = [2, 4]: G3 …002001 = [2, 3.1], G4 …002002 = [3, 4]  → OVERLAP [3, 3.1]
 *                                       G5 …002003 = [4, 4.5] (outside C2 and the city) → NOT_NESTED
 *   addresses (households): a1 (1.05, 1) 3 in the gap; a2 (3.05, 1) 4 in G3 and G4;
 *     a3 (0.5, 1) 250 in G1; a4 (1.5, 1) 50 in G2; a5 (3.5, 1) 120 in G4; a6 (4.2, 1) 10 in G5
 *   members: G1 leader + full-time (250 households: OVERLOADED, LOW); G2 leader + full-time (50:
 *     UNDERLOADED); G3 leader only (NO_FULL_TIME_MEMBER); G4 full-time only (NO_LEADER; 120 fine);
 *     G5 nobody (NO_LEADER, NO_FULL_TIME_MEMBER)
 * </pre>
 *
 * Each strip 0.0001° × 0.002° has, on a sphere of radius 6,371,008.8 m (an oracle independent of
 * the code's ellipsoidal projection), area (π/180)²·R²·cos(y0 + 0.001°)·2e-7; the checks allow 1 %.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CoverageContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final GeometryFactory LON_LAT = new GeometryFactory(new PrecisionModel(), 4326);
  static final String CITY = "9901";
  static final String C1 = "990101001001";
  static final String C2 = "990101001002";
  static final String G1 = C1 + "001";
  static final String G2 = C1 + "002";
  static final String G3 = C2 + "001";
  static final String G4 = C2 + "002";
  static final String G5 = C2 + "003";
  /** Address codes: this and the address's number (a1 → …1). */
  /** A grid leader of the fixture city (the demo's users are bound to the demo city). */
  static final String TESTER = "coverage-leader-9901";

  static final String ADDRESS_PREFIX = "9901010010000000000";

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;
  @Autowired AreaService areaService;
  @Autowired AddressService addressService;
  @Autowired TeamService teamService;
  @Autowired GridLocator gridLocator;
  @Autowired Geocoder geocoder;

  double x0;
  double y0;

  @BeforeAll
  void insertTheBrokenCity() {
    deleteTheBrokenCity();
    x0 = Math.ceil((jdbc.queryForObject(
        "SELECT max(ST_XMax(boundary)) FROM area WHERE level = 'CITY' AND valid_to IS NULL", Double.class) + 0.01) * 1000) / 1000;
    y0 = Math.floor(jdbc.queryForObject(
        "SELECT min(ST_YMin(boundary)) FROM area WHERE level = 'CITY' AND valid_to IS NULL", Double.class) * 1000) / 1000;
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    jdbc.update(
        """
        INSERT INTO app_user (username, display_name, password_hash, role, area_code, enabled, demo, created_at)
        SELECT ?, '断格市网格长', password_hash, 'GRID_LEADER', ?, TRUE, TRUE, created_at FROM app_user WHERE username = 'admin'""",
        TESTER, CITY);
    areaService.importAreas(
        List.of(
            area(CITY, "断格市", AreaLevel.CITY, null, 0, 4),
            area("990101", "断格区", AreaLevel.DISTRICT, CITY, 0, 4),
            area("990101001", "断格街道", AreaLevel.STREET, "990101", 0, 4),
            area(C1, "缝隙社区", AreaLevel.COMMUNITY, "990101001", 0, 2),
            area(C2, "重叠社区", AreaLevel.COMMUNITY, "990101001", 2, 4),
            area(G1, "缝隙一网格", AreaLevel.GRID, C1, 0, 1),
            area(G2, "缝隙二网格", AreaLevel.GRID, C1, 1.1, 2),
            area(G3, "重叠一网格", AreaLevel.GRID, C2, 2, 3.1),
            area(G4, "重叠二网格", AreaLevel.GRID, C2, 3, 4),
            area(G5, "越界网格", AreaLevel.GRID, C2, 4, 4.5)),
        from);
    addressService.importAddresses(
        List.of(
            address("a1", 1.05, 3, null),
            address("a2", 3.05, 4, G3),
            address("a3", 0.5, 250, G1),
            address("a4", 1.5, 50, G2),
            address("a5", 3.5, 120, G4),
            address("a6", 4.2, 10, G5)),
        n -> {});
    teamService.importMembers(
        List.of(
            member("L1", MemberRole.GRID_LEADER, G1),
            member("F1", MemberRole.FULL_TIME, G1),
            member("L2", MemberRole.GRID_LEADER, G2),
            member("F2", MemberRole.FULL_TIME, G2),
            member("L3", MemberRole.GRID_LEADER, G3),
            member("F4", MemberRole.FULL_TIME, G4)));
    // The import events rebuild both in-memory indexes; make sure they did before asking.
    assertThat(gridLocator.snapshot().currentGrid(G5)).isPresent();
    assertThat(geocoder.byCode(ADDRESS_PREFIX + "6")).isPresent();
  }

  @AfterAll
  void deleteTheBrokenCity() {
    jdbc.update("DELETE FROM api_token WHERE user_id IN (SELECT id FROM app_user WHERE username = ?)", TESTER);
    jdbc.update("DELETE FROM app_user WHERE username = ?", TESTER);
    jdbc.update("DELETE FROM member_grid WHERE grid_code LIKE '9901%'");
    jdbc.update("DELETE FROM member WHERE code LIKE 'COVT%'");
    jdbc.update("DELETE FROM address WHERE code LIKE ?", ADDRESS_PREFIX + "%");
    int areas = jdbc.update("DELETE FROM area WHERE code LIKE '9901%'");
    if (areas > 0) {
      gridLocator.rebuild();
      geocoder.rebuild();
    }
  }

  AreaRecord area(String code, String name, AreaLevel level, String parent, double fromX, double toX) {
    Polygon box = (Polygon) LON_LAT.toGeometry(
        new org.locationtech.jts.geom.Envelope(x0 + fromX / 1000, x0 + toX / 1000, y0, y0 + 0.002));
    MultiPolygon boundary = LON_LAT.createMultiPolygon(new Polygon[] {box});
    return new AreaRecord(code, name, level, parent, boundary, 0, 0);
  }

  AddressRecord address(String name, double x, int households, String grid) {
    return new AddressRecord(ADDRESS_PREFIX + name.substring(1), "断格市测试路" + name + "号", "测试路", name, null, null,
        x0 + x / 1000, y0 + 0.001, households, households * 2, grid);
  }

  MemberRecord member(String code, MemberRole role, String grid) {
    return new MemberRecord("COVT" + code, "测试" + code, "13800000000", role, List.of(grid), false, null, null, null);
  }

  /** Area in m² of 0.0001° × 0.002° at the fixture's middle latitude, on a sphere. */
  double strip(double widthThousandths) {
    double r = 6_371_008.8;
    double k = Math.PI / 180;
    return widthThousandths / 1000 * k * r * Math.cos((y0 + 0.001) * k) * 0.002 * k * r;
  }

  /**
   * GET as a user: the demo users by their API token, the fixture's leader by HTTP Basic (the demo
   * admin issues tokens only inside the demo city).
   */
  HttpResponse<String> send(String user, String path, String accept) {
    var request =
        TESTER.equals(user)
            ? java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Authorization", Api.basic(TESTER, Api.DEMO_PASSWORD))
            : Api.as(port, user).request(path);
    if (accept != null) {
      request.header("Accept", accept);
    }
    return Api.send(request.GET().build());
  }

  JsonNode get(String user, String path) {
    HttpResponse<String> response = send(user, path, null);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void brokenCityShowsEveryProblemAsCountedByHand() {
    JsonNode report = get(TESTER, "/api/coverage/" + CITY);
    assertThat(report.get("area").get("code").asString()).isEqualTo(CITY);
    assertThat(report.get("area").get("level").asString()).isEqualTo("CITY");
    assertThat(report.get("norm").get("householdsPerFullTimeMember").asInt()).isEqualTo(200);

    JsonNode counts = report.get("counts");
    Map<String, Integer> expected = new java.util.LinkedHashMap<>();
    expected.put("GAP", 1);
    expected.put("OVERLAP", 1);
    expected.put("NOT_NESTED", 1);
    expected.put("INVALID", 0);
    expected.put("SLIVER", 0);
    expected.put("ADDRESS_IN_NO_GRID", 1);
    expected.put("ADDRESS_IN_SEVERAL_GRIDS", 1);
    expected.put("NO_LEADER", 2);
    expected.put("NO_FULL_TIME_MEMBER", 2);
    expected.put("OVERLOADED", 1);
    expected.put("UNDERLOADED", 1);
    Map<String, Integer> actual = new java.util.LinkedHashMap<>();
    counts.properties().forEach(e -> actual.put(e.getKey(), e.getValue().asInt()));
    assertThat(actual).containsExactlyEntriesOf(expected);

    List<String> order = new ArrayList<>();
    for (JsonNode p : report.get("problems")) {
      order.add(p.get("id").asString() + " " + p.get("severity").asString() + " " + String.join(",", codes(p)));
    }
    assertThat(order).containsExactly(
        "GAP-1 HIGH " + G1 + "," + G2,
        "OVERLAP-1 HIGH " + G3 + "," + G4,
        "NOT_NESTED-1 HIGH " + G5,
        "ADDRESS_IN_NO_GRID-1 HIGH ",
        "ADDRESS_IN_SEVERAL_GRIDS-1 HIGH " + G3 + "," + G4,
        "NO_LEADER-1 MEDIUM " + G4,
        "NO_LEADER-2 MEDIUM " + G5,
        "NO_FULL_TIME_MEMBER-1 MEDIUM " + G3,
        "NO_FULL_TIME_MEMBER-2 MEDIUM " + G5,
        "OVERLOADED-1 LOW " + G1,
        "UNDERLOADED-1 LOW " + G2);

    JsonNode gap = problem(report, "GAP-1");
    assertThat(gap.get("level").asString()).isEqualTo("GRID");
    assertThat(gap.get("parentCode").asString()).isEqualTo(C1);
    assertThat(gap.get("areaSquareMetres").asDouble()).isCloseTo(strip(0.1), within(strip(0.1) * 0.01));
    assertThat(gap.get("geometry").get("type").asString()).isEqualTo("Polygon");
    assertThat(gap.get("bbox").get(0).asDouble()).isCloseTo(x0 + 0.001, within(1e-9));
    assertThat(gap.get("bbox").get(2).asDouble()).isCloseTo(x0 + 0.0011, within(1e-9));
    JsonNode overlap = problem(report, "OVERLAP-1");
    assertThat(overlap.get("parentCode").asString()).isEqualTo(C2);
    assertThat(overlap.get("areaSquareMetres").asDouble()).isCloseTo(strip(0.1), within(strip(0.1) * 0.01));
    JsonNode outside = problem(report, "NOT_NESTED-1");
    assertThat(outside.get("areaSquareMetres").asDouble()).isCloseTo(strip(0.5), within(strip(0.5) * 0.01));

    JsonNode noGrid = problem(report, "ADDRESS_IN_NO_GRID-1");
    assertThat(noGrid.get("parentCode").asString()).as("the smallest area holding a1").isEqualTo(C1);
    assertThat(noGrid.get("addresses").asLong()).isEqualTo(1);
    assertThat(noGrid.get("households").asLong()).isEqualTo(3);
    assertThat(noGrid.get("geometry").get("type").asString()).isEqualTo("MultiPoint");
    assertThat(noGrid.get("geometry").get("coordinates").get(0).get(0).asDouble()).isCloseTo(x0 + 0.00105, within(1e-7));
    JsonNode several = problem(report, "ADDRESS_IN_SEVERAL_GRIDS-1");
    assertThat(several.get("addresses").asLong()).isEqualTo(1);
    assertThat(several.get("households").asLong()).isEqualTo(4);

    JsonNode overloaded = problem(report, "OVERLOADED-1");
    assertThat(overloaded.get("households").asLong()).isEqualTo(250);
    assertThat(overloaded.get("geometry").isNull()).isTrue();
    assertThat(overloaded.get("bbox").get(0).asDouble()).isCloseTo(x0, within(1e-9));
    assertThat(problem(report, "UNDERLOADED-1").get("households").asLong()).isEqualTo(50);

    // Load: grids with a full-time member G1 (250), G2 (50), G4 (120); G3 counts a2 but has none.
    JsonNode load = report.get("load");
    assertThat(load.get("gridsWithFullTimeMember").asInt()).isEqualTo(3);
    assertThat(codesOf(load.get("mostLoaded"))).containsExactly(G1, G4, G2);
    assertThat(codesOf(load.get("leastLoaded"))).containsExactly(G2, G4, G1);
    assertThat(load.get("mostLoaded").get(0).get("householdsPerFullTimeMember").asDouble()).isEqualTo(250.0);
    assertThat(load.get("mostLoaded").get(1).get("households").asLong()).isEqualTo(120);
    // Every grid's row (the page's load table), unstaffed G3 and G5 included, by code.
    List<String> rows = new ArrayList<>();
    for (JsonNode g : load.get("grids")) {
      rows.add(g.get("code").asString() + " " + g.get("households").asLong() + " " + g.get("fullTimeMembers").asInt() + " "
          + (g.get("householdsPerFullTimeMember").isNull() ? "-" : g.get("householdsPerFullTimeMember").asDouble()));
    }
    assertThat(rows).hasSize(5).startsWith(G1 + " 250 1 250.0").contains(G2 + " 50 1 50.0", G4 + " 120 1 120.0");
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(G3 + " ").endsWith(" 0 -"));
    assertThat(load.get("grids").get(0).get("addresses").asLong()).isPositive();
    // The rule the page explains: the penalties and the norm the report used.
    assertThat(report.get("scoring").toString()).isEqualTo("{\"highPenalty\":10,\"mediumPenalty\":3,\"lowPenalty\":1}");
    assertThat(report.at("/norm/underloadFraction").asDouble()).isEqualTo(0.5);

    // Scores (penalties HIGH 10, MEDIUM 3, LOW 1): G1 99, G2 99, G3 100-10-10-3 = 77, G4 77,
    // G5 100-10-3-3 = 84; C1 mean(99, 99) - 10 (gap) - 10 (address in no grid) = 79; C2 mean(77,
    // 77, 84) = 79.33; street, district, city (79 + 79.33) / 2 = 79.17.
    Map<String, Double> scores = new HashMap<>();
    Map<String, Integer> problems = new HashMap<>();
    for (JsonNode a : report.get("areas")) {
      scores.put(a.get("code").asString(), a.get("score").asDouble());
      problems.put(a.get("code").asString(), a.get("problems").asInt());
    }
    assertThat(report.get("areas").get(0).get("code").asString()).isEqualTo(CITY);
    assertThat(scores).hasSize(10);
    assertThat(scores).containsEntry(G1, 99.0).containsEntry(G2, 99.0).containsEntry(G3, 77.0)
        .containsEntry(G4, 77.0).containsEntry(G5, 84.0).containsEntry(C1, 79.0).containsEntry(C2, 79.3)
        .containsEntry("990101001", 79.2).containsEntry(CITY, 79.2);
    assertThat(report.get("score").asDouble()).isEqualTo(79.2);
    assertThat(problems).containsEntry(CITY, 11).containsEntry(C1, 4).containsEntry(C2, 7)
        .containsEntry(G3, 3).containsEntry(G5, 3);
    List<String> levels = new ArrayList<>();
    for (JsonNode l : report.get("levels")) {
      levels.add(l.get("level").asString() + " " + l.get("areas").asInt() + " " + l.get("problems").asInt() + " "
          + l.get("score").asDouble());
    }
    assertThat(levels).containsExactly("DISTRICT 1 0 79.2", "STREET 1 0 79.2", "COMMUNITY 2 0 79.2", "GRID 5 11 87.2");
  }

  @Test
  void geoJsonHasOneFeaturePerProblemWithEverythingButTheGeometryAsProperties() {
    JsonNode json = get(TESTER, "/api/coverage/" + CITY);
    JsonNode viaFormat = get(TESTER, "/api/coverage/" + CITY + "?format=geojson");
    HttpResponse<String> viaAccept = send(TESTER, "/api/coverage/" + CITY, "application/geo+json");
    assertThat(viaAccept.statusCode()).isEqualTo(200);
    assertThat(viaAccept.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
    JsonNode fc = JSON.readTree(viaAccept.body());
    for (JsonNode collection : List.of(viaFormat, fc)) {
      assertThat(collection.get("type").asString()).isEqualTo("FeatureCollection");
      assertThat(collection.get("features")).hasSize(json.get("problems").size());
      JsonNode first = collection.get("features").get(0);
      assertThat(first.get("id").asString()).isEqualTo("GAP-1");
      assertThat(first.get("geometry").get("type").asString()).isEqualTo("Polygon");
      assertThat(first.get("properties").has("geometry")).isFalse();
      assertThat(first.get("properties").get("parentCode").asString()).isEqualTo(C1);
      assertThat(first.get("properties").get("areaSquareMetres").asDouble())
          .isEqualTo(json.get("problems").get(0).get("areaSquareMetres").asDouble());
    }
  }

  @Test
  void levelFilterListsOneLevelsProblems() {
    JsonNode grids = get(TESTER, "/api/coverage/" + CITY + "?level=GRID");
    assertThat(grids.get("problems")).hasSize(11);
    JsonNode communities = get(TESTER, "/api/coverage/" + CITY + "?level=community");
    assertThat(communities.get("problems")).isEmpty();
    assertThat(communities.get("counts").get("GAP").asInt()).isZero();
    assertThat(communities.get("score").asDouble()).as("scores are of every problem").isEqualTo(79.2);
  }

  @Test
  void aCommunityReportCoversItsGridsOnly() {
    JsonNode c2 = get(TESTER, "/api/coverage/" + C2);
    assertThat(c2.get("area").get("level").asString()).isEqualTo("COMMUNITY");
    assertThat(c2.get("levels")).hasSize(1);
    assertThat(c2.get("counts").get("GAP").asInt()).isZero();
    assertThat(c2.get("counts").get("OVERLAP").asInt()).isEqualTo(1);
    assertThat(c2.get("counts").get("ADDRESS_IN_SEVERAL_GRIDS").asInt()).isEqualTo(1);
    assertThat(c2.get("counts").get("ADDRESS_IN_NO_GRID").asInt()).as("a1 lies in C1").isZero();
    assertThat(c2.get("areas")).hasSize(4);
    assertThat(c2.get("score").asDouble()).isEqualTo(79.3);
  }

  @Test
  void outsideTheJurisdictionOrUnknownIsNotFoundAndBadInputNamesTheField() {
    assertThat(Api.as(port, "operator-city").get("/api/coverage/" + CITY).statusCode()).isEqualTo(404);
    assertThat(Api.as(port, "leader-community").get("/api/coverage/360502").statusCode()).isEqualTo(404);
    assertThat(Api.as(port, "admin").get("/api/coverage/3605999").statusCode()).isEqualTo(404);
    HttpResponse<String> bad = Api.as(port, "admin").get("/api/coverage/36x5");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("areaCode");
    HttpResponse<String> badLevel = Api.as(port, "admin").get("/api/coverage/3605?level=BLOCK");
    assertThat(badLevel.statusCode()).isEqualTo(400);
    assertThat(badLevel.body()).contains("level");
    HttpResponse<String> badFormat = Api.as(port, "admin").get("/api/coverage/3605?format=xml");
    assertThat(badFormat.statusCode()).isEqualTo(400);
    assertThat(badFormat.body()).contains("format");
    assertThat(Api.anonymous(port).get("/api/coverage/3605").statusCode()).isEqualTo(401);
  }

  @Test
  void demoCityIsCleanExceptWhatTheTeamTablesSay() {
    JsonNode report = get("operator-city", "/api/coverage/3605");
    JsonNode counts = report.get("counts");
    for (String kind : List.of("GAP", "OVERLAP", "NOT_NESTED", "INVALID", "SLIVER", "ADDRESS_IN_NO_GRID", "ADDRESS_IN_SEVERAL_GRIDS")) {
      assertThat(counts.get(kind).asInt()).as(kind).isZero();
    }
    // Oracles: households by the stored grid code of each address, staff by role.
    Map<String, Long> households = new HashMap<>();
    jdbc.query("SELECT grid_code, sum(households) FROM address WHERE grid_code LIKE '3605%' GROUP BY grid_code",
        rs -> { households.put(rs.getString(1), rs.getLong(2)); });
    Map<String, int[]> staff = new HashMap<>();
    jdbc.query("""
        SELECT g.grid_code, m.role FROM member_grid g JOIN member m ON m.id = g.member_id WHERE g.grid_code LIKE '3605%'""",
        rs -> {
          int[] s = staff.computeIfAbsent(rs.getString(1), x -> new int[2]);
          if ("GRID_LEADER".equals(rs.getString(2))) {
            s[0]++;
          } else if ("FULL_TIME".equals(rs.getString(2))) {
            s[1]++;
          }
        });
    List<String> grids = jdbc.queryForList(
        "SELECT code FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE '3605%'", String.class);
    int noLeader = 0, noFullTime = 0, over = 0, under = 0, staffed = 0;
    for (String g : grids) {
      int[] s = staff.getOrDefault(g, new int[2]);
      noLeader += s[0] == 0 ? 1 : 0;
      if (s[1] == 0) {
        noFullTime++;
        continue;
      }
      staffed++;
      double per = (double) households.getOrDefault(g, 0L) / s[1];
      over += per > 200 ? 1 : 0;
      under += per < 100 ? 1 : 0;
    }
    assertThat(counts.get("NO_LEADER").asInt()).isEqualTo(noLeader);
    assertThat(counts.get("NO_FULL_TIME_MEMBER").asInt()).isEqualTo(noFullTime);
    assertThat(counts.get("OVERLOADED").asInt()).isEqualTo(over);
    assertThat(counts.get("UNDERLOADED").asInt()).isEqualTo(under);
    assertThat(report.get("load").get("gridsWithFullTimeMember").asInt()).isEqualTo(staffed);
    JsonNode most = report.get("load").get("mostLoaded").get(0);
    assertThat(most.get("households").asLong()).isEqualTo(households.getOrDefault(most.get("code").asString(), 0L));
    assertThat(report.get("levels")).hasSize(4);
    assertThat(report.get("areas").size()).isEqualTo(jdbc.queryForObject(
        "SELECT count(*) FROM area WHERE valid_to IS NULL AND code LIKE '3605%'", Integer.class));
    System.out.printf("coverage of the demo city: score %s, counts %s, levels %s%n", report.get("score"), counts, report.get("levels"));
  }

  @Test
  void aGridLeaderAndAGridMemberReadTheirOwnArea() {
    JsonNode community = get("leader-community", "/api/coverage/360502001001");
    assertThat(community.get("area").get("level").asString()).isEqualTo("COMMUNITY");
    JsonNode grid = get("member-grid1", "/api/coverage/360502001001001");
    assertThat(grid.get("levels")).isEmpty();
    assertThat(grid.get("areas")).hasSize(1);
    assertThat(Api.as(port, "member-grid1").get("/api/coverage/360502001001002").statusCode()).isEqualTo(404);
  }

  static List<String> codes(JsonNode problem) {
    List<String> codes = new ArrayList<>();
    problem.get("codes").forEach(c -> codes.add(c.asString()));
    return codes;
  }

  static List<String> codesOf(JsonNode loads) {
    List<String> codes = new ArrayList<>();
    loads.forEach(l -> codes.add(l.get("code").asString()));
    return codes;
  }

  static JsonNode problem(JsonNode report, String id) {
    for (JsonNode p : report.get("problems")) {
      if (p.get("id").asString().equals(id)) {
        return p;
      }
    }
    throw new AssertionError("no problem " + id);
  }
}
