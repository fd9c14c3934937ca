package org.wangge.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * Alarms over HTTP: a report of an alarm item raises an alarm at the grid; unacknowledged it climbs
 * level by level (community, street, district, then overdue), each step exactly once even with two
 * sweepers at once; an acknowledgement stops it and is on the timeline with who and when; levels
 * are acknowledged only by those who answer for them; a low-risk ordinary report raises none; the
 * many-people rule raises one; bad input changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AlarmContract {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;
  @Autowired AlarmClimb climb;

  String grid1;
  String alarmItem;
  String ordinaryItem;

  @BeforeAll
  void readTheDemoCity() {
    grid1 = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'member-grid1'", String.class);
    alarmItem =
        jdbc.queryForObject(
            "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND raises_alarm = TRUE", String.class);
    ordinaryItem =
        jdbc.queryForObject(
            "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND raises_alarm = FALSE AND department_id IS NULL",
            String.class);
  }

  Api as(String user) {
    return Api.as(port, user);
  }

  long report(String item, String risk) {
    return report(item, risk, null);
  }

  long report(String item, String risk, String answers) {
    Coordinate c = interior(grid1);
    var filed =
        as("operator-street").post(
            "/api/incidents",
            "{\"lon\":" + c.x + ",\"lat\":" + c.y + ",\"categoryCode\":\"" + item
                + "\",\"description\":\"报警测试\",\"source\":\"PATROL\",\"risk\":\"" + risk + "\""
                + (answers == null ? "" : ",\"answers\":" + answers) + "}");
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    return JSON.readTree(filed.body()).get("id").asLong();
  }

  Long alarmOf(long incidentId) {
    return jdbc.query("SELECT id FROM alarm WHERE incident_id = ?", (rs, i) -> rs.getLong(1), incidentId).stream().findFirst().orElse(null);
  }

  String alarmColumn(long alarmId, String column) {
    return jdbc.queryForObject("SELECT " + column + " FROM alarm WHERE id = ?", String.class, alarmId);
  }

  Instant due(long alarmId) {
    return jdbc.queryForObject("SELECT due_at FROM alarm WHERE id = ?", Timestamp.class, alarmId).toInstant();
  }

  long eventsOf(long incidentId, String action) {
    return jdbc.queryForObject("SELECT count(*) FROM incident_event WHERE incident_id = ? AND action = ?", Long.class, incidentId, action);
  }

  JsonNode listed(String user, long alarmId) {
    var list = as(user).get("/api/alarms");
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    for (JsonNode a : JSON.readTree(list.body())) {
      if (a.get("id").asLong() == alarmId) {
        return a;
      }
    }
    return null;
  }

  HttpResponse<String> acknowledge(String user, long alarmId) {
    return as(user).post("/api/alarms/" + alarmId + "/acknowledge", "{}", Map.of("Idempotency-Key", "ack-" + user + "-" + alarmId));
  }

  /** Two sweepers at once (two threads, two database sessions) at {@code now}. */
  void sweepTwiceAtOnce(Instant now) throws Exception {
    var pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Integer>> sweeps = List.of(() -> climb.sweep(now), () -> climb.sweep(now));
      for (Future<Integer> f : pool.invokeAll(sweeps)) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void anAlarmItemClimbsLevelByLevelWhenNobodyAcknowledgesEachStepOnce() throws Exception {
    long incident = report(alarmItem, "HIGH");
    Long alarm = alarmOf(incident);
    assertThat(alarm).as("alarm of item " + alarmItem).isNotNull();
    assertThat(alarmColumn(alarm, "level")).isEqualTo("GRID");
    assertThat(alarmColumn(alarm, "level_area_code")).isEqualTo(grid1);
    assertThat(eventsOf(incident, "ALARM_RAISED")).isEqualTo(1);
    JsonNode seen = listed("leader-community", alarm);
    assertThat(seen).isNotNull();
    assertThat(seen.get("mine").asBoolean()).isTrue();
    assertThat(seen.get("number").asString()).startsWith("");
    assertThat(seen.get("itemCode").asString()).isEqualTo(alarmItem);
    assertThat(listed("operator-street", alarm).get("mine").asBoolean()).isFalse();

    String[] levels = {"COMMUNITY", "STREET", "DISTRICT"};
    String[] areas = {grid1.substring(0, 12), grid1.substring(0, 9), grid1.substring(0, 6)};
    for (int i = 0; i < levels.length; i++) {
      Instant due = due(alarm);
      climb.sweep(due.minusSeconds(1));
      assertThat(eventsOf(incident, "ALARM_CLIMBED")).isEqualTo(i);
      sweepTwiceAtOnce(due.plusSeconds(1));
      sweepTwiceAtOnce(due.plusSeconds(2));
      assertThat(eventsOf(incident, "ALARM_CLIMBED")).as("after climbing to " + levels[i]).isEqualTo(i + 1);
      assertThat(alarmColumn(alarm, "level")).isEqualTo(levels[i]);
      assertThat(alarmColumn(alarm, "level_area_code")).isEqualTo(areas[i]);
    }
    // The district's own time: 5 minutes from when it was asked.
    Instant asked =
        jdbc.queryForObject("SELECT asked_at FROM alarm_step WHERE alarm_id = ? AND level = 'DISTRICT'", Timestamp.class, alarm).toInstant();
    assertThat(due(alarm)).isEqualTo(asked.plusSeconds(300));
    assertThat(listed("operator-district", alarm).get("mine").asBoolean()).isTrue();
    sweepTwiceAtOnce(due(alarm).plusSeconds(1));
    assertThat(eventsOf(incident, "ALARM_OVERDUE")).isEqualTo(1);
    assertThat(eventsOf(incident, "ALARM_CLIMBED")).isEqualTo(3);
    climb.sweep(Instant.now().plusSeconds(365L * 24 * 3600));
    assertThat(eventsOf(incident, "ALARM_OVERDUE")).isEqualTo(1);
    assertThat(jdbc.queryForList("SELECT outcome FROM alarm_step WHERE alarm_id = ? ORDER BY asked_at", String.class, alarm))
        .containsExactly("CLIMBED", "CLIMBED", "CLIMBED", "LAPSED");
    assertThat(alarmColumn(alarm, "state")).isEqualTo("OPEN");

    // Still open at the district: its centre acknowledges, late.
    assertThat(acknowledge("operator-street", alarm).statusCode()).isEqualTo(403);
    JsonNode done = JSON.readTree(ok(acknowledge("operator-district", alarm)).body());
    assertThat(done.get("state").asString()).isEqualTo("ACKNOWLEDGED");
  }

  @Test
  void anAcknowledgementStopsTheClimbAndIsOnTheTimelineWithWhoAndWhen() throws Exception {
    long incident = report(alarmItem, "HIGH");
    long alarm = alarmOf(incident);
    // The street centre does not answer for the grid level: 403 saying whose it is, nothing changes.
    var refused = acknowledge("operator-street", alarm);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    assertThat(JSON.readTree(refused.body()).get("detail").asString()).contains("GRID", "grid leader", grid1);
    assertThat(alarmColumn(alarm, "state")).isEqualTo("OPEN");
    // A grid member is not the grid's leader either.
    assertThat(acknowledge("member-grid1", alarm).statusCode()).isEqualTo(403);

    Instant before = Instant.now().minusSeconds(1);
    var first = ok(acknowledge("leader-community", alarm));
    JsonNode body = JSON.readTree(first.body());
    assertThat(body.get("state").asString()).isEqualTo("ACKNOWLEDGED");
    assertThat(body.get("acknowledgedBy").asString()).isEqualTo("leader-community");
    assertThat(body.get("mine").asBoolean()).isFalse();
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    // Twice: a no-op 200.
    var again = ok(acknowledge("leader-community", alarm));
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(eventsOf(incident, "ALARM_ACKNOWLEDGED")).isEqualTo(1);

    climb.sweep(Instant.now().plusSeconds(3600));
    assertThat(eventsOf(incident, "ALARM_CLIMBED")).isZero();
    assertThat(alarmColumn(alarm, "level")).isEqualTo("GRID");

    JsonNode timeline = JSON.readTree(ok(as("operator-street").get("/api/incidents/" + incident + "/timeline")).body());
    JsonNode ack = null;
    for (JsonNode e : timeline.get("events")) {
      if (e.get("action").asString().equals("ALARM_ACKNOWLEDGED")) {
        ack = e;
      }
    }
    assertThat(ack).as(timeline.toString()).isNotNull();
    assertThat(ack.get("actor").asString()).isEqualTo("leader-community");
    assertThat(ack.get("actorRole").asString()).isEqualTo("GRID_LEADER");
    assertThat(Instant.parse(ack.get("at").asString())).isAfter(before);
    assertThat(timeline.get("events").toString()).contains("ALARM_RAISED");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE action = 'ALARM_ACKNOWLEDGED' AND entity_id = ?", Long.class, Long.toString(alarm)))
        .isEqualTo(1);

    // Still listed (acknowledged, with who) for the wall; /api/stats counts the grid's acknowledgement.
    assertThat(listed("operator-street", alarm).get("acknowledgedBy").asString()).isEqualTo("leader-community");
    JsonNode stats = JSON.readTree(ok(as("operator-district").get("/api/stats?period=month")).body());
    JsonNode grid = stats.get("alarmAcknowledgement").get(0);
    assertThat(grid.get("level").asString()).isEqualTo("GRID");
    assertThat(grid.get("acknowledged").asLong()).isPositive();
    assertThat(grid.get("medianMinutes").isNumber()).isTrue();
    assertThat(stats.get("alarmAcknowledgement")).hasSize(4);
  }

  @Test
  void theStreetCentreAcknowledgesAtTheStreetLevel() throws Exception {
    long incident = report(alarmItem, "HIGH");
    long alarm = alarmOf(incident);
    climb.sweep(due(alarm).plusSeconds(1));
    climb.sweep(due(alarm).plusSeconds(1));
    assertThat(alarmColumn(alarm, "level")).isEqualTo("STREET");
    assertThat(acknowledge("operator-district", alarm).statusCode()).isEqualTo(403);
    assertThat(acknowledge("leader-community", alarm).statusCode()).isEqualTo(403);
    ok(acknowledge("operator-street", alarm));
    assertThat(jdbc.queryForObject("SELECT acknowledged_by FROM alarm_step WHERE alarm_id = ? AND level = 'STREET'", String.class, alarm))
        .isEqualTo("operator-street");
  }

  @Test
  void aLowRiskOrdinaryReportRaisesNoAlarm() {
    long incident = report(ordinaryItem, "LOW");
    assertThat(alarmOf(incident)).isNull();
    assertThat(eventsOf(incident, "ALARM_RAISED")).isZero();
  }

  @Test
  void highRiskWithManyPeopleInvolvedRaisesAnAlarmByTheRule() {
    // An item that asks how many people are involved and raises no alarm by itself: the answers
    // go through the intake as a reporter gives them.
    String asksPeople =
        jdbc.queryForObject(
            "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND raises_alarm = FALSE"
                + " AND questions LIKE '%people_involved%' AND questions NOT LIKE '%\"required\":true%'",
            String.class);
    assertThat(asksPeople).as("an item asking people_involved").isNotNull();
    long few = report(asksPeople, "HIGH", "{\"people_involved\":3}");
    long many = report(asksPeople, "HIGH", "{\"people_involved\":12}");
    long manyButLow = report(asksPeople, "LOW", "{\"people_involved\":40}");
    assertThat(jdbc.queryForObject("SELECT answers FROM incident WHERE id = ?", String.class, many)).contains("12");
    assertThat(alarmOf(few)).isNull();
    assertThat(alarmOf(manyButLow)).isNull();
    assertThat(alarmOf(many)).isNotNull();
    assertThat(alarmColumn(alarmOf(many), "reason")).isEqualTo("RULE");
  }

  @Test
  void badInputChangesNothing() {
    var unknown = acknowledge("leader-community", 987_654_321L);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    long incident = report(alarmItem, "HIGH");
    long alarm = alarmOf(incident);
    var badKey = as("leader-community").post("/api/alarms/" + alarm + "/acknowledge", "{}", Map.of("Idempotency-Key", "k".repeat(101)));
    assertThat(badKey.statusCode()).isEqualTo(400);
    assertThat(badKey.body()).contains("Idempotency-Key");
    assertThat(as("leader-community").post("/api/alarms/abc/acknowledge", "{}").statusCode()).isEqualTo(400);
    assertThat(alarmColumn(alarm, "state")).isEqualTo("OPEN");
    assertThat(Api.anonymous(port).get("/api/alarms").statusCode()).isEqualTo(401);
  }

  static HttpResponse<String> ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  Coordinate interior(String gridCode) {
    byte[] wkb =
        jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, gridCode);
    try {
      return new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
  }
}
