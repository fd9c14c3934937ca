package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The responsibility list as pickers read it (GET /api/categories in three levels) and the extra
 * questions of its items over HTTP: answers are checked against the item's questions, stored with
 * the case and shown with their questions; bad answers are refused naming {@code answers.<code>}
 * and store nothing; the idempotency fingerprint covers them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportAnswersContract {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  String address;

  @BeforeAll
  void anAddress() {
    address = jdbc.queryForObject("SELECT code FROM address ORDER BY code OFFSET 4321 ROWS FETCH FIRST 1 ROWS ONLY", String.class);
  }

  Map<String, Object> report(String item, Map<String, Object> answers) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("addressCode", address);
    r.put("categoryCode", item);
    r.put("description", "补充问题测试");
    r.put("source", "HOTLINE");
    if (answers != null) {
      r.put("answers", answers);
    }
    return r;
  }

  HttpResponse<String> post(Map<String, Object> report, Map<String, String> headers) {
    return Api.as(port, "operator-city").post("/api/incidents", JSON.writeValueAsString(report), headers);
  }

  long incidents() {
    return jdbc.queryForObject("SELECT count(*) FROM incident", Long.class);
  }

  static void assertField(HttpResponse<String> response, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(JSON.readTree(response.body()).get("field").asString()).as(response.body()).isEqualTo(field);
  }

  @Test
  void theListComesInThreeLevelsWithRoutingFactsQuestionsAndEnglishNames() {
    var response = Api.anonymous(port).get("/api/categories");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode classes = JSON.readTree(response.body());
    assertThat(classes.size()).isEqualTo(11);
    List<JsonNode> items = new ArrayList<>();
    int subclasses = 0;
    for (JsonNode cls : classes) {
      assertThat(cls.get("code").asString()).matches("\\d{2}");
      assertThat(cls.get("nameEn").asString()).isNotBlank();
      List<String> minors = new ArrayList<>();
      cls.get("minors").forEach(m -> minors.add(m.get("code").asString()));
      List<String> nested = new ArrayList<>();
      for (JsonNode sub : cls.get("subclasses")) {
        subclasses++;
        assertThat(sub.get("code").asString()).matches("\\d{4}").startsWith(cls.get("code").asString());
        assertThat(sub.get("nameEn").asString()).isNotBlank();
        for (JsonNode item : sub.get("items")) {
          assertThat(item.get("code").asString()).matches("\\d{6}").startsWith(sub.get("code").asString());
          assertThat(item.get("nameEn").asString()).isNotBlank();
          nested.add(item.get("code").asString());
          items.add(item);
        }
      }
      // The flattened list kept for older pages is the same items.
      assertThat(minors).isEqualTo(nested);
    }
    Integer inForce =
        jdbc.queryForObject("SELECT count(*) FROM category WHERE level = 'ITEM' AND retired_in IS NULL", Integer.class);
    assertThat(items).hasSize(inForce).hasSizeGreaterThanOrEqualTo(200);
    assertThat(subclasses).isBetween(60, 120);
    JsonNode gasLeak = items.stream().filter(i -> i.get("code").asString().equals("050301")).findFirst().orElseThrow();
    assertThat(gasLeak.get("name").asString()).isEqualTo("燃气泄漏");
    assertThat(gasLeak.get("nameEn").asString()).isEqualTo("Gas leak");
    assertThat(gasLeak.get("raisesAlarm").asBoolean()).isTrue();
    assertThat(gasLeak.get("gridAdmitted").asBoolean()).isFalse();
    assertThat(gasLeak.get("clockType").asString()).isEqualTo("CALENDAR_HOURS");
    assertThat(gasLeak.get("leadDepartment").asString()).isEqualTo("D04");
    assertThat(gasLeak.get("deadlineHours").asInt()).isEqualTo(2);
    assertThat(gasLeak.get("defaultRisk").asString()).isEqualTo("HIGH");
    JsonNode injured = gasLeak.get("questions").get(0);
    assertThat(injured.get("code").asString()).isEqualTo("injured");
    assertThat(injured.get("type").asString()).isEqualTo("YES_NO");
    assertThat(injured.get("textEn").asString()).isEqualTo("Anyone hurt?");
    JsonNode rubbish = items.stream().filter(i -> i.get("code").asString().equals("010201")).findFirst().orElseThrow();
    assertThat(rubbish.get("leadDepartment").isNull()).isTrue();
    assertThat(rubbish.get("questions").size()).isZero();
  }

  @Test
  void answersAreStoredAndShownWithTheirQuestions() {
    long before = incidents();
    var response = post(report("050301", Map.of("injured", true, "people_involved", 3)), Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    long id = JSON.readTree(response.body()).get("id").asLong();
    assertThat(incidents()).isEqualTo(before + 1);
    JsonNode stored = JSON.readTree(jdbc.queryForObject("SELECT answers FROM incident WHERE id = ?", String.class, id));
    assertThat(stored.get("injured").asBoolean()).isTrue();
    assertThat(stored.get("people_involved").asInt()).isEqualTo(3);
    assertThat(stored.size()).isEqualTo(2);
    // The case as the desk reads it: each answer with its question, in the item's order.
    JsonNode view = JSON.readTree(Api.as(port, "operator-city").get("/api/incidents/" + id).body());
    JsonNode answers = view.get("answers");
    assertThat(answers.size()).isEqualTo(2);
    assertThat(answers.get(0).get("code").asString()).isEqualTo("injured");
    assertThat(answers.get(0).get("question").asString()).isEqualTo("有人受伤吗？");
    assertThat(answers.get(0).get("questionEn").asString()).isEqualTo("Anyone hurt?");
    assertThat(answers.get(0).get("value").asBoolean()).isTrue();
    assertThat(answers.get(1).get("code").asString()).isEqualTo("people_involved");
    assertThat(answers.get(1).get("value").asInt()).isEqualTo(3);

    // A choice, a text and a required yes/no; blank answers count as none.
    var fire = post(report("050502", Map.of("fire_state", "明火", "people_involved", "")), Map.of());
    assertThat(fire.statusCode()).as(fire.body()).isEqualTo(201);
    long fireId = JSON.readTree(fire.body()).get("id").asLong();
    assertThat(JSON.readTree(jdbc.queryForObject("SELECT answers FROM incident WHERE id = ?", String.class, fireId)).properties())
        .hasSize(1);
    var missing = post(report("090102", Map.of("looks", "约七十岁，灰色外套")), Map.of());
    assertThat(missing.statusCode()).as(missing.body()).isEqualTo(201);
    // No answers at all to an item without required questions: nothing stored.
    var none = post(report("050301", null), Map.of());
    assertThat(none.statusCode()).isEqualTo(201);
    long noneId = JSON.readTree(none.body()).get("id").asLong();
    assertThat(jdbc.queryForObject("SELECT answers FROM incident WHERE id = ?", String.class, noneId)).isNull();
    assertThat(JSON.readTree(none.body()).get("answers").size()).isZero();
  }

  @Test
  void badAnswersAreRefusedNamingTheQuestionAndStoreNothing() {
    long before = incidents();
    assertField(post(report("050301", Map.of("anyone_hurt", true)), Map.of()), "answers.anyone_hurt");
    assertField(post(report("010201", Map.of("injured", true)), Map.of()), "answers.injured");
    assertField(post(report("050301", Map.of("injured", "yes")), Map.of()), "answers.injured");
    assertField(post(report("050301", Map.of("people_involved", -1)), Map.of()), "answers.people_involved");
    assertField(post(report("050301", Map.of("people_involved", "many")), Map.of()), "answers.people_involved");
    assertField(post(report("050502", Map.of("fire_state", "大火")), Map.of()), "answers.fire_state");
    assertField(post(report("050502", Map.of()), Map.of()), "answers.fire_state");
    assertField(post(report("050302", Map.of("injured", false)), Map.of()), "answers.trapped");
    assertField(post(report("090102", Map.of("looks", 70)), Map.of()), "answers.looks");
    assertField(post(report("090102", Map.of("looks", "x".repeat(501))), Map.of()), "answers.looks");
    assertThat(incidents()).isEqualTo(before);
    var problem = JSON.readTree(post(report("050302", Map.of()), Map.of()).body());
    assertThat(problem.get("detail").asString()).contains("有人被困吗？");
  }

  @Test
  void theIdempotencyKeyCoversTheAnswers() {
    String key = UUID.randomUUID().toString();
    long before = incidents();
    Map<String, Object> answers = new LinkedHashMap<>();
    answers.put("injured", false);
    answers.put("people_involved", 2);
    var first = post(report("050301", answers), Map.of("Idempotency-Key", key));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    // The same answers in another order are the same report.
    Map<String, Object> reordered = new LinkedHashMap<>();
    reordered.put("people_involved", 2);
    reordered.put("injured", false);
    var replay = post(report("050301", reordered), Map.of("Idempotency-Key", key));
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    // Other answers under the same key are another report: refused.
    var other = post(report("050301", Map.of("injured", true, "people_involved", 2)), Map.of("Idempotency-Key", key));
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(incidents()).isEqualTo(before + 1);
  }
}
