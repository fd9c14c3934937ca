package org.wangge.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.springframework.transaction.support.TransactionTemplate;
import org.wangge.Api;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.security.Jurisdiction;
import org.wangge.security.Role;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The closed loop over HTTP with the demo users: the whole path from report to follow-up, every
 * forbidden transition ({@code 409} naming the state and what is allowed), roles ({@code 403}),
 * jurisdiction ({@code 404}), bad input ({@code 400}), racing transitions, and the timeline
 * written in the transition's transaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClosedLoopContract extends CaseFixtures {

  /** The table the issue asks for, written out here independently of CaseTransitions. */
  static final Map<IncidentStatus, Set<CaseAction>> ALLOWED_FROM =
      Map.of(
          IncidentStatus.REPORTED, EnumSet.of(CaseAction.DISPATCH, CaseAction.ESCALATE, CaseAction.CANCEL, CaseAction.MERGE),
          IncidentStatus.DISPATCHED,
              EnumSet.of(
                  CaseAction.DISPATCH, CaseAction.ACCEPT, CaseAction.RETURN, CaseAction.ESCALATE, CaseAction.EXTEND, CaseAction.CANCEL,
                  CaseAction.WHISTLE, CaseAction.WHISTLE_DONE, CaseAction.MERGE, CaseAction.URGE),
          IncidentStatus.ACCEPTED,
              EnumSet.of(
                  CaseAction.DISPATCH, CaseAction.START, CaseAction.HANDLE, CaseAction.RETURN, CaseAction.ESCALATE, CaseAction.EXTEND,
                  CaseAction.CANCEL, CaseAction.WHISTLE, CaseAction.WHISTLE_DONE, CaseAction.MERGE, CaseAction.URGE),
          IncidentStatus.IN_PROGRESS,
              EnumSet.of(
                  CaseAction.HANDLE, CaseAction.ESCALATE, CaseAction.EXTEND, CaseAction.CANCEL, CaseAction.WHISTLE, CaseAction.WHISTLE_DONE,
                  CaseAction.MERGE, CaseAction.URGE),
          IncidentStatus.HANDLED,
              EnumSet.of(CaseAction.CLOSE, CaseAction.REOPEN, CaseAction.ESCALATE, CaseAction.CANCEL, CaseAction.WHISTLE_DONE, CaseAction.MERGE),
          IncidentStatus.CLOSED, EnumSet.of(CaseAction.FOLLOW_UP),
          IncidentStatus.FOLLOWED_UP, EnumSet.noneOf(CaseAction.class),
          IncidentStatus.CANCELLED, EnumSet.noneOf(CaseAction.class));

  @Test
  void aCaseGoesFromReportToFollowUpWithEveryStepOnItsTimeline() {
    long id = dispatchedCase();
    ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
    ok(act("member-grid1", id, Map.of("action", "START")));
    ok(act("member-grid1", id, Map.of("action", "HANDLE", "note", "井盖已更换")));
    ok(act("leader-community", id, Map.of("action", "CLOSE")));
    JsonNode done = ok(act("operator-street", id, Map.of("action", "FOLLOW_UP", "satisfaction", 5)));
    assertThat(done.get("status").asString()).isEqualTo("FOLLOWED_UP");
    assertThat(done.get("allowedActions").size()).isZero();
    List<String> actions = new ArrayList<>();
    String previous = null;
    for (JsonNode e : done.get("events")) {
      actions.add(e.get("action").asString());
      if (previous != null) {
        assertThat(e.get("from").asString()).isEqualTo(previous);
      }
      previous = e.get("to").asString();
    }
    assertThat(actions).containsExactly("REPORT", "DISPATCH", "ACCEPT", "START", "HANDLE", "CLOSE", "FOLLOW_UP");
    assertThat(done.get("events").get(4).get("detail").asString()).contains("井盖已更换");
    assertThat(done.get("events").get(4).get("actor").asString()).isEqualTo("member-grid1");
    assertThat(jdbc.queryForObject("SELECT satisfaction FROM incident WHERE id = ?", Integer.class, id)).isEqualTo(5);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE entity_type = 'incident' AND entity_id = ? AND action LIKE 'CASE_%'",
                Long.class,
                Long.toString(id)))
        .isEqualTo(6);
    // The same timeline is readable, and the case view agrees.
    assertThat(JSON.readTree(as("member-grid1").get("/api/incidents/" + id + "/timeline").body()).get("events").size()).isEqualTo(7);
    JsonNode view = JSON.readTree(as("member-grid1").get("/api/incidents/" + id).body());
    assertThat(view.get("status").asString()).isEqualTo("FOLLOWED_UP");
    assertThat(view.get("loop").get("satisfaction").asInt()).isEqualTo(5);
    assertThat(view.get("loop").get("stage").isNull()).isTrue();
    assertThat(view.get("loop").get("acceptedAt").isNull()).isFalse();
  }

  /** A fresh case brought to a state along the usual path ({@code whistled}: D01 called in first). */
  long caseIn(IncidentStatus status, boolean whistled) {
    long id = dispatchedCase();
    if (whistled) {
      ok(act("operator-street", id, Map.of("action", "WHISTLE", "departmentCodes", List.of(department()))));
    }
    switch (status) {
      case REPORTED -> ok(act("member-grid1", id, Map.of("action", "RETURN", "reason", "不属于本网格")));
      case DISPATCHED -> {}
      default -> {
        ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
        if (status == IncidentStatus.ACCEPTED) {
          break;
        }
        ok(act("member-grid1", id, Map.of("action", "START")));
        if (status == IncidentStatus.IN_PROGRESS) {
          break;
        }
        ok(act("member-grid1", id, Map.of("action", "HANDLE", "note", "处理")));
        if (status == IncidentStatus.HANDLED) {
          break;
        }
        ok(act("operator-street", id, Map.of("action", "CLOSE")));
      }
    }
    assertThat(status(id)).isEqualTo(status.name());
    return id;
  }

  String department() {
    return jdbc.queryForObject("SELECT department_code FROM app_user WHERE username = 'officer-dept'", String.class);
  }

  @Test
  void everyActionTheStateAllowsWorksForItsRoleAndLeadsWhereTheTableSays() {
    Map<CaseAction, IncidentStatus> leadsTo =
        Map.of(
            CaseAction.DISPATCH, IncidentStatus.DISPATCHED,
            CaseAction.ACCEPT, IncidentStatus.ACCEPTED,
            CaseAction.START, IncidentStatus.IN_PROGRESS,
            CaseAction.HANDLE, IncidentStatus.HANDLED,
            CaseAction.CLOSE, IncidentStatus.CLOSED,
            CaseAction.REOPEN, IncidentStatus.IN_PROGRESS,
            CaseAction.FOLLOW_UP, IncidentStatus.FOLLOWED_UP,
            CaseAction.RETURN, IncidentStatus.REPORTED,
            CaseAction.CANCEL, IncidentStatus.CANCELLED,
            CaseAction.MERGE, IncidentStatus.CANCELLED);
    int done = 0;
    for (var entry : ALLOWED_FROM.entrySet()) {
      IncidentStatus from = entry.getKey();
      if (from == IncidentStatus.FOLLOWED_UP || from == IncidentStatus.CANCELLED) {
        continue;
      }
      for (CaseAction action : entry.getValue()) {
        long id = caseIn(from, action == CaseAction.WHISTLE_DONE);
        String user =
            switch (action) {
              case ACCEPT, START, HANDLE, RETURN -> "member-grid1";
              case WHISTLE_DONE -> "officer-dept";
              default -> "operator-street";
            };
        Map<String, Object> body =
            switch (action) {
              case DISPATCH -> Map.of("action", "DISPATCH", "assigneeCode", member1);
              case HANDLE -> Map.of("action", "HANDLE", "note", "处理完毕");
              case FOLLOW_UP -> Map.of("action", "FOLLOW_UP", "satisfaction", 4);
              case ESCALATE -> Map.of("action", "ESCALATE", "level", "COMMUNITY", "reason", "协调");
              case EXTEND -> Map.of("action", "EXTEND", "reason", "等待", "dueAt", Instant.now().plus(200, ChronoUnit.DAYS).toString());
              case WHISTLE -> Map.of("action", "WHISTLE", "departmentCodes", List.of(department()));
              case WHISTLE_DONE -> Map.of("action", "WHISTLE_DONE", "note", "已报到");
              case MERGE -> Map.of("action", "MERGE", "intoId", newCase());
              default -> Map.of("action", action.name(), "reason", "测试");
            };
        JsonNode after = ok(act(user, id, body));
        IncidentStatus expected = leadsTo.getOrDefault(action, from);
        assertThat(after.get("status").asString()).as(from + " " + action).isEqualTo(expected.name());
        assertThat(after.get("events").get(after.get("events").size() - 1).get("action").asString()).isEqualTo(action.name());
        done++;
      }
    }
    assertThat(done).isEqualTo(ALLOWED_FROM.values().stream().mapToInt(Set::size).sum());
  }

  @Test
  void everyActionTheStateDoesNotAllowIsA409NamingTheStateAndWhatIsAllowed() {
    long id = newCase();
    ok(act("operator-street", id, Map.of("action", "DISPATCH", "assigneeCode", member1)));
    List<Map<String, Object>> path =
        List.of(
            Map.of("action", "ACCEPT"),
            Map.of("action", "START"),
            Map.of("action", "HANDLE", "note", "已处理"),
            Map.of("action", "CLOSE"),
            Map.of("action", "FOLLOW_UP", "satisfaction", 4));
    int step = 0;
    while (true) {
      IncidentStatus now = IncidentStatus.valueOf(status(id));
      long before = events(id);
      for (CaseAction action : CaseAction.values()) {
        if (ALLOWED_FROM.get(now).contains(action)) {
          continue;
        }
        var refused = act("operator-city", id, Map.of("action", action.name(), "reason", "测试", "note", "测试"));
        assertThat(refused.statusCode()).as(now + " " + action + ": " + refused.body()).isEqualTo(409);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("currentStatus").asString()).isEqualTo(now.name());
        assertThat(problem.get("detail").asString()).contains(now.name(), action.name());
        for (JsonNode allowed : problem.get("allowedActions")) {
          assertThat(ALLOWED_FROM.get(now)).contains(CaseAction.valueOf(allowed.asString()));
        }
      }
      assertThat(status(id)).isEqualTo(now.name());
      assertThat(events(id)).isEqualTo(before);
      if (step == path.size()) {
        break;
      }
      String user = step < 3 ? "member-grid1" : "operator-street";
      ok(act(user, id, path.get(step++)));
    }
    // A cancelled case allows nothing either.
    long cancelled = newCase();
    ok(act("operator-street", cancelled, Map.of("action", "CANCEL", "reason", "重复上报")));
    var refused = act("operator-street", cancelled, Map.of("action", "DISPATCH", "assigneeCode", member1));
    assertThat(refused.statusCode()).isEqualTo(409);
  }

  @Test
  void rolesAndJurisdictionGuardEachAction() {
    long id = dispatchedCase();
    // Outside the jurisdiction the case does not exist.
    assertThat(act("member-grid2", id, Map.of("action", "ACCEPT")).statusCode()).isEqualTo(404);
    assertThat(act("operator-street2", id, Map.of("action", "CANCEL", "reason", "x")).statusCode()).isEqualTo(404);
    assertThat(as("member-grid2").get("/api/incidents/" + id + "/timeline").statusCode()).isEqualTo(404);
    // Inside, the role decides.
    var planner = act("planner-district", id, Map.of("action", "DISPATCH", "assigneeCode", member1));
    assertThat(planner.statusCode()).isEqualTo(403);
    ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
    ok(act("member-grid1", id, Map.of("action", "HANDLE", "note", "处理完毕")));
    var selfClose = act("member-grid1", id, Map.of("action", "CLOSE"));
    assertThat(selfClose.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(selfClose.body()).get("detail").asString()).contains("CLOSE");
    // What each caller is offered matches what they may do.
    JsonNode forMember = JSON.readTree(as("member-grid1").get("/api/incidents/" + id + "/timeline").body());
    assertThat(forMember.get("allowedActions").toString()).contains("ESCALATE").doesNotContain("CLOSE", "REOPEN");
    JsonNode forLeader = JSON.readTree(as("leader-community").get("/api/incidents/" + id + "/timeline").body());
    assertThat(forLeader.get("allowedActions").toString()).contains("CLOSE", "REOPEN");
  }

  @Test
  void returnReopenEscalateExtendAndCancelNeedTheirReasonsAndAreCounted() {
    long id = dispatchedCase();
    var noReason = act("member-grid1", id, Map.of("action", "RETURN"));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noReason.body()).get("field").asString()).isEqualTo("reason");
    JsonNode returned = ok(act("member-grid1", id, Map.of("action", "RETURN", "reason", "不属于本网格")));
    assertThat(returned.get("status").asString()).isEqualTo("REPORTED");
    ok(act("operator-street", id, Map.of("action", "DISPATCH", "assigneeCode", member1)));
    ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
    ok(act("member-grid1", id, Map.of("action", "HANDLE", "note", "第一次处理")));
    JsonNode reopened = ok(act("leader-community", id, Map.of("action", "REOPEN", "reason", "核查未通过")));
    assertThat(reopened.get("status").asString()).isEqualTo("IN_PROGRESS");
    assertThat(jdbc.queryForObject("SELECT rework_count FROM incident WHERE id = ?", Integer.class, id)).isEqualTo(1);

    ok(act("member-grid1", id, Map.of("action", "ESCALATE", "level", "STREET", "reason", "需要街道协调")));
    var down = act("member-grid1", id, Map.of("action", "ESCALATE", "level", "COMMUNITY", "reason", "x"));
    assertThat(down.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(down.body()).get("field").asString()).isEqualTo("level");
    assertThat(jdbc.queryForObject("SELECT owner_area_code FROM incident WHERE id = ?", String.class, id)).isEqualTo(grid1.substring(0, 9));

    Instant due = jdbc.queryForObject("SELECT due_at FROM incident WHERE id = ?", java.sql.Timestamp.class, id).toInstant();
    var earlier = act("operator-street", id, Map.of("action", "EXTEND", "reason", "x", "dueAt", due.minus(1, ChronoUnit.HOURS).toString()));
    assertThat(earlier.statusCode()).isEqualTo(400);
    assertThat(act("member-grid1", id, Map.of("action", "EXTEND", "reason", "x", "dueAt", due.plus(1, ChronoUnit.DAYS).toString())).statusCode())
        .isEqualTo(403);
    ok(act("operator-street", id, Map.of("action", "EXTEND", "reason", "等待配件", "dueAt", due.plus(2, ChronoUnit.DAYS).toString())));
    assertThat(jdbc.queryForObject("SELECT extension_count FROM incident WHERE id = ?", Integer.class, id)).isEqualTo(1);
    JsonNode cancelled = ok(act("operator-street", id, Map.of("action", "CANCEL", "reason", "群众撤回")));
    assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
    var unknown = act("operator-street", id, Map.of("action", "FLY"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).get("field").asString()).isEqualTo("action");
  }

  List<String> inbox(String user, String why) {
    JsonNode page = JSON.readTree(as(user).get("/api/inbox?size=200").body());
    List<String> ids = new ArrayList<>();
    for (JsonNode t : page.get("items")) {
      if (why == null || t.get("why").asString().equals(why)) {
        ids.add(t.get("id").asString());
      }
    }
    return ids;
  }

  @Test
  void eachUserSeesTheirTasksMostUrgentFirst() {
    long id = dispatchedCase();
    String key = Long.toString(id);
    assertThat(inbox("member-grid1", "ASSIGNED")).contains(key);
    assertThat(inbox("member-grid2", null)).doesNotContain(key);
    ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
    ok(act("member-grid1", id, Map.of("action", "HANDLE", "note", "已修复")));
    assertThat(inbox("member-grid1", "ASSIGNED")).doesNotContain(key);
    assertThat(inbox("leader-community", "TO_VERIFY")).contains(key);
    assertThat(inbox("operator-street", "TO_VERIFY")).contains(key);
    assertThat(inbox("operator-street2", null)).doesNotContain(key);
    assertThat(inbox("planner-district", null)).isEmpty();
    // A red case comes first.
    long red = dispatchedCase();
    // Red, and due before any other open task (other tests' cases may have turned red by now).
    java.sql.Timestamp earliest =
        jdbc.queryForObject("SELECT min(stage_due_at) FROM incident WHERE stage_due_at IS NOT NULL", java.sql.Timestamp.class);
    jdbc.update(
        "UPDATE incident SET urge_level = 2, stage_due_at = ? WHERE id = ?",
        java.sql.Timestamp.from(earliest.toInstant().minusSeconds(60)), red);
    assertThat(inbox("member-grid1", null).getFirst()).isEqualTo(Long.toString(red));
    ok(act("leader-community", id, Map.of("action", "CLOSE")));
    assertThat(inbox("member-grid1", "TO_FOLLOW_UP")).contains(key);
    assertThat(as("member-grid1").get("/api/inbox?size=500").statusCode()).isEqualTo(400);
  }

  @Test
  void aWhistleCallsADepartmentInWithItsOwnDeadlineAndItReportsBack() {
    long id = dispatchedCase();
    String department = jdbc.queryForObject("SELECT department_code FROM app_user WHERE username = 'officer-dept'", String.class);
    assertThat(as("officer-dept").get("/api/incidents/" + id).statusCode()).isEqualTo(404);
    assertThat(act("member-grid1", id, Map.of("action", "WHISTLE", "departmentCodes", List.of(department))).statusCode()).isEqualTo(403);
    JsonNode called = ok(act("operator-street", id, Map.of("action", "WHISTLE", "departmentCodes", List.of(department), "workingHours", 4)));
    assertThat(called.get("events").toString()).contains("WHISTLE", department);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_whistle WHERE incident_id = ? AND due_at IS NOT NULL", Long.class, id))
        .isEqualTo(1);
    var again = act("operator-street", id, Map.of("action", "WHISTLE", "departmentCodes", List.of(department)));
    assertThat(again.statusCode()).isEqualTo(400);
    // The called department now sees the case, has it in its inbox, and may report back once.
    assertThat(as("officer-dept").get("/api/incidents/" + id).statusCode()).isEqualTo(200);
    assertThat(inbox("officer-dept", "CALLED_IN")).contains(Long.toString(id));
    JsonNode forOfficer = JSON.readTree(as("officer-dept").get("/api/incidents/" + id + "/timeline").body());
    assertThat(forOfficer.get("allowedActions").toString()).contains("WHISTLE_DONE").doesNotContain("ACCEPT");
    assertThat(act("officer-dept", id, Map.of("action", "WHISTLE_DONE")).statusCode()).isEqualTo(400);
    ok(act("officer-dept", id, Map.of("action", "WHISTLE_DONE", "note", "城管已清理占道")));
    assertThat(act("officer-dept", id, Map.of("action", "WHISTLE_DONE", "note", "again")).statusCode()).isEqualTo(403);
    assertThat(inbox("officer-dept", "CALLED_IN")).doesNotContain(Long.toString(id));
    assertThat(jdbc.queryForObject("SELECT done_by FROM incident_whistle WHERE incident_id = ?", String.class, id)).isEqualTo("officer-dept");
  }

  @Test
  void aDuplicateIsMergedIntoItsOriginalWithItsReporter() {
    long original = dispatchedCase();
    Coordinate c = interior(grid1);
    var filed =
        as("operator-street").post(
            "/api/incidents",
            "{\"lon\":" + c.x + ",\"lat\":" + c.y + ",\"categoryCode\":\"" + category
                + "\",\"description\":\"同一井盖又有人报\",\"source\":\"HOTLINE\",\"reporterName\":\"赵六\",\"reporterPhone\":\"13700002222\"}");
    long duplicate = JSON.readTree(filed.body()).get("id").asLong();
    assertThat(act("operator-street", duplicate, Map.of("action", "MERGE", "intoId", duplicate)).statusCode()).isEqualTo(400);
    JsonNode merged = ok(act("operator-street", duplicate, Map.of("action", "MERGE", "intoId", original, "reason", "重复上报")));
    assertThat(merged.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(jdbc.queryForObject("SELECT merged_into FROM incident WHERE id = ?", Long.class, duplicate)).isEqualTo(original);
    assertThat(jdbc.queryForObject("SELECT reporter_name FROM incident_reporter WHERE incident_id = ?", String.class, original)).isEqualTo("赵六");
    assertThat(jdbc.queryForObject("SELECT reporter_phone FROM incident_reporter WHERE incident_id = ?", String.class, original)).startsWith("enc1:");
    JsonNode onOriginal = JSON.readTree(as("operator-street").get("/api/incidents/" + original + "/timeline").body());
    assertThat(onOriginal.get("events").toString()).contains("MERGED_IN", "同一井盖又有人报");
    long closed = dispatchedCase();
    ok(act("operator-street", closed, Map.of("action", "CANCEL", "reason", "x")));
    long another = newCase();
    var intoClosed = act("operator-street", another, Map.of("action", "MERGE", "intoId", closed));
    assertThat(intoClosed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(intoClosed.body()).get("field").asString()).isEqualTo("intoId");
  }

  @Test
  void theHandlersFeedbackCarriesPhotosOnItsTimelineEntry() throws Exception {
    long id = dispatchedCase();
    ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
    byte[] png = org.wangge.TestImages.png(4, 3);
    String boundary = "wangge" + java.util.UUID.randomUUID();
    var body = new java.io.ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"action\"\r\nContent-Type: application/json\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.write("{\"action\":\"HANDLE\",\"note\":\"已更换井盖，见照片\"}\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"after.png\"\r\nContent-Type: image/png\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.write(png);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var response =
        Api.send(
            as("member-grid1").request("/api/incidents/" + id + "/actions")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    JsonNode timeline = ok(response);
    JsonNode handle = timeline.get("events").get(timeline.get("events").size() - 1);
    assertThat(handle.get("action").asString()).isEqualTo("HANDLE");
    assertThat(handle.get("photos").size()).isEqualTo(1);
    var photo = Api.send(as("member-grid1").request(handle.get("photos").get(0).get("url").asString()).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(photo.body()).isEqualTo(png);
    // A file that is no image is refused, naming it, and changes nothing.
    long other = dispatchedCase();
    ok(act("member-grid1", other, Map.of("action", "ACCEPT")));
    String bad = new String(body.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1).replace("\u0089PNG", "TEXT");
    var refused =
        Api.send(
            as("member-grid1").request("/api/incidents/" + other + "/actions")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bad.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                .build());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(refused.body()).get("field").asString()).isEqualTo("photos[0]");
    assertThat(status(other)).isEqualTo("ACCEPTED");
  }

  @Test
  void racingTransitionsLetExactlyOneWin() throws Exception {
    long id = dispatchedCase();
    var pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> tries = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        tries.add(() -> act("member-grid1", id, Map.of("action", "ACCEPT")).statusCode());
      }
      List<Integer> codes = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(tries)) {
        codes.add(f.get());
      }
      assertThat(codes.stream().filter(c -> c == 200).count()).as(codes.toString()).isEqualTo(1);
      assertThat(codes).allMatch(c -> c == 200 || c == 409);
    } finally {
      pool.shutdown();
    }
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_event WHERE incident_id = ? AND action = 'ACCEPT'", Long.class, id))
        .isEqualTo(1);
  }

  @Test
  void theTimelineEntryIsWrittenInTheTransitionsTransaction() {
    long id = dispatchedCase();
    long before = events(id);
    var operator = new Jurisdiction(0, "operator-city", Role.OPERATOR, "3605", null, null);
    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    tx -> {
                      workflow.act(id, new CaseActionRequest("CANCEL", "回滚测试", null, null, null, null, null, null, null, null, null, null), operator, Instant.now());
                      assertThat(events(id)).isEqualTo(before + 1);
                      throw new IllegalStateException("fails after the transition");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(events(id)).isEqualTo(before);
    assertThat(status(id)).isEqualTo("DISPATCHED");
  }

}
