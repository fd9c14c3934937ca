package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.security.PhoneLookup;
import org.wangge.security.V1_27_1__HashReporterPhones;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intake desk's reads over HTTP: a caller's earlier cases by the phone's keyed hash (desk roles
 * only, only the jurisdiction's cases, every read audited, the phone never stored or answered in
 * clear), the possible duplicates of a report not yet made (the intake's own rule: the same cases
 * the intake then lists), bad input named, and the backfill of the hash for rows stored before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IntakeDeskContract {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The demo community of leader-community. */
  private static final String COMMUNITY = "360502001001";

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;
  @Autowired PhoneLookup phoneLookup;
  @Autowired V1_27_1__HashReporterPhones backfill;

  private final String phone = "139" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));

  private Coordinate inside(String gridLike) {
    String code =
        jdbc.queryForObject(
            "SELECT min(code) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE ?", String.class, gridLike);
    byte[] wkb =
        jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, code);
    try {
      return new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private String category() {
    return jdbc.queryForObject(
        "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
  }

  private String otherCategory() {
    return jdbc.queryForObject(
        "SELECT max(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
  }

  private JsonNode report(String user, String source, Coordinate at, String category, String phone) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("lon", at.x);
    r.put("lat", at.y);
    r.put("categoryCode", category);
    r.put("description", "热线来电：路灯不亮");
    r.put("source", source);
    r.put("reporterName", "张三");
    r.put("reporterPhone", phone);
    var response = Api.as(port, user).post("/api/incidents", JSON.writeValueAsString(r));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> earlier(String user, String phone) {
    return Api.as(port, user).post("/api/intake/earlier-cases", phone == null ? "{}" : JSON.writeValueAsString(Map.of("phone", phone)));
  }

  private static List<String> numbers(JsonNode cases) {
    List<String> numbers = new ArrayList<>();
    cases.forEach(c -> numbers.add(c.get("number").asString()));
    return numbers;
  }

  private static void badInput(HttpResponse<String> response, int status, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(JSON.readTree(response.body()).get("field").asString()).isEqualTo(field);
  }

  private long audits(String actor) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM audit_event WHERE action = 'UNMASKED_READ' AND entity_type = 'caller' AND actor = ?", Long.class, actor);
  }

  @Test
  void aCallersEarlierCasesAreFoundByTheirPhoneWrittenAnyWayAndTheReadIsAudited() {
    JsonNode first = report("operator-city", "HOTLINE", inside(COMMUNITY + "%"), category(), phone);
    JsonNode second = report("leader-community", "CITIZEN", inside(COMMUNITY + "%"), otherCategory(), phone);
    // Stored encrypted with its keyed hash beside it; the clear number is nowhere in the row.
    Map<String, Object> row =
        jdbc.queryForMap("SELECT reporter_phone, reporter_phone_hash FROM incident WHERE id = ?", first.get("id").asLong());
    assertThat((String) row.get("reporter_phone")).startsWith("enc1:").doesNotContain(phone);
    assertThat(row.get("reporter_phone_hash")).isEqualTo(phoneLookup.hash(phone));

    long audited = audits("operator-city");
    String written = "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7);
    var response = earlier("operator-city", written);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("total").asLong()).isEqualTo(2);
    // Newest first.
    assertThat(numbers(body.get("cases"))).containsExactly(second.get("number").asString(), first.get("number").asString());
    JsonNode c = body.get("cases").get(1);
    assertThat(c.get("categoryCode").asString()).isEqualTo(category());
    assertThat(c.get("categoryName").asString()).isNotBlank();
    assertThat(c.get("status").asString()).isEqualTo(first.get("status").asString());
    assertThat(c.get("gridCode").asString()).isEqualTo(first.get("grid").get("code").asString());
    assertThat(body.get("phone").asString()).doesNotContain(phone).contains(phone.substring(phone.length() - 4));
    assertThat(response.body()).doesNotContain(phone);
    assertThat(audits("operator-city")).isEqualTo(audited + 1);

    // Another number: nothing.
    var none = JSON.readTree(earlier("operator-city", "13000000000").body());
    assertThat(none.get("total").asLong()).isZero();
    assertThat(none.get("cases").size()).isZero();
  }

  @Test
  void anotherJurisdictionsCasesStayHiddenAndOtherRolesAreRefused() {
    String elsewhere = jdbc.queryForObject(
        "SELECT min(code) FROM area WHERE level = 'COMMUNITY' AND valid_to IS NULL AND code <> ?", String.class, COMMUNITY);
    String otherPhone = "137" + phone.substring(3);
    JsonNode far = report("operator-city", "HOTLINE", inside(elsewhere + "%"), category(), otherPhone);
    // The city sees it, the community's leader does not.
    assertThat(numbers(JSON.readTree(earlier("operator-city", otherPhone).body()).get("cases"))).contains(far.get("number").asString());
    var leader = earlier("leader-community", otherPhone);
    assertThat(leader.statusCode()).as(leader.body()).isEqualTo(200);
    assertThat(JSON.readTree(leader.body()).get("total").asLong()).isZero();
    // Duplicates at a point of another community: refused, naming the place.
    Coordinate there = inside(elsewhere + "%");
    badInput(
        Api.as(port, "leader-community").get("/api/intake/duplicates?lon=" + there.x + "&lat=" + there.y + "&category=" + category()),
        403,
        "location");
    // Roles that do not take calls.
    for (String user : List.of("member-grid1", "planner-district", "officer-dept", "admin")) {
      assertThat(earlier(user, phone).statusCode()).as(user).isEqualTo(403);
      Coordinate here = inside(COMMUNITY + "%");
      assertThat(Api.as(port, user).get("/api/intake/duplicates?lon=" + here.x + "&lat=" + here.y + "&category=" + category()).statusCode())
          .as(user)
          .isEqualTo(403);
    }
    assertThat(Api.anonymous(port).post("/api/intake/earlier-cases", "{\"phone\":\"" + phone + "\"}").statusCode()).isIn(401, 403);
  }

  @Test
  void theDuplicatesOfAReportNotYetMadeAreTheOnesTheIntakeThenLists() {
    Coordinate at = inside(COMMUNITY + "%");
    JsonNode original = report("operator-city", "HOTLINE", at, category(), "13600000001");
    double lon = at.x + 0.00005;
    var response =
        Api.as(port, "leader-community").get("/api/intake/duplicates?lon=" + lon + "&lat=" + at.y + "&category=" + category());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("radiusMetres").asDouble()).isPositive();
    assertThat(body.get("windowHours").asInt()).isPositive();
    List<String> before = numbers(body.get("duplicates"));
    assertThat(before).contains(original.get("number").asString());
    JsonNode first = body.get("duplicates").get(0);
    assertThat(first.get("distanceMetres").asDouble()).isLessThanOrEqualTo(body.get("radiusMetres").asDouble());
    // Another category at the same point: not a duplicate of it.
    var other = JSON.readTree(
        Api.as(port, "leader-community").get("/api/intake/duplicates?lon=" + lon + "&lat=" + at.y + "&category=" + otherCategory()).body());
    assertThat(numbers(other.get("duplicates"))).doesNotContain(original.get("number").asString());
    // The intake, filing the same report, lists the same cases.
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("lon", lon);
    r.put("lat", at.y);
    r.put("categoryCode", category());
    r.put("description", "又一个来电");
    r.put("source", "CITIZEN");
    var filed = JSON.readTree(Api.as(port, "leader-community").post("/api/incidents", JSON.writeValueAsString(r)).body());
    assertThat(numbers(filed.get("possibleDuplicates"))).containsAll(before);
  }

  @Test
  void badInputIsNamed() {
    badInput(earlier("operator-city", null), 400, "phone");
    badInput(earlier("operator-city", "call me"), 400, "phone");
    badInput(earlier("operator-city", "123"), 400, "phone");
    Coordinate at = inside(COMMUNITY + "%");
    String path = "/api/intake/duplicates?";
    Api op = Api.as(port, "operator-city");
    badInput(op.get(path + "lat=" + at.y + "&category=" + category()), 400, "lon");
    badInput(op.get(path + "lon=east&lat=" + at.y + "&category=" + category()), 400, "lon");
    badInput(op.get(path + "lon=" + at.x + "&lat=95&category=" + category()), 400, "lat");
    badInput(op.get(path + "lon=" + at.x + "&lat=" + at.y), 400, "category");
    badInput(op.get(path + "lon=" + at.x + "&lat=" + at.y + "&category=999999"), 400, "category");
    String major = jdbc.queryForObject("SELECT min(code) FROM category WHERE level = 'CLASS' AND retired_in IS NULL", String.class);
    badInput(op.get(path + "lon=" + at.x + "&lat=" + at.y + "&category=" + major), 400, "category");
  }

  @Test
  void theBackfillHashesRowsStoredBeforeTheColumnAndIsIdempotent() {
    JsonNode c = report("operator-city", "HOTLINE", inside(COMMUNITY + "%"), category(), "13512345678");
    long id = c.get("id").asLong();
    jdbc.update("UPDATE incident SET reporter_phone_hash = NULL WHERE id = ?", id);
    assertThat(backfill.hashMissing(jdbc)).isGreaterThanOrEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT reporter_phone_hash FROM incident WHERE id = ?", String.class, id))
        .isEqualTo(phoneLookup.hash("13512345678"));
    assertThat(backfill.hashMissing(jdbc)).isZero();
    assertThat(phoneLookup.hash("0086 135 1234 5678")).isEqualTo(phoneLookup.hash("13512345678"));
    assertThat(phoneLookup.hash("13512345679")).isNotEqualTo(phoneLookup.hash("13512345678"));
  }
}
