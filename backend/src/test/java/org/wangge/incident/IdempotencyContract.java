package org.wangge.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.springframework.beans.factory.annotation.Autowired;
import org.wangge.Api;
import tools.jackson.databind.JsonNode;

/**
 * Idempotency keys over HTTP (docs/idempotency.md): a key belongs to its caller (a user, an Open311
 * client, or anonymous callers), a replay runs the caller's checks again and answers as the first
 * time, a key expires, and a case action sent with a key is applied once, also when retries race.
 */
abstract class IdempotencyContract extends CaseFixtures {

  private static final AtomicInteger ADDRESS = new AtomicInteger();
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

  @Autowired IdempotencyKeys keys;

  // --- helpers ----------------------------------------------------------------------------------

  /** A report at an interior point of grid 01 (one of the street operator's grids). */
  String report(String source, String description) {
    Coordinate c = interior(grid1);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("lon", c.x);
    r.put("lat", c.y);
    r.put("categoryCode", category);
    r.put("description", description);
    r.put("source", source);
    return JSON.writeValueAsString(r);
  }

  /** A POST of a report as the user ({@code null}: anonymous, from an address of its own). */
  HttpResponse<String> file(String user, String body, String key) {
    Api api = user == null ? Api.anonymous(port) : as(user);
    var request =
        api.request("/api/incidents")
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (user == null) {
      request.header("X-Forwarded-For", nextAddress());
    }
    return Api.send(request.build());
  }

  static String nextAddress() {
    int n = ADDRESS.getAndIncrement();
    return "198.19." + (n / 250) + "." + (n % 250 + 1);
  }

  HttpResponse<String> act(String user, long id, Map<String, Object> action, String key) {
    return as(user).post("/api/incidents/" + id + "/actions", JSON.writeValueAsString(action), Map.of("Idempotency-Key", key));
  }

  HttpResponse<String> actWithPhoto(String user, long id, Map<String, Object> action, byte[] photo, String key) {
    String boundary = "wangge" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"action\"\r\nContent-Type: application/json\r\n\r\n"
                + JSON.writeValueAsString(action) + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"after.png\"\r\nContent-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(photo);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return Api.send(
        as(user).request("/api/incidents/" + id + "/actions")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  static JsonNode created(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  static boolean replayed(HttpResponse<String> response) {
    return response.headers().firstValue("Idempotent-Replayed").filter("true"::equals).isPresent();
  }

  static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElseThrow();
  }

  static void refusedNamingTheKey(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).get("field").asString()).isEqualTo("Idempotency-Key");
  }

  long incidents() {
    return jdbc.queryForObject("SELECT count(*) FROM incident", Long.class);
  }

  long entries(long id, String action) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM incident_event WHERE incident_id = ? AND action = ?", Long.class, id, action);
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }

  // --- reports: whose key ----------------------------------------------------------------------

  @Test
  void aReportKeyBelongsToItsCallerAndIsNeverAnotherCallersReplay() {
    String body = report("PATROL", "幂等：井盖破损 " + UUID.randomUUID());
    String key = UUID.randomUUID().toString();
    var first = file("operator-street", body, key);
    JsonNode original = created(first);
    long id = original.get("id").asLong();
    assertThat(location(first)).isEqualTo("/api/incidents/" + id);
    assertThat(replayed(first)).isFalse();

    // The same caller's retry: the same answer (status, Location, body shape), nothing new stored.
    long before = incidents();
    var again = file("operator-street", body, key);
    JsonNode repeat = created(again);
    assertThat(replayed(again)).isTrue();
    assertThat(location(again)).isEqualTo(location(first));
    assertThat(repeat.get("id").asLong()).isEqualTo(id);
    assertThat(repeat.get("receipt").asString()).isEqualTo(original.get("receipt").asString());
    assertThat(fieldNames(repeat)).containsExactlyElementsOf(fieldNames(original));
    assertThat(incidents()).isEqualTo(before);

    // Another operator who sees the case: the key is not theirs; they file a case of their own.
    var city = file("operator-city", body, key);
    assertThat(replayed(city)).isFalse();
    assertThat(created(city).get("id").asLong()).isNotEqualTo(id);
    // An operator outside the case's jurisdiction: a report of their own, its receipt only.
    var outside = file("operator-street2", body, key);
    JsonNode receipt = created(outside);
    assertThat(replayed(outside)).isFalse();
    assertThat(receipt.has("id")).isFalse();
    assertThat(receipt.get("number").asString()).isNotEqualTo(original.get("number").asString());
    assertThat(location(outside)).startsWith("/api/receipts/").doesNotContain("/" + id + "-");
    // An anonymous caller: the source rule refuses a patrol report, key or no key.
    var anonymous = file(null, body, key);
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(403);
    assertThat(replayed(anonymous)).isFalse();
    assertThat(incidents()).isEqualTo(before + 2);
  }

  @Test
  void anAnonymousCallerNeverGetsASignedInUsersCase() {
    String body = report("CITIZEN", "幂等：路灯不亮 " + UUID.randomUUID());
    String key = UUID.randomUUID().toString();
    JsonNode staff = created(file("operator-street", body, key));
    var anonymous = file(null, body, key);
    JsonNode own = created(anonymous);
    assertThat(replayed(anonymous)).isFalse();
    assertThat(own.has("id")).isFalse();
    assertThat(own.get("number").asString()).isNotEqualTo(staff.get("number").asString());
    assertThat(own.get("receipt").asString()).isNotEqualTo(staff.get("receipt").asString());
  }

  @Test
  void anonymousKeysShareOneScopeThatAnswersOnlyTheReceiptOfTheSameReport() {
    String body = report("CITIZEN", "幂等：垃圾未清 " + UUID.randomUUID());
    String key = UUID.randomUUID().toString();
    var first = file(null, body, key);
    JsonNode receipt = created(first);
    assertThat(location(first)).isEqualTo("/api/receipts/" + receipt.get("receipt").asString());
    long before = incidents();
    // A retry (from another address: phones change networks) gets the same receipt, nothing more.
    var again = file(null, body, key);
    JsonNode repeat = created(again);
    assertThat(replayed(again)).isTrue();
    assertThat(location(again)).isEqualTo(location(first));
    assertThat(repeat).isEqualTo(receipt);
    assertThat(repeat.has("id")).isFalse();
    // The same key with another report is refused; a signed-in user's key of the same name is theirs.
    refusedNamingTheKey(file(null, report("CITIZEN", "另一件事 " + UUID.randomUUID()), key));
    assertThat(incidents()).isEqualTo(before);
    var staff = file("operator-street", body, key);
    assertThat(replayed(staff)).isFalse();
    assertThat(created(staff).get("number").asString()).isNotEqualTo(receipt.get("number").asString());
    assertThat(incidents()).isEqualTo(before + 1);
  }

  @Test
  void open311ClientsKeysNeverMeet() {
    String address = jdbc.queryForObject("SELECT min(code) FROM address WHERE grid_code = ?", String.class, grid1);
    String key = UUID.randomUUID().toString();
    List<String> numbers = new ArrayList<>();
    for (String apiKey : List.of("wangge-open311-demo-2026", "second-app-test-key-0123456789", "wangge-open311-demo-2026")) {
      String body =
          JSON.writeValueAsString(
              Map.of("api_key", apiKey, "service_code", category, "address_id", address, "description", "幂等：Open311 " + key));
      var response =
          Api.anonymous(port)
              .post("/open311/v2/requests.json", body, Map.of("Idempotency-Key", key, "X-Forwarded-For", nextAddress()));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      numbers.add(JSON.readTree(response.body()).get(0).get("service_request_id").asString());
    }
    // The second client's request is a case of its own; the first client's retry is its first case.
    assertThat(numbers.get(1)).isNotEqualTo(numbers.get(0));
    assertThat(numbers.get(2)).isEqualTo(numbers.get(0));
  }

  @Test
  void aReplayRunsTheCallersChecksAgain() {
    String username = "idem-" + UUID.randomUUID().toString().substring(0, 8);
    var admin = as("admin");
    var made =
        admin.post(
            "/api/admin/users",
            JSON.writeValueAsString(
                Map.of(
                    "username", username, "displayName", "幂等测试", "password", "Idempotency-test-2026!",
                    "role", "OPERATOR", "areaCode", "360502001")));
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String body = report("PATROL", "幂等：重新检查 " + UUID.randomUUID());
    String reportKey = UUID.randomUUID().toString();
    long id = created(file(username, body, reportKey)).get("id").asLong();
    String actionKey = UUID.randomUUID().toString();
    Map<String, Object> dispatch = Map.of("action", "DISPATCH", "assigneeCode", member1);
    ok(act(username, id, dispatch, actionKey));
    assertThat(replayed(act(username, id, dispatch, actionKey))).isTrue();

    // Moved to another street: the case is outside the jurisdiction now.
    var moved = admin.put("/api/admin/users/" + username, "{\"areaCode\":\"360502002\"}");
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    assertThat(act(username, id, dispatch, actionKey).statusCode()).isEqualTo(404);
    var receiptOnly = file(username, body, reportKey);
    assertThat(created(receiptOnly).has("id")).isFalse();
    assertThat(replayed(receiptOnly)).isTrue();
    assertThat(location(receiptOnly)).startsWith("/api/receipts/" + id + "-");

    // Made a planner: may neither file patrol reports nor dispatch.
    var planner = admin.put("/api/admin/users/" + username, "{\"role\":\"PLANNER\",\"areaCode\":\"360502001\"}");
    assertThat(planner.statusCode()).as(planner.body()).isEqualTo(200);
    assertThat(file(username, body, reportKey).statusCode()).isEqualTo(403);
    assertThat(act(username, id, dispatch, actionKey).statusCode()).isEqualTo(403);
    assertThat(entries(id, "DISPATCH")).isEqualTo(1);
  }

  // --- expiry -----------------------------------------------------------------------------------

  @Test
  void anExpiredKeyIsForgottenAndMayBeUsedAgain() {
    String body = report("PATROL", "幂等：过期 " + UUID.randomUUID());
    String key = UUID.randomUUID().toString();
    long first = created(file("operator-street", body, key)).get("id").asLong();
    Timestamp createdAt = jdbc.queryForObject("SELECT created_at FROM idempotency_key WHERE idempotency_key = ?", Timestamp.class, key);
    Timestamp expiresAt = jdbc.queryForObject("SELECT expires_at FROM idempotency_key WHERE idempotency_key = ?", Timestamp.class, key);
    assertThat(Duration.between(createdAt.toInstant(), expiresAt.toInstant())).isEqualTo(keys.ttl()).isEqualTo(Duration.ofHours(24));
    assertThat(jdbc.queryForObject("SELECT incident_id FROM idempotency_key WHERE idempotency_key = ?", Long.class, key))
        .isEqualTo(first);

    // A day later the key is expired (the cleanup has not run yet): it files a new report.
    expire(key);
    var later = file("operator-street", body, key);
    long second = created(later).get("id").asLong();
    assertThat(replayed(later)).isFalse();
    assertThat(second).isNotEqualTo(first);
    assertThat(jdbc.queryForObject("SELECT incident_id FROM idempotency_key WHERE idempotency_key = ?", Long.class, key))
        .isEqualTo(second);

    // The cleanup deletes expired keys and keeps the others.
    String fresh = UUID.randomUUID().toString();
    created(file("operator-street", report("PATROL", "幂等：未过期 " + UUID.randomUUID()), fresh));
    expire(key);
    assertThat(keys.forgetExpired(Instant.now())).isGreaterThanOrEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", Long.class, key)).isZero();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", Long.class, fresh)).isEqualTo(1);
  }

  private void expire(String key) {
    Instant past = Instant.now().minus(Duration.ofMinutes(1));
    jdbc.update(
        "UPDATE idempotency_key SET created_at = ?, expires_at = ? WHERE idempotency_key = ?",
        Timestamp.from(past.minus(keys.ttl())), Timestamp.from(past), key);
  }

  // --- case actions -----------------------------------------------------------------------------

  @Test
  void aRetriedActionIsAppliedOnceAndAnswersAsTheFirstTime() {
    long id = dispatchedCase();
    String key = UUID.randomUUID().toString();
    Map<String, Object> accept = Map.of("action", "ACCEPT");
    var first = act("member-grid1", id, accept, key);
    JsonNode answer = ok(first);
    assertThat(replayed(first)).isFalse();
    var again = act("member-grid1", id, accept, key);
    assertThat(ok(again)).isEqualTo(answer);
    assertThat(replayed(again)).isTrue();
    assertThat(entries(id, "ACCEPT")).isEqualTo(1);

    // The same key with another action is refused, naming the header; nothing changes.
    refusedNamingTheKey(act("member-grid1", id, Map.of("action", "START"), key));
    assertThat(status(id)).isEqualTo("ACCEPTED");
    // The key is the member's: another caller's request with it is their own, checked as such.
    assertThat(act("operator-street", id, accept, key).statusCode()).isEqualTo(409);
    assertThat(act("member-grid2", id, accept, key).statusCode()).isEqualTo(404);
    assertThat(entries(id, "ACCEPT")).isEqualTo(1);
  }

  @Test
  void tenRacingRetriesOfAnActionApplyItOnce() throws Exception {
    long id = dispatchedCase();
    String key = UUID.randomUUID().toString();
    List<Callable<HttpResponse<String>>> retries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      retries.add(() -> act("member-grid1", id, Map.of("action", "ACCEPT"), key));
    }
    List<HttpResponse<String>> answers = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(10)) {
      for (Future<HttpResponse<String>> f : pool.invokeAll(retries)) {
        answers.add(f.get());
      }
    }
    JsonNode expected = ok(answers.getFirst());
    for (var answer : answers) {
      assertThat(ok(answer)).isEqualTo(expected);
    }
    assertThat(answers.stream().filter(a -> !replayed(a)).count()).isEqualTo(1);
    assertThat(entries(id, "ACCEPT")).isEqualTo(1);
    assertThat(status(id)).isEqualTo("ACCEPTED");
  }

  @Test
  void aRetryOfAFailedActionIsTriedForRealAndARetryAfterASuccessIsNoConflict() {
    long id = dispatchedCase();
    String key = UUID.randomUUID().toString();
    Map<String, Object> start = Map.of("action", "START");
    assertThat(act("member-grid1", id, start, key).statusCode()).isEqualTo(409);
    ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
    var retried = act("member-grid1", id, start, key);
    JsonNode answer = ok(retried);
    assertThat(replayed(retried)).isFalse();
    assertThat(status(id)).isEqualTo("IN_PROGRESS");
    var again = act("member-grid1", id, start, key);
    assertThat(ok(again)).isEqualTo(answer);
    assertThat(replayed(again)).isTrue();
    assertThat(entries(id, "START")).isEqualTo(1);
  }

  @Test
  void aRetriedActionWithPhotosStoresThemOnce() {
    long id = dispatchedCase();
    ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
    String key = UUID.randomUUID().toString();
    Map<String, Object> handle = Map.of("action", "HANDLE", "note", "已更换井盖，见照片");
    var first = actWithPhoto("member-grid1", id, handle, PNG, key);
    JsonNode answer = ok(first);
    var again = actWithPhoto("member-grid1", id, handle, PNG, key);
    assertThat(ok(again)).isEqualTo(answer);
    assertThat(replayed(again)).isTrue();
    assertThat(entries(id, "HANDLE")).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_photo WHERE incident_id = ?", Long.class, id)).isEqualTo(1);
    // Another photo under the same key is another request.
    byte[] other = java.util.Arrays.copyOf(PNG, PNG.length + 1);
    refusedNamingTheKey(actWithPhoto("member-grid1", id, handle, other, key));
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_photo WHERE incident_id = ?", Long.class, id)).isEqualTo(1);
  }
}
