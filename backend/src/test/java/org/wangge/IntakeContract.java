package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.gisdata.crs.CoordinateSystem;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Report intake and routing over HTTP against a real database with the demo city: every report
 * reaches its grid and the person responsible, with a deadline and a reason, exactly once; bad
 * input is refused naming the problem and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IntakeContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  // --- helpers ----------------------------------------------------------------------------------

  HttpResponse<String> post(String json, Map<String, String> headers) {
    var builder =
        Api.as(port, "operator-city").request("/api/incidents")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(builder::header);
    return send(builder.build());
  }

  HttpResponse<String> get(String path) {
    return send(Api.as(port, "operator-city").request(path).GET().build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    return Api.send(request);
  }


  static String report(Map<String, Object> fields) {
    return JSON.writeValueAsString(fields);
  }

  static Map<String, Object> at(double lon, double lat, String category) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("lon", lon);
    r.put("lat", lat);
    r.put("categoryCode", category);
    r.put("description", "测试上报：井盖破损");
    r.put("source", "PATROL");
    return r;
  }

  long incidents() {
    return jdbc.queryForObject("SELECT count(*) FROM incident", Long.class);
  }

  /** A minor category handled by the grid team, and one handled by a department. */
  String gridCategory() {
    return jdbc.queryForObject(
        "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
  }

  String departmentCategory() {
    return jdbc.queryForObject(
        "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NOT NULL", String.class);
  }

  Geometry grid(String code) {
    byte[] wkb =
        jdbc.queryForObject(
            "SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, code);
    try {
      return new WKBReader(Wgs84.FACTORY).read(wkb);
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A grid whose full-time member is on duty, with that member's code. */
  Map<String, Object> staffedGrid(int skip) {
    return jdbc.queryForList(
            """
            SELECT g.grid_code AS grid, m.code AS member FROM member m JOIN member_grid g ON g.member_id = m.id
            WHERE m.role = 'FULL_TIME' AND m.on_duty = TRUE
            ORDER BY g.grid_code""")
        .get(skip);
  }

  // --- routing ----------------------------------------------------------------------------------

  @Test
  void aReportAtAPointGoesToItsGridAndTheOnDutyFullTimeMember() {
    var staffed = staffedGrid(3);
    String gridCode = (String) staffed.get("grid");
    Coordinate inside = grid(gridCode).getInteriorPoint().getCoordinate();
    long before = incidents();
    var response = post(report(at(inside.x, inside.y, gridCategory())), Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(response.body());
    assertThat(response.headers().firstValue("Location")).hasValue("/api/incidents/" + body.get("id").asLong());
    assertThat(body.get("grid").get("code").asString()).isEqualTo(gridCode);
    assertThat(body.get("grid").get("version").asInt()).isEqualTo(1);
    assertThat(body.get("routing").get("reason").asString()).isEqualTo("INSIDE_GRID");
    assertThat(body.get("routing").get("detail").asString()).contains(gridCode);
    assertThat(body.get("assignee").get("code").asString()).isEqualTo(staffed.get("member"));
    assertThat(body.get("assignee").get("role").asString()).isEqualTo("FULL_TIME");
    assertThat(body.get("status").asString()).isEqualTo("DISPATCHED");
    Instant reported = Instant.parse(body.get("reportedAt").asString());
    Instant warning = Instant.parse(body.get("warningAt").asString());
    Instant due = Instant.parse(body.get("dueAt").asString());
    assertThat(warning).isAfter(reported).isBefore(due);
    assertThat(body.get("number").asString()).matches("\\d{13,}");
    assertThat(incidents()).isEqualTo(before + 1);
    // Stored with the grid row and version it was routed with.
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM incident i JOIN area a ON a.id = i.grid_id AND a.version = i.grid_version WHERE i.id = ?",
                Long.class,
                body.get("id").asLong()))
        .isEqualTo(1);
    // Readable again.
    var again = JSON.readTree(get("/api/incidents/" + body.get("id").asLong()).body());
    assertThat(again.get("number").asString()).isEqualTo(body.get("number").asString());
  }

  @Test
  void aCategoryHandledByADepartmentGoesToThatDepartment() {
    String gridCode = (String) staffedGrid(5).get("grid");
    Coordinate inside = grid(gridCode).getInteriorPoint().getCoordinate();
    String category = departmentCategory();
    String department =
        jdbc.queryForObject(
            "SELECT d.code FROM category c JOIN department d ON d.id = c.department_id WHERE c.code = ?",
            String.class,
            category);
    var body = JSON.readTree(post(report(at(inside.x, inside.y, category)), Map.of()).body());
    assertThat(body.get("departmentCode").asString()).isEqualTo(department);
    assertThat(body.get("assignee").isNull()).isTrue();
    assertThat(body.get("grid").get("code").asString()).isEqualTo(gridCode);
    assertThat(body.get("routing").get("detail").asString()).contains(department);
  }

  @Test
  void aGridWithNoOneOnDutyQueuesTheCaseAtItsCommunity() {
    String gridCode = (String) staffedGrid(11).get("grid");
    jdbc.update(
        "UPDATE member SET on_duty = FALSE WHERE id IN (SELECT member_id FROM member_grid WHERE grid_code = ?)", gridCode);
    Coordinate inside = grid(gridCode).getInteriorPoint().getCoordinate();
    var body = JSON.readTree(post(report(at(inside.x, inside.y, gridCategory())), Map.of()).body());
    assertThat(body.get("communityQueue").asBoolean()).isTrue();
    assertThat(body.get("areaCode").asString()).isEqualTo(gridCode.substring(0, 12));
    assertThat(body.get("assignee").isNull()).isTrue();
    assertThat(body.get("status").asString()).isEqualTo("REPORTED");
    assertThat(body.get("routing").get("detail").asString()).contains("queue");
  }

  @Test
  void aPointOnASharedVertexGoesToTheLowestCoveringGridCode() {
    var codes =
        jdbc.queryForList("SELECT code FROM area WHERE level = 'GRID' AND valid_to IS NULL ORDER BY code", String.class);
    Map<String, Geometry> grids = new LinkedHashMap<>();
    codes.forEach(code -> grids.put(code, grid(code)));
    // A vertex of grid 40 that lies on another grid too (grids of a coverage share their vertices).
    Coordinate shared = null;
    String expected = null;
    for (Coordinate vertex : grids.get(codes.get(40)).getCoordinates()) {
      var point = Wgs84.FACTORY.createPoint(vertex);
      List<String> covering = grids.entrySet().stream().filter(e -> e.getValue().covers(point)).map(Map.Entry::getKey).sorted().toList();
      if (covering.size() >= 2) {
        shared = vertex;
        expected = covering.getFirst();
        break;
      }
    }
    assertThat(shared).isNotNull();
    var body = JSON.readTree(post(report(at(shared.x, shared.y, gridCategory())), Map.of()).body());
    assertThat(body.get("routing").get("reason").asString()).isEqualTo("SHARED_EDGE");
    assertThat(body.get("grid").get("code").asString()).isEqualTo(expected);
  }

  @Test
  void aPointJustOutsideTheCityGoesToTheNearestGridWithTheDistance() {
    Coordinate west = westernmostVertex();
    // About 20 m west of the city's westernmost vertex.
    double lon = west.x - Wgs84.metresToDegreesLon(20, west.y);
    var response = post(report(at(lon, west.y, gridCategory())), Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("routing").get("reason").asString()).isEqualTo("NEAREST_GRID");
    assertThat(body.get("routing").get("distanceMetres").asDouble()).isBetween(19.0, 21.0);
  }

  @Test
  void aPointFarOutsideIsRefusedAsOutsideTheJurisdiction() {
    long before = incidents();
    Coordinate west = westernmostVertex();
    var response = post(report(at(west.x - 0.01, west.y, gridCategory())), Map.of());
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).get("title").asString()).isEqualTo("Outside the jurisdiction");
    assertThat(incidents()).isEqualTo(before);
  }

  Coordinate westernmostVertex() {
    Geometry city = grid(jdbc.queryForObject("SELECT code FROM area WHERE level = 'CITY'", String.class));
    Coordinate west = city.getCoordinates()[0];
    for (Coordinate c : city.getCoordinates()) {
      if (c.x < west.x) {
        west = c;
      }
    }
    return west;
  }

  @Test
  void gcj02CoordinatesAreConvertedBeforeRouting() {
    String gridCode = (String) staffedGrid(7).get("grid");
    Coordinate inside = grid(gridCode).getInteriorPoint().getCoordinate();
    double[] gcj = CoordinateSystem.GCJ02.fromWgs84(inside.x, inside.y);
    Map<String, Object> r = at(gcj[0], gcj[1], gridCategory());
    r.put("crs", "GCJ02");
    var body = JSON.readTree(post(report(r), Map.of()).body());
    assertThat(body.get("grid").get("code").asString()).isEqualTo(gridCode);
    assertThat(Wgs84.distanceMetres(inside.x, inside.y, body.get("lon").asDouble(), body.get("lat").asDouble()))
        .isLessThan(0.5);
  }

  @Test
  void aReportAtAnAddressCodeUsesThatAddress() {
    var address =
        jdbc.queryForMap("SELECT id, code, grid_code FROM address ORDER BY code OFFSET 1234 ROWS FETCH FIRST 1 ROWS ONLY");
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("addressCode", address.get("code"));
    r.put("categoryCode", gridCategory());
    r.put("description", "楼道堆放杂物");
    r.put("source", "HOTLINE");
    var response = post(report(r), Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("addressId").asLong()).isEqualTo(((Number) address.get("id")).longValue());
    assertThat(body.get("grid").get("code").asString()).isEqualTo(address.get("grid_code"));
  }

  @Test
  void anAddressTextIsGeocodedAndAnAmbiguousOneListsTheCandidates() {
    var address = jdbc.queryForMap("SELECT code, full_text, road, number FROM address WHERE building IS NOT NULL ORDER BY code OFFSET 77 ROWS FETCH FIRST 1 ROWS ONLY");
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("addressText", address.get("full_text"));
    r.put("categoryCode", gridCategory());
    r.put("description", "噪音扰民");
    r.put("source", "CITIZEN");
    var response = post(report(r), Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);

    // A compound's door without building and unit: several standard addresses, so 422 with them.
    var door =
        jdbc.queryForMap(
            "SELECT road, number FROM address GROUP BY road, number HAVING count(*) > 1 ORDER BY road, number FETCH FIRST 1 ROWS ONLY");
    long before = incidents();
    r.put("addressText", door.get("road") + "" + door.get("number") + "号");
    var ambiguous = post(report(r), Map.of());
    assertThat(ambiguous.statusCode()).as(ambiguous.body()).isEqualTo(422);
    JsonNode problem = JSON.readTree(ambiguous.body());
    assertThat(problem.get("title").asString()).isEqualTo("Address is ambiguous");
    assertThat(problem.get("candidates").size()).isGreaterThan(1);
    assertThat(problem.get("candidates").get(0).get("code").asString()).isNotBlank();

    r.put("addressText", "火星路99999号");
    var none = post(report(r), Map.of());
    assertThat(none.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(none.body()).get("title").asString()).isEqualTo("Address not found");
    assertThat(incidents()).isEqualTo(before);
  }

  // --- idempotency ------------------------------------------------------------------------------

  @Test
  void tenRacingRetriesWithOneKeyMakeOneIncident() throws Exception {
    String gridCode = (String) staffedGrid(13).get("grid");
    Coordinate inside = grid(gridCode).getInteriorPoint().getCoordinate();
    String body = report(at(inside.x, inside.y, gridCategory()));
    String key = UUID.randomUUID().toString();
    long before = incidents();
    List<Callable<HttpResponse<String>>> retries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      retries.add(() -> post(body, Map.of("Idempotency-Key", key)));
    }
    Set<Long> ids = new HashSet<>();
    try (var pool = Executors.newFixedThreadPool(10)) {
      for (Future<HttpResponse<String>> f : pool.invokeAll(retries)) {
        HttpResponse<String> response = f.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        ids.add(JSON.readTree(response.body()).get("id").asLong());
      }
    }
    assertThat(ids).hasSize(1);
    assertThat(incidents()).isEqualTo(before + 1);
    // A later retry gets the same incident; the same key with another report is refused.
    var replay = post(body, Map.of("Idempotency-Key", key));
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(JSON.readTree(replay.body()).get("id").asLong()).isEqualTo(ids.iterator().next());
    var other = post(body.replace("井盖破损", "路灯不亮"), Map.of("Idempotency-Key", key));
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(incidents()).isEqualTo(before + 1);
  }

  // --- duplicates, photos, reading --------------------------------------------------------------

  @Test
  void aSecondReportNearbyListsTheFirstAsAPossibleDuplicate() {
    String gridCode = (String) staffedGrid(17).get("grid");
    Coordinate inside = grid(gridCode).getInteriorPoint().getCoordinate();
    var first = JSON.readTree(post(report(at(inside.x, inside.y, gridCategory())), Map.of()).body());
    double lon = inside.x + Wgs84.metresToDegreesLon(10, inside.y);
    var second = JSON.readTree(post(report(at(lon, inside.y, gridCategory())), Map.of()).body());
    JsonNode duplicates = second.get("possibleDuplicates");
    assertThat(duplicates.size()).isGreaterThan(0);
    assertThat(duplicates.get(0).get("id").asLong()).isEqualTo(first.get("id").asLong());
    assertThat(duplicates.get(0).get("distanceMetres").asDouble()).isBetween(9.0, 11.0);
    // The case card reads them again (the command map offers them for MERGE).
    var read = get("/api/incidents/" + second.get("id").asLong());
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    JsonNode again = JSON.readTree(read.body()).get("possibleDuplicates");
    assertThat(again.size()).isEqualTo(duplicates.size());
    assertThat(again.get(0).get("id").asLong()).isEqualTo(first.get("id").asLong());
    assertThat(again.get(0).get("number").asString()).isEqualTo(first.get("number").asString());
  }

  @Test
  void photosAreStoredWithTheirChecksumAndServedBack() throws Exception {
    String gridCode = (String) staffedGrid(19).get("grid");
    Coordinate inside = grid(gridCode).getInteriorPoint().getCoordinate();
    byte[] png = TestImages.png(4, 3);
    var response = postMultipart(report(at(inside.x, inside.y, gridCategory())), List.of(png));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode photo = JSON.readTree(response.body()).get("photos").get(0);
    assertThat(photo.get("contentType").asString()).isEqualTo("image/png");
    assertThat(photo.get("sha256").asString()).hasSize(64);
    var bytes = HTTP.send(
        Api.as(port, "operator-city").request(photo.get("url").asString()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(bytes.body()).isEqualTo(png);

    long before = incidents();
    var notAnImage = postMultipart(report(at(inside.x, inside.y, gridCategory())), List.of("hello".getBytes()));
    assertThat(notAnImage.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notAnImage.body()).get("field").asString()).isEqualTo("photos[0]");
    byte[] oversized = java.util.Arrays.copyOf(png, 6 * 1024 * 1024);
    var tooBig = postMultipart(report(at(inside.x, inside.y, gridCategory())), List.of(png, oversized));
    assertThat(tooBig.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(tooBig.body()).get("field").asString()).isEqualTo("photos[1]");
    assertThat(JSON.readTree(tooBig.body()).get("detail").asString()).contains("5 MB");
    assertThat(incidents()).isEqualTo(before);
  }

  HttpResponse<String> postMultipart(String reportJson, List<byte[]> photos) throws IOException {
    String boundary = "wangge" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"report\"\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(reportJson.getBytes(StandardCharsets.UTF_8));
    body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < photos.size(); i++) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"p" + i + ".png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(photos.get(i));
      body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        Api.as(port, "operator-city").request("/api/incidents")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  @Test
  void casesAreListedByAreaStatusAndCategoryWithSortingPagingAndGeoJson() {
    String community = ((String) staffedGrid(2).get("grid")).substring(0, 12);
    JsonNode page = JSON.readTree(get("/api/incidents?area=" + community + "&sort=reportedAt,asc&size=5").body());
    assertThat(page.get("total").asLong()).isPositive();
    assertThat(page.get("items").size()).isBetween(1, 5);
    List<String> times = new ArrayList<>();
    page.get("items").forEach(i -> {
      assertThat(i.get("grid").get("code").asString()).startsWith(community);
      times.add(i.get("reportedAt").asString());
    });
    assertThat(times).isSorted();
    JsonNode closed = JSON.readTree(get("/api/incidents?status=CLOSED,FOLLOWED_UP&size=20").body());
    closed.get("items").forEach(i -> assertThat(i.get("status").asString()).isIn("CLOSED", "FOLLOWED_UP"));
    var geo = get("/api/incidents?format=geojson&size=3");
    assertThat(geo.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/geo+json"));
    JsonNode fc = JSON.readTree(geo.body());
    assertThat(fc.get("features").size()).isEqualTo(3);
    assertThat(fc.get("features").get(0).get("geometry").get("type").asString()).isEqualTo("Point");
    // A box around the whole city holds every incident; a box elsewhere none.
    assertThat(JSON.readTree(get("/api/incidents?bbox=100,20,130,40&size=1").body()).get("total").asLong())
        .isEqualTo(incidents());
    assertThat(JSON.readTree(get("/api/incidents?bbox=0,0,1,1&size=1").body()).get("total").asLong()).isZero();
  }

  // --- bad input --------------------------------------------------------------------------------

  @Test
  void badReportsAreRefusedNamingTheProblemAndStoreNothing() {
    Coordinate inside = grid((String) staffedGrid(23).get("grid")).getInteriorPoint().getCoordinate();
    String category = gridCategory();
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("{\"lon\": \"NaN\", \"lat\": 27.8, \"categoryCode\": \"" + category + "\", \"description\": \"x\", \"source\": \"PATROL\"}", "lon");
    cases.put("{\"lon\": 1e999, \"lat\": 27.8, \"categoryCode\": \"" + category + "\", \"description\": \"x\", \"source\": \"PATROL\"}", "lon");
    cases.put(report(at(200, 27.8, category)), "lon");
    cases.put(report(at(inside.y, inside.x, category)), "lat");
    cases.put("{\"lon\": \"east\", \"lat\": 27.8}", "lon");
    cases.put(report(at(inside.x, inside.y, "9999")), "categoryCode");
    Map<String, Object> noCategory = at(inside.x, inside.y, null);
    cases.put(report(noCategory), "categoryCode");
    cases.put(report(at(inside.x, inside.y, category.substring(0, 2))), "categoryCode");
    Map<String, Object> noSource = at(inside.x, inside.y, category);
    noSource.put("source", "PIGEON");
    cases.put(report(noSource), "source");
    Map<String, Object> badCrs = at(inside.x, inside.y, category);
    badCrs.put("crs", "EPSG:9999");
    cases.put(report(badCrs), "crs");
    Map<String, Object> huge = at(inside.x, inside.y, category);
    huge.put("description", "很".repeat(3_500_000));
    cases.put(report(huge), "description");
    Map<String, Object> twoPlaces = at(inside.x, inside.y, category);
    twoPlaces.put("addressCode", "x");
    cases.put(report(twoPlaces), "location");
    Map<String, Object> noPlace = at(inside.x, inside.y, category);
    noPlace.remove("lon");
    noPlace.remove("lat");
    cases.put(report(noPlace), "location");
    Map<String, Object> badPhone = at(inside.x, inside.y, category);
    badPhone.put("reporterPhone", "call me");
    cases.put(report(badPhone), "reporterPhone");
    cases.put("{\"lon\": 114.9, \"lat\": ", "body");

    long before = incidents();
    cases.forEach(
        (json, field) -> {
          var response = post(json, Map.of());
          assertThat(response.statusCode()).as("%s → %s", field, response.body()).isEqualTo(400);
          assertThat(JSON.readTree(response.body()).get("field").asString()).as(response.body()).isEqualTo(field);
          assertThat(response.body()).doesNotContain("at org.", "Exception");
        });
    var wrongType =
        send(
            Api.as(port, "operator-city").request("/api/incidents")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("井盖坏了"))
                .build());
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertThat(incidents()).isEqualTo(before);
  }
}
