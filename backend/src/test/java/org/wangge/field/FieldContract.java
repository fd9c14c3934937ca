package org.wangge.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The member's field work over HTTP against a real database with the demo users: device sign-in
 * (rotation with its grace, expiry, sign-out, an ADMIN's revocation, lock-out on the password
 * step), the duty toggle and positions only on duty, and patrols (batches late, out of order and
 * twice; the stored track checked in SQL; reports linked; coverage against a brute-force count;
 * jurisdiction; bad input that changes nothing).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FieldContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String MEMBER = "member-grid1";

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;
  @Autowired PatrolService patrolService;

  String memberCode;
  String grid;
  String category;

  @BeforeAll
  void readDemo() {
    memberCode = jdbc.queryForObject("SELECT member_code FROM app_user WHERE username = ?", String.class, MEMBER);
    grid = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = ?", String.class, MEMBER);
    category =
        jdbc.queryForObject(
            "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    assertThat(memberCode).isNotNull();
  }

  /** The length of a patrol's stored track in metres, measured by the database. */
  abstract double trackLengthMetresInSql(long patrolId);

  Api as(String user) {
    return Api.as(port, user);
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  // --- a phone: a browser-like client with cookies ------------------------------------------------

  final class Phone {
    final CookieManager cookies = new CookieManager();
    final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    HttpResponse<String> send(String method, String path, String body) {
      var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("X-Requested-With", "XMLHttpRequest");
      String xsrf = cookie("XSRF-TOKEN");
      if (xsrf != null) {
        builder.header("X-XSRF-TOKEN", xsrf);
      }
      if (body != null) {
        builder.header("Content-Type", "application/json");
      }
      builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      try {
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    String cookie(String name) {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst().orElse(null);
    }

    HttpResponse<String> signIn(String user, String password) {
      return send("POST", "/api/devices", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"deviceName\":\"测试手机\"}");
    }

    HttpResponse<String> session(String token) {
      return send("POST", "/api/devices/session", "{\"deviceToken\":\"" + token + "\"}");
    }
  }

  static String token(HttpResponse<String> response) {
    return json(response).get("deviceToken").asString();
  }

  static void assertRefused(HttpResponse<String> response, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(json(response).get("code").asString()).isEqualTo(code);
  }

  // --- device sign-in ----------------------------------------------------------------------------

  @Test
  void aDeviceSignsInWithThePasswordThenByItsTokenWhichRotates() {
    var phone = new Phone();
    var first = phone.signIn(MEMBER, Api.DEMO_PASSWORD);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    JsonNode body = json(first);
    long device = body.get("deviceId").asLong();
    String t1 = token(first);
    assertThat(t1).startsWith("wgd_");
    assertThat(body.get("user").get("username").asString()).isEqualTo(MEMBER);
    assertThat(body.get("user").get("memberCode").asString()).isEqualTo(memberCode);
    assertThat(Instant.parse(body.get("expiresAt").asString())).isAfter(Instant.now().plus(29, ChronoUnit.DAYS));
    // The session is signed in, and the token is stored only as its SHA-256.
    assertThat(phone.send("GET", "/api/me", null).statusCode()).isEqualTo(200);
    assertThat(count("SELECT count(*) FROM device WHERE id = ? AND token_hash = ?", device, Devices.hash(t1))).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM device WHERE token_hash = ? OR previous_token_hash = ? OR device_name = ?", t1, t1, t1)).isZero();

    // Each use answers with a new token, from a fresh phone (no session).
    var second = new Phone().session(t1);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    String t2 = token(second);
    assertThat(t2).isNotEqualTo(t1).startsWith("wgd_");
    assertThat(json(second).get("deviceId").asLong()).isEqualTo(device);
    assertThat(json(second).get("user").get("username").asString()).isEqualTo(MEMBER);
    // The answer was "lost": the previous token works once more within the grace...
    var retry = new Phone().session(t1);
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
    String t3 = token(retry);
    // ...but not twice, and the token given out in the lost answer is gone too.
    assertRefused(new Phone().session(t1), "DEVICE_UNKNOWN");
    assertRefused(new Phone().session(t2), "DEVICE_UNKNOWN");
    var phone2 = new Phone();
    var fourth = phone2.session(t3);
    assertThat(fourth.statusCode()).isEqualTo(200);
    assertThat(phone2.send("GET", "/api/members/me", null).statusCode()).isEqualTo(200);
    // After the grace, the replaced token is refused.
    jdbc.update("UPDATE device SET previous_valid_until = ? WHERE id = ?", Timestamp.from(Instant.now().minusSeconds(1)), device);
    assertRefused(new Phone().session(t3), "DEVICE_UNKNOWN");
    assertThat(new Phone().session(token(fourth)).statusCode()).isEqualTo(200);
    assertRefused(new Phone().session("wgd_not-a-token"), "DEVICE_UNKNOWN");
    // Audited: the password step and each sign-in by token.
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'DEVICE_SIGNED_IN' AND entity_id = ?", Long.toString(device))).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'DEVICE_SESSION' AND entity_id = ?", Long.toString(device))).isEqualTo(4);
  }

  @Test
  void anExpiredDeviceIsRefusedAndItsSessionEnds() {
    var phone = new Phone();
    var signedIn = phone.signIn(MEMBER, Api.DEMO_PASSWORD);
    long device = json(signedIn).get("deviceId").asLong();
    jdbc.update("UPDATE device SET expires_at = ? WHERE id = ?", Timestamp.from(Instant.now().minusSeconds(5)), device);
    var refused = new Phone().session(token(signedIn));
    assertRefused(refused, "DEVICE_EXPIRED");
    assertThat(json(refused).get("detail").asString()).contains("password");
    assertRefused(phone.send("GET", "/api/me", null), "DEVICE_EXPIRED");
    assertThat(phone.send("GET", "/api/me", null).statusCode()).isEqualTo(401);
  }

  @Test
  void anAdminRevokesADeviceOthersMayNotListOrRevoke() {
    var phone = new Phone();
    var signedIn = phone.signIn(MEMBER, Api.DEMO_PASSWORD);
    long device = json(signedIn).get("deviceId").asLong();
    assertThat(as("operator-city").get("/api/admin/devices").statusCode()).isEqualTo(403);
    assertThat(as("operator-city").delete("/api/admin/devices/" + device).statusCode()).isEqualTo(403);
    assertThat(as(MEMBER).delete("/api/admin/devices/" + device).statusCode()).isEqualTo(403);
    var list = as("admin").get("/api/admin/devices?username=" + MEMBER);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    JsonNode mine = null;
    for (JsonNode d : json(list)) {
      assertThat(d.has("deviceToken")).isFalse();
      assertThat(d.get("username").asString()).isEqualTo(MEMBER);
      if (d.get("id").asLong() == device) {
        mine = d;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.get("deviceName").asString()).isEqualTo("测试手机");
    assertThat(mine.get("revokedAt").isNull()).isTrue();
    assertThat(as("admin").get("/api/admin/devices?username=nobody-here").statusCode()).isEqualTo(404);

    var revoked = as("admin").delete("/api/admin/devices/" + device);
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    assertThat(json(revoked).get("revokedAt").isNull()).isFalse();
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'DEVICE_REVOKED' AND entity_id = ? AND actor = 'admin'", Long.toString(device)))
        .isEqualTo(1);
    assertRefused(new Phone().session(token(signedIn)), "DEVICE_REVOKED");
    // The session signed in from the device ends at once.
    assertRefused(phone.send("GET", "/api/me", null), "DEVICE_REVOKED");
    assertThat(as("admin").delete("/api/admin/devices/999999999").statusCode()).isEqualTo(404);
  }

  @Test
  void signingOutRevokesTheDevice() {
    var phone = new Phone();
    var signedIn = phone.signIn(MEMBER, Api.DEMO_PASSWORD);
    assertThat(phone.send("GET", "/api/me", null).statusCode()).isEqualTo(200);
    var out = phone.send("DELETE", "/api/devices/current", null);
    assertThat(out.statusCode()).as(out.body()).isEqualTo(204);
    assertThat(phone.send("GET", "/api/me", null).statusCode()).isEqualTo(401);
    assertRefused(new Phone().session(token(signedIn)), "DEVICE_REVOKED");
  }

  @Test
  void thePasswordStepCountsTowardTheLockOut() {
    var wrong = new Phone().signIn(MEMBER, "not-the-password");
    assertRefused(wrong, "BAD_CREDENTIALS");
    assertThat(count("SELECT failed_attempts FROM app_user WHERE username = ?", MEMBER)).isEqualTo(1);
    String user = "phone-lock-" + System.nanoTime() % 100_000;
    String password = "a-long-enough-password";
    var created =
        as("admin").post(
            "/api/admin/users",
            "{\"username\":\"" + user + "\",\"displayName\":\"锁定测试\",\"password\":\"" + password
                + "\",\"role\":\"GRID_MEMBER\",\"areaCode\":\"" + grid + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    for (int i = 0; i < 5; i++) {
      assertRefused(new Phone().signIn(user, "not-the-password"), "BAD_CREDENTIALS");
    }
    assertRefused(new Phone().signIn(user, password), "ACCOUNT_LOCKED");
    assertThat(count("SELECT count(*) FROM device WHERE username = ?", user)).isZero();
    // Bad input names the field.
    var noName = new Phone().send("POST", "/api/devices", "{\"username\":\"" + MEMBER + "\",\"password\":\"" + Api.DEMO_PASSWORD + "\"}");
    assertThat(noName.statusCode()).isEqualTo(400);
    assertThat(json(noName).get("field").asString()).isEqualTo("deviceName");
    // A successful sign-in resets the count.
    assertThat(new Phone().signIn(MEMBER, Api.DEMO_PASSWORD).statusCode()).isEqualTo(201);
    assertThat(count("SELECT failed_attempts FROM app_user WHERE username = ?", MEMBER)).isZero();
  }

  // --- duty ----------------------------------------------------------------------------------------

  @Test
  void positionsAreSharedOnlyOnDuty() {
    var member = as("member-grid2");
    String code = jdbc.queryForObject("SELECT member_code FROM app_user WHERE username = 'member-grid2'", String.class);
    boolean wasOnDuty = jdbc.queryForObject("SELECT on_duty FROM member WHERE code = ?", Boolean.class, code);
    try {
      assertThat(member.put("/api/members/me/duty", "{\"onDuty\":true}").statusCode()).isEqualTo(200);
      var off = member.put("/api/members/me/duty", "{\"onDuty\":false}");
      assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
      assertThat(json(off).get("onDuty").asBoolean()).isFalse();
      assertThat(jdbc.queryForObject("SELECT on_duty FROM member WHERE code = ?", Boolean.class, code)).isFalse();
      var refused = member.post("/api/members/me/position", "{\"lon\":114.93,\"lat\":27.82}");
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
      assertThat(json(refused).get("field").asString()).isEqualTo("onDuty");
      assertThat(count("SELECT count(*) FROM member WHERE code = ? AND last_position IS NOT NULL", code)).isZero();
      JsonNode me = json(member.get("/api/members/me"));
      assertThat(me.get("code").asString()).isEqualTo(code);
      assertThat(me.get("onDuty").asBoolean()).isFalse();
      assertThat(me.get("lon").isNull()).isTrue();
      assertThat(me.get("gridCodes").size()).isPositive();

      assertThat(member.put("/api/members/me/duty", "{\"onDuty\":true}").statusCode()).isEqualTo(200);
      assertThat(member.post("/api/members/me/position", "{\"lon\":114.93,\"lat\":27.82}").statusCode()).isEqualTo(204);
      me = json(member.get("/api/members/me"));
      assertThat(me.get("onDuty").asBoolean()).isTrue();
      assertThat(me.get("lon").asDouble()).isEqualTo(114.93);
      assertThat(me.get("seenAt").isNull()).isFalse();
      assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'MEMBER_OFF_DUTY' AND entity_id = ?", code)).isPositive();

      var bad = member.put("/api/members/me/duty", "{}");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(json(bad).get("field").asString()).isEqualTo("onDuty");
      assertThat(as("operator-city").get("/api/members/me").statusCode()).isEqualTo(404);
    } finally {
      jdbc.update("UPDATE member SET on_duty = ? WHERE code = ?", wasOnDuty, code);
    }
  }

  // --- patrols -------------------------------------------------------------------------------------

  /** A point of the fixture track: lon/lat and when it was taken. */
  record Fix(double lon, double lat, Instant at) {
    String json() {
      return "{\"lon\":" + lon + ",\"lat\":" + lat + ",\"accuracyMetres\":8,\"at\":\"" + at + "\"}";
    }
  }

  static String batch(List<Fix> fixes) {
    return "{\"points\":[" + String.join(",", fixes.stream().map(Fix::json).toList()) + "]}";
  }

  @Test
  void aPatrolRecordsItsTrackLinksReportsAndCoversAddresses() {
    var member = as(MEMBER);
    Instant started = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    var start = member.post("/api/patrols", "{\"startedAt\":\"" + started + "\"}", Map.of("Idempotency-Key", "patrol-" + System.nanoTime()));
    assertThat(start.statusCode()).as(start.body()).isEqualTo(201);
    long id = json(start).get("id").asLong();
    assertThat(json(start).get("status").asString()).isEqualTo("ACTIVE");
    assertThat(json(start).get("memberCode").asString()).isEqualTo(memberCode);
    // While it is active, a second start answers with it.
    var again = member.post("/api/patrols", "{}");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("id").asLong()).isEqualTo(id);

    // The fixture track: from an address of the grid, 12 points, a zig-zag of 40 m steps, 30 s apart.
    Map<String, Object> origin =
        jdbc.queryForMap("SELECT ST_X(location) AS x, ST_Y(location) AS y FROM address WHERE grid_code = ? ORDER BY code LIMIT 1", grid);
    double lon0 = ((Number) origin.get("x")).doubleValue();
    double lat0 = ((Number) origin.get("y")).doubleValue();
    List<Fix> fixes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      double east = Wgs84.metresToDegreesLon(40.0 * i, lat0);
      double north = Wgs84.metresToDegreesLat(i % 2 == 0 ? 0 : 30);
      fixes.add(new Fix(lon0 + east, lat0 + north, started.plusSeconds(30L * (i + 1))));
    }
    // Late and out of order: the second half first, then the first half, then the second half again.
    var late = member.post("/api/patrols/" + id + "/points", batch(fixes.subList(6, 12)));
    assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
    assertThat(json(late).get("pointCount").asInt()).isEqualTo(6);
    var early = member.post("/api/patrols/" + id + "/points", batch(fixes.subList(0, 6)));
    assertThat(json(early).get("pointCount").asInt()).isEqualTo(12);
    var twice = member.post("/api/patrols/" + id + "/points", batch(fixes.subList(6, 12)));
    assertThat(twice.statusCode()).isEqualTo(200);
    assertThat(json(twice).get("pointCount").asInt()).isEqualTo(12);
    assertThat(count("SELECT count(*) FROM patrol_point WHERE patrol_id = ?", id)).isEqualTo(12);

    // The stored LineString: 12 points in time order, as long as a hand computation.
    double byHand = 0;
    for (int i = 1; i < fixes.size(); i++) {
      byHand += haversine(fixes.get(i - 1).lon(), fixes.get(i - 1).lat(), fixes.get(i).lon(), fixes.get(i).lat());
    }
    assertThat(count("SELECT ST_NumPoints(track) FROM patrol WHERE id = ?", id)).isEqualTo(12);
    assertThat(jdbc.queryForObject("SELECT ST_X(ST_StartPoint(track)) FROM patrol WHERE id = ?", Double.class, id)).isCloseTo(lon0, within(1e-9));
    assertThat(trackLengthMetresInSql(id)).isCloseTo(byHand, within(byHand * 0.01));
    assertThat(json(twice).get("distanceMetres").asDouble()).isCloseTo(byHand, within(byHand * 0.01));

    // Bad input names the field and changes nothing.
    List<Fix> withBadLat = new ArrayList<>(fixes.subList(0, 3));
    withBadLat.add(new Fix(lon0, 95, started.plusSeconds(1000)));
    var badLat = member.post("/api/patrols/" + id + "/points", batch(withBadLat));
    assertThat(badLat.statusCode()).isEqualTo(400);
    assertThat(json(badLat).get("field").asString()).isEqualTo("points[3].lat");
    List<Fix> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(new Fix(lon0, lat0, started.plusMillis(100L * i + 7)));
    }
    var big = member.post("/api/patrols/" + id + "/points", batch(tooMany));
    assertThat(big.statusCode()).isEqualTo(400);
    assertThat(json(big).get("field").asString()).isEqualTo("points");
    var future = member.post("/api/patrols/" + id + "/points", batch(List.of(new Fix(lon0, lat0, Instant.now().plus(1, ChronoUnit.HOURS)))));
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(json(future).get("field").asString()).isEqualTo("points[0].at");
    assertThat(count("SELECT count(*) FROM patrol_point WHERE patrol_id = ?", id)).isEqualTo(12);
    // Someone else's patrol: not found, for points and stop alike.
    var other = as("member-grid2").post("/api/patrols", "{}");
    assertThat(other.statusCode()).as(other.body()).isIn(200, 201);
    long otherId = json(other).get("id").asLong();
    long otherPoints = count("SELECT count(*) FROM patrol_point WHERE patrol_id = ?", otherId);
    assertThat(member.post("/api/patrols/" + otherId + "/points", batch(fixes.subList(0, 1))).statusCode()).isEqualTo(404);
    assertThat(member.post("/api/patrols/" + otherId + "/stop", "{}").statusCode()).isEqualTo(404);
    assertThat(count("SELECT count(*) FROM patrol_point WHERE patrol_id = ?", otherId)).isEqualTo(otherPoints);
    assertThat(as("operator-city").post("/api/patrols", "{}").statusCode()).isEqualTo(403);

    // A report made on the patrol keeps it; someone else's patrol is refused.
    String report =
        "{\"lon\":" + lon0 + ",\"lat\":" + lat0 + ",\"categoryCode\":\"" + category
            + "\",\"description\":\"巡查中发现\",\"source\":\"PATROL\",\"patrolId\":";
    var filed = member.post("/api/incidents", report + id + "}");
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    long incident = json(filed).get("id").asLong();
    assertThat(count("SELECT patrol_id FROM incident WHERE id = ?", incident)).isEqualTo(id);
    long incidents = count("SELECT count(*) FROM incident");
    var foreign = member.post("/api/incidents", report + otherId + "}");
    assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(400);
    assertThat(json(foreign).get("field").asString()).isEqualTo("patrolId");
    assertThat(count("SELECT count(*) FROM incident")).isEqualTo(incidents);

    // Stopped, and stopping again changes nothing; a point uploaded after the stop is still added.
    Instant ended = fixes.getLast().at().plusSeconds(10);
    var stop = member.post("/api/patrols/" + id + "/stop", "{\"endedAt\":\"" + ended + "\"}");
    assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
    assertThat(json(stop).get("status").asString()).isEqualTo("ENDED");
    assertThat(json(stop).get("durationSeconds").asLong()).isEqualTo(ended.getEpochSecond() - started.getEpochSecond());
    assertThat(json(stop).get("pointCount").asInt()).isEqualTo(12);
    var stopAgain = member.post("/api/patrols/" + id + "/stop", "{}");
    assertThat(stopAgain.statusCode()).isEqualTo(200);
    assertThat(json(stopAgain).get("endedAt").asString()).isEqualTo(json(stop).get("endedAt").asString());
    assertThat(member.post("/api/patrols/" + otherId + "/stop", "{}").statusCode()).isEqualTo(404);
    assertThat(as("member-grid2").post("/api/patrols/" + otherId + "/stop", "{}").statusCode()).isEqualTo(200);

    // Jurisdiction: the street sees the track, the next street does not.
    String window = "from=" + started.minusSeconds(60) + "&to=" + Instant.now().plusSeconds(60);
    var street = as("operator-street").get("/api/patrols?" + window);
    assertThat(street.statusCode()).as(street.body()).isEqualTo(200);
    JsonNode feature = null;
    for (JsonNode f : json(street).get("features")) {
      if (f.get("properties").get("id").asLong() == id) {
        feature = f;
      }
    }
    assertThat(feature).isNotNull();
    assertThat(feature.get("geometry").get("type").asString()).isEqualTo("LineString");
    assertThat(feature.get("properties").get("memberName").asString()).contains("*");
    assertThat(feature.get("properties").get("gridCodes").toString()).contains(grid);
    assertThat(json(as("operator-street2").get("/api/patrols?" + window)).get("features").toString()).doesNotContain("\"id\":" + id + ",");
    assertThat(as("operator-street2").get("/api/patrols/" + id).statusCode()).isEqualTo(404);
    assertThat(as("operator-street").get("/api/patrols/" + id).statusCode()).isEqualTo(200);
    var far = as("operator-street").get("/api/patrols?" + window + "&bbox=100,20,100.1,20.1");
    assertThat(json(far).get("features").size()).isZero();
    var badBox = as("operator-street").get("/api/patrols?bbox=1,2,3");
    assertThat(badBox.statusCode()).isEqualTo(400);
    assertThat(json(badBox).get("field").asString()).isEqualTo("bbox");

    // Coverage of the grid equals a brute-force count over all of its addresses.
    List<double[]> addresses =
        jdbc.query("SELECT ST_X(location), ST_Y(location) FROM address WHERE grid_code = ?", (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}, grid);
    long bruteForce = addresses.stream().filter(a -> nearestMetres(a[0], a[1], fixes) <= 50).count();
    assertThat(bruteForce).isPositive().isLessThan(addresses.size());
    var coverage = patrolService.coverage(grid, started.minusSeconds(1), Instant.now().plusSeconds(60)).get(grid);
    assertThat(coverage.addresses()).isEqualTo(addresses.size());
    assertThat(coverage.covered()).isEqualTo(bruteForce);
    var stats = as("operator-street").get("/api/stats?area=" + grid + "&" + window);
    assertThat(stats.statusCode()).as(stats.body()).isEqualTo(200);
    JsonNode total = json(stats).get("total");
    assertThat(total.get("standardAddresses").asLong()).isEqualTo(addresses.size());
    assertThat(total.get("patrolledAddresses").asLong()).isEqualTo(bruteForce);
    assertThat(total.get("patrolCoverage").asDouble()).isCloseTo((double) bruteForce / addresses.size(), within(1e-4));
  }

  /** Brute force: the least great-circle distance from (lon, lat) to the track densified to 0.25 m steps. */
  static double nearestMetres(double lon, double lat, List<Fix> track) {
    double best = Double.MAX_VALUE;
    for (int i = 1; i < track.size(); i++) {
      Fix a = track.get(i - 1);
      Fix b = track.get(i);
      int steps = (int) Math.ceil(haversine(a.lon(), a.lat(), b.lon(), b.lat()) / 0.25);
      for (int s = 0; s <= steps; s++) {
        double t = (double) s / steps;
        best = Math.min(best, haversine(lon, lat, a.lon() + t * (b.lon() - a.lon()), a.lat() + t * (b.lat() - a.lat())));
      }
    }
    return best;
  }

  static double haversine(double lon1, double lat1, double lon2, double lat2) {
    double r = 6_371_008.8;
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * r * Math.asin(Math.sqrt(h));
  }
}
