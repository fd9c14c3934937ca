package org.wangge.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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
 * Open311 GeoReport v2 over real HTTP, as a citizen app's server uses it: the services are the
 * category table's minor classes; a form-encoded POST becomes a routed citizen case (the grid the
 * database says contains the point), readable by id and by token, closed by the operators through
 * the case API and then shown closed; bad input answers in Open311's error shape naming the field
 * and stores nothing; a client sees only its own requests; no response carries reporter data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Open311Contract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String DEMO_KEY = "wangge-open311-demo-2026";
  /** The second client of src/test/resources/config/application.properties. */
  static final String SECOND_KEY = "second-app-test-key-0123456789";
  /** Each POST comes from its own documentation address, so no per-address limit is met. */
  static final AtomicInteger ADDRESS = new AtomicInteger(1);

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  String grid1;
  String member1;
  String category;
  Coordinate point;

  @BeforeAll
  void readTheDemoCity() {
    grid1 = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'member-grid1'", String.class);
    member1 = jdbc.queryForObject("SELECT member_code FROM app_user WHERE username = 'member-grid1'", String.class);
    category =
        jdbc.queryForObject(
            "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    byte[] wkb =
        jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, grid1);
    try {
      point = new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  HttpResponse<String> postForm(Map<String, String> fields) {
    return postForm(fields, Map.of());
  }

  HttpResponse<String> postForm(Map<String, String> fields, Map<String, String> headers) {
    String body =
        fields.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    var request =
        Api.anonymous(port)
            .request("/open311/v2/requests.json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-For", nextAddress())
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return Api.send(request.build());
  }

  static String nextAddress() {
    int n = ADDRESS.getAndIncrement();
    return "198.18." + (n / 250) + "." + (n % 250 + 1);
  }

  HttpResponse<String> get(String path) {
    return Api.anonymous(port).get(path);
  }

  Map<String, String> report() {
    var fields = new LinkedHashMap<String, String>();
    fields.put("api_key", DEMO_KEY);
    fields.put("service_code", category);
    fields.put("lat", Double.toString(point.y));
    fields.put("long", Double.toString(point.x));
    fields.put("description", "路灯不亮（Open311 测试）");
    fields.put("first_name", "三");
    fields.put("last_name", "张");
    fields.put("email", "zhangsan@example.com");
    fields.put("phone", "13800138311");
    fields.put("media_url", "https://example.com/photo/311.jpg");
    return fields;
  }

  long incidents() {
    return jdbc.queryForObject("SELECT count(*) FROM incident", Long.class);
  }

  static JsonNode only(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.isArray()).as(response.body()).isTrue();
    assertThat(body.size()).as(response.body()).isEqualTo(1);
    return body.get(0);
  }

  /** The Open311 error shape: one error with the HTTP status as code, the description naming the field. */
  static void assertError(HttpResponse<String> response, int status, String field) {
    JsonNode error = only(response, status);
    assertThat(error.get("code").asInt()).isEqualTo(status);
    assertThat(error.get("description").asString()).startsWith(field + ": ");
  }

  static void assertNoReporterData(String body) {
    assertThat(body).doesNotContain("张三").doesNotContain("张").doesNotContain("13800138311")
        .doesNotContain("zhangsan").doesNotContain("reporter");
  }

  HttpResponse<String> act(String user, long id, Map<String, Object> body) {
    return Api.as(port, user).post("/api/incidents/" + id + "/actions", JSON.writeValueAsString(body));
  }

  void ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  // --- tests -------------------------------------------------------------------------------------

  @Test
  void theServicesAreTheMinorClassesOfTheCategoryTable() {
    var response = get("/open311/v2/services.json");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode services = JSON.readTree(response.body());
    List<Map<String, Object>> expected =
        jdbc.queryForList(
            "SELECT c.code, c.name, p.name AS group_name, c.questions FROM category c JOIN category p ON p.code = SUBSTRING(c.code, 1, 2)"
                + " AND p.retired_in IS NULL WHERE c.level = 'ITEM' AND c.retired_in IS NULL ORDER BY c.code");
    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(services.size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode s = services.get(i);
      assertThat(s.get("service_code").asString()).isEqualTo(expected.get(i).get("code"));
      assertThat(s.get("service_name").asString()).isEqualTo(expected.get(i).get("name"));
      assertThat(s.get("group").asString()).isEqualTo(expected.get(i).get("group_name"));
      assertThat(s.get("type").asString()).isEqualTo("realtime");
      // Items with extra questions have a service definition worth reading.
      assertThat(s.get("metadata").asBoolean()).as(s.toString()).isEqualTo(!"[]".equals(expected.get(i).get("questions")));
    }
    assertThat(expected.stream().filter(e -> !"[]".equals(e.get("questions")))).hasSizeGreaterThan(10);
    JsonNode definition = JSON.readTree(get("/open311/v2/services/" + category + ".json").body());
    assertThat(definition.get("service_code").asString()).isEqualTo(category);
    assertThat(definition.get("attributes").size()).isZero();
    // The questions of an item are its attributes: yes/no and choices as lists, numbers as numbers.
    JsonNode fire = JSON.readTree(get("/open311/v2/services/050502.json").body());
    assertThat(fire.get("service_code").asString()).isEqualTo("050502");
    JsonNode attributes = fire.get("attributes");
    assertThat(attributes.size()).isEqualTo(3);
    JsonNode injured = attributes.get(0);
    assertThat(injured.get("code").asString()).isEqualTo("injured");
    assertThat(injured.get("variable").asBoolean()).isTrue();
    assertThat(injured.get("datatype").asString()).isEqualTo("singlevaluelist");
    assertThat(injured.get("required").asBoolean()).isFalse();
    assertThat(injured.get("order").asInt()).isEqualTo(1);
    assertThat(injured.get("description").asString()).contains("有人受伤吗？").contains("Anyone hurt?");
    assertThat(injured.get("values").get(0).get("key").asString()).isEqualTo("true");
    assertThat(injured.get("values").get(1).get("key").asString()).isEqualTo("false");
    assertThat(attributes.get(1).get("code").asString()).isEqualTo("people_involved");
    assertThat(attributes.get(1).get("datatype").asString()).isEqualTo("number");
    assertThat(attributes.get(1).get("values").size()).isZero();
    JsonNode state = attributes.get(2);
    assertThat(state.get("code").asString()).isEqualTo("fire_state");
    assertThat(state.get("datatype").asString()).isEqualTo("singlevaluelist");
    assertThat(state.get("required").asBoolean()).isTrue();
    assertThat(state.get("values").size()).isEqualTo(3);
    assertThat(state.get("values").get(1).get("key").asString()).isEqualTo("明火");
    var fireXml = get("/open311/v2/services/050502.xml").body();
    assertThat(fireXml).contains("<attributes><attribute><variable>true</variable><code>injured</code>")
        .contains("<values><value><key>true</key>");
    assertError(get("/open311/v2/services/9999.json"), 404, "service_code");
    // The same list in XML.
    var xml = get("/open311/v2/services.xml");
    assertThat(xml.statusCode()).isEqualTo(200);
    assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
    assertThat(xml.body().split("<service>", -1).length - 1).isEqualTo(expected.size());
    assertThat(xml.body()).contains("<service_code>" + category + "</service_code>");
  }

  @Test
  void aFormEncodedReportIsRoutedFollowedByIdAndTokenAndShownClosedAfterTheOperatorsCloseIt() {
    long before = incidents();
    var posted = postForm(report());
    JsonNode answer = only(posted, 201);
    assertNoReporterData(posted.body());
    String number = answer.get("service_request_id").asString();
    String token = answer.get("token").asString();
    assertThat(number).matches("\\d{13}");
    assertThat(answer.get("account_id").isNull()).isTrue();
    assertThat(incidents()).isEqualTo(before + 1);

    // Stored as a citizen's case of this client, routed to the grid the database says contains the point.
    Map<String, Object> row =
        jdbc.queryForMap(
            "SELECT id, source, open311_client, grid_code, due_at, reporter_name, reporter_phone, media_url, description"
                + " FROM incident WHERE number = ?",
            number);
    long id = ((Number) row.get("id")).longValue();
    Map<String, Object> grid =
        jdbc.queryForMap(
            "SELECT code, name FROM area WHERE level = 'GRID' AND valid_to IS NULL AND ST_Contains(boundary, ST_GeomFromText(?, 4326))",
            "POINT(" + point.x + " " + point.y + ")");
    assertThat(grid.get("code")).isEqualTo(grid1);
    assertThat(row.get("source")).isEqualTo("CITIZEN");
    assertThat(row.get("open311_client")).isEqualTo("demo");
    assertThat(row.get("grid_code")).isEqualTo(grid1);
    assertThat(row.get("reporter_name")).isEqualTo("张三");
    assertThat((String) row.get("reporter_phone")).isNotNull().doesNotContain("13800138311");
    assertThat(row.get("media_url")).isEqualTo("https://example.com/photo/311.jpg");
    assertThat(row.get("due_at")).isNotNull();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_event WHERE incident_id = ? AND action = 'REPORT'", Long.class, id))
        .isEqualTo(1);
    assertThat(answer.get("service_notice").asString()).contains(number).contains((String) grid.get("name"));

    // By id (the client's key) and by token (the citizen's receipt): open, right service and agency.
    var byId = get("/open311/v2/requests/" + number + ".json?api_key=" + DEMO_KEY);
    JsonNode open = only(byId, 200);
    assertNoReporterData(byId.body());
    assertThat(open.get("service_request_id").asString()).isEqualTo(number);
    assertThat(open.get("status").asString()).isEqualTo("open");
    assertThat(open.get("service_code").asString()).isEqualTo(category);
    assertThat(open.get("service_name").asString())
        .isEqualTo(jdbc.queryForObject("SELECT name FROM category WHERE code = ?", String.class, category));
    assertThat(open.get("agency_responsible").asString()).isEqualTo(grid.get("name"));
    assertThat(open.get("description").asString()).isEqualTo("路灯不亮（Open311 测试）");
    assertThat(open.get("lat").asDouble()).isCloseTo(point.y, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(open.get("long").asDouble()).isCloseTo(point.x, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(open.get("media_url").asString()).isEqualTo("https://example.com/photo/311.jpg");
    assertThat(OffsetDateTime.parse(open.get("expected_datetime").asString()).toInstant())
        .isEqualTo(
            jdbc.queryForObject("SELECT due_at FROM incident WHERE id = ?", Timestamp.class, id).toInstant().truncatedTo(ChronoUnit.SECONDS));
    assertThat(open.get("status_notes").asString()).isNotBlank();
    JsonNode tokenAnswer = only(get("/open311/v2/tokens/" + token + ".json"), 200);
    assertThat(tokenAnswer.get("service_request_id").asString()).isEqualTo(number);
    assertThat(tokenAnswer.get("token").asString()).isEqualTo(token);
    var byToken = get("/open311/v2/requests/" + number + ".json?token=" + token);
    assertThat(only(byToken, 200).get("status").asString()).isEqualTo("open");
    assertNoReporterData(byToken.body());
    assertError(get("/open311/v2/tokens/" + id + "-forged.json"), 404, "token");
    // In the client's list, with the open filter.
    JsonNode list = JSON.readTree(get("/open311/v2/requests.json?status=open&api_key=" + DEMO_KEY).body());
    assertThat(numbers(list)).contains(number);

    // The operators close it through the case API.
    ok(act("operator-street", id, Map.of("action", "DISPATCH", "assigneeCode", member1)));
    ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
    ok(act("member-grid1", id, Map.of("action", "START")));
    ok(act("member-grid1", id, Map.of("action", "HANDLE", "note", "灯泡已更换")));
    var handled = only(get("/open311/v2/requests/" + number + ".json?api_key=" + DEMO_KEY), 200);
    assertThat(handled.get("status").asString()).isEqualTo("open");
    assertThat(handled.get("status_notes").asString()).contains("灯泡已更换");
    ok(act("operator-street", id, Map.of("action", "CLOSE")));

    var closedResponse = get("/open311/v2/requests/" + number + ".json?api_key=" + DEMO_KEY);
    JsonNode closed = only(closedResponse, 200);
    assertNoReporterData(closedResponse.body());
    assertThat(closed.get("status").asString()).isEqualTo("closed");
    assertThat(closed.get("status_notes").asString()).isEqualTo("已结案");
    assertThat(OffsetDateTime.parse(closed.get("updated_datetime").asString()))
        .isAfterOrEqualTo(OffsetDateTime.parse(closed.get("requested_datetime").asString()));
    assertThat(numbers(JSON.readTree(get("/open311/v2/requests.json?status=closed&api_key=" + DEMO_KEY).body()))).contains(number);
    assertThat(numbers(JSON.readTree(get("/open311/v2/requests.json?status=open&api_key=" + DEMO_KEY).body()))).doesNotContain(number);
    // The same request in XML.
    var xml = get("/open311/v2/requests/" + number + ".xml?api_key=" + DEMO_KEY);
    assertThat(xml.body()).contains("<service_request_id>" + number + "</service_request_id>").contains("<status>closed</status>");
  }

  static List<String> numbers(JsonNode list) {
    List<String> numbers = new ArrayList<>();
    list.forEach(r -> numbers.add(r.get("service_request_id").asString()));
    return numbers;
  }

  @Test
  void aJsonBodyAndAnAddressAreAcceptedAndARepeatedIdempotencyKeyMakesOneCase() {
    String address = jdbc.queryForObject("SELECT min(code) FROM address WHERE grid_code = ?", String.class, grid1);
    String body =
        JSON.writeValueAsString(
            Map.of("api_key", DEMO_KEY, "service_code", category, "address_id", address, "description", "JSON 报告"));
    long before = incidents();
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      var response =
          Api.anonymous(port)
              .post("/open311/v2/requests.json", body, Map.of("Idempotency-Key", "open311-json-once", "X-Forwarded-For", nextAddress()));
      numbers.add(only(response, 201).get("service_request_id").asString());
    }
    assertThat(numbers.get(1)).isEqualTo(numbers.get(0));
    assertThat(incidents()).isEqualTo(before + 1);
    JsonNode view = only(get("/open311/v2/requests/" + numbers.get(0) + ".json?api_key=" + DEMO_KEY), 200);
    assertThat(view.get("address_id").asString()).isEqualTo(address);
    assertThat(view.get("address").asString())
        .isEqualTo(jdbc.queryForObject("SELECT full_text FROM address WHERE code = ?", String.class, address));
    // The same key with a different report is refused.
    String other =
        JSON.writeValueAsString(Map.of("api_key", DEMO_KEY, "service_code", category, "address_id", address, "description", "另一件事"));
    assertError(
        Api.anonymous(port).post("/open311/v2/requests.json", other, Map.of("Idempotency-Key", "open311-json-once", "X-Forwarded-For", nextAddress())),
        422,
        "Idempotency-Key");
    assertThat(incidents()).isEqualTo(before + 1);
  }

  @Test
  void attributesAreTheReportsAnswersCheckedLikeIntakeChecksThem() {
    long before = incidents();
    Map<String, String> fire = report();
    fire.put("service_code", "050502");
    fire.put("attribute[fire_state]", "冒烟");
    fire.put("attribute[injured]", "false");
    fire.put("attribute[people_involved]", "4");
    String number = only(postForm(fire), 201).get("service_request_id").asString();
    JsonNode stored = JSON.readTree(jdbc.queryForObject("SELECT answers FROM incident WHERE number = ?", String.class, number));
    assertThat(stored.get("fire_state").asString()).isEqualTo("冒烟");
    assertThat(stored.get("injured").isBoolean()).isTrue();
    assertThat(stored.get("injured").asBoolean()).isFalse();
    assertThat(stored.get("people_involved").asInt()).isEqualTo(4);
    assertThat(incidents()).isEqualTo(before + 1);
    // A missing required attribute, a value not in the list, a number that is not one, an unknown code.
    Map<String, String> noState = new LinkedHashMap<>(fire);
    noState.remove("attribute[fire_state]");
    assertError(postForm(noState), 400, "attribute[fire_state]");
    Map<String, String> badState = new LinkedHashMap<>(fire);
    badState.put("attribute[fire_state]", "很大");
    assertError(postForm(badState), 400, "attribute[fire_state]");
    Map<String, String> badYes = new LinkedHashMap<>(fire);
    badYes.put("attribute[injured]", "maybe");
    assertError(postForm(badYes), 400, "attribute[injured]");
    Map<String, String> badNumber = new LinkedHashMap<>(fire);
    badNumber.put("attribute[people_involved]", "four");
    assertError(postForm(badNumber), 400, "attribute[people_involved]");
    Map<String, String> unknown = new LinkedHashMap<>(fire);
    unknown.put("attribute[colour]", "red");
    assertError(postForm(unknown), 400, "attribute[colour]");
    assertThat(incidents()).isEqualTo(before + 1);
  }

  @Test
  void badInputAnswersInOpen311sErrorShapeNamingTheFieldAndStoresNothing() {
    long before = incidents();
    Map<String, String> badLat = report();
    badLat.put("lat", "abc");
    assertError(postForm(badLat), 400, "lat");
    Map<String, String> farLat = report();
    farLat.put("lat", "95");
    assertError(postForm(farLat), 400, "lat");
    Map<String, String> badLong = report();
    badLong.put("long", "NaN");
    assertError(postForm(badLong), 400, "long");
    Map<String, String> noPlace = report();
    noPlace.remove("lat");
    noPlace.remove("long");
    assertError(postForm(noPlace), 400, "lat");
    Map<String, String> unknownService = report();
    unknownService.put("service_code", "9999");
    assertError(postForm(unknownService), 400, "service_code");
    Map<String, String> majorClass = report();
    majorClass.put("service_code", category.substring(0, 2));
    assertError(postForm(majorClass), 400, "service_code");
    Map<String, String> noKey = report();
    noKey.remove("api_key");
    assertError(postForm(noKey), 400, "api_key");
    Map<String, String> unknownKey = report();
    unknownKey.put("api_key", "not-a-key-of-anyone-here");
    assertError(postForm(unknownKey), 403, "api_key");
    Map<String, String> badPhone = report();
    badPhone.put("phone", "call me");
    assertError(postForm(badPhone), 400, "phone");
    Map<String, String> badMedia = report();
    badMedia.put("media_url", "javascript:alert(1)");
    assertError(postForm(badMedia), 400, "media_url");
    assertThat(incidents()).isEqualTo(before);
    // Reading needs a key too; a bad filter names itself.
    assertError(get("/open311/v2/requests.json"), 400, "api_key");
    assertError(get("/open311/v2/requests.json?api_key=nope-nope-nope-nope"), 403, "api_key");
    assertError(get("/open311/v2/requests.json?api_key=" + DEMO_KEY + "&start_date=yesterday"), 400, "start_date");
    assertError(get("/open311/v2/requests.json?api_key=" + DEMO_KEY + "&status=pending"), 400, "status");
    assertError(get("/open311/v2/requests/12.json?api_key=" + DEMO_KEY), 400, "service_request_id");
    // XML errors in XML.
    var xml = get("/open311/v2/requests.xml");
    assertThat(xml.statusCode()).isEqualTo(400);
    assertThat(xml.body()).contains("<errors><error><code>400</code><description>api_key: ");
  }

  @Test
  void aClientSeesOnlyItsOwnRequestsAndAStaffMemberTheirJurisdiction() {
    String demoNumber = only(postForm(report()), 201).get("service_request_id").asString();
    Map<String, String> second = report();
    second.put("api_key", SECOND_KEY);
    String secondNumber = only(postForm(second), 201).get("service_request_id").asString();
    String demoCityCase =
        jdbc.queryForObject("SELECT max(number) FROM incident WHERE open311_client IS NULL AND grid_code = ?", String.class, grid1);

    List<String> demoSees = numbers(JSON.readTree(get("/open311/v2/requests.json?api_key=" + DEMO_KEY).body()));
    List<String> secondSees = numbers(JSON.readTree(get("/open311/v2/requests.json?api_key=" + SECOND_KEY).body()));
    assertThat(demoSees).contains(demoNumber).doesNotContain(secondNumber, demoCityCase);
    assertThat(secondSees).contains(secondNumber).doesNotContain(demoNumber, demoCityCase);
    long demoRequests =
        jdbc.queryForObject(
            "SELECT count(*) FROM incident WHERE open311_client = 'demo' AND reported_at >= ?", Long.class,
            Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(90))));
    assertThat(demoSees).hasSize((int) Math.min(1000, demoRequests));
    assertError(get("/open311/v2/requests/" + secondNumber + ".json?api_key=" + DEMO_KEY), 404, "service_request_id");
    assertError(get("/open311/v2/requests/" + demoCityCase + ".json?api_key=" + DEMO_KEY), 404, "service_request_id");
    assertThat(numbers(JSON.readTree(get("/open311/v2/requests.json?service_request_id=" + demoNumber + "," + secondNumber + "&api_key=" + SECOND_KEY).body())))
        .containsExactly(secondNumber);

    // A signed-in user reads by jurisdiction: every case of grid 01 for its member, none for another grid's.
    var member = Api.as(port, "member-grid1").get("/open311/v2/requests/" + demoCityCase + ".json");
    assertThat(only(member, 200).get("service_request_id").asString()).isEqualTo(demoCityCase);
    assertNoReporterData(member.body());
    assertThat(Api.as(port, "member-grid2").get("/open311/v2/requests/" + demoCityCase + ".json").statusCode()).isEqualTo(404);
  }
}
