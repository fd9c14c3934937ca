package org.wangge.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.incident.IncidentChanged;
import org.wangge.team.ContactPhones;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.wangge.Api;
import org.wangge.incident.UrgingSweeps;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notification webhook end to end, against a receiver the test starts: a case assigned to a
 * member is delivered once to the GRID_MEMBER webhook, signed, naming the member; a red clock gives
 * OVERDUE and its climb ESCALATED to the centre's webhook; a receiver answering 500 or refusing
 * connections is retried with growing waits and gets the same delivery id when it is back; the ADMIN
 * lists the outbox. Each subclass runs its own receiver and its own context (the webhooks are
 * configuration).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String MEMBER_SECRET = "member-webhook-secret-0001";
  static final String CENTRE_SECRET = "centre-webhook-secret-0002";
  static final String MEMBERS = "/hooks/members";
  static final String CENTRE = "/hooks/centre";
  static final String SMS = "/hooks/sms";
  static final String SMS_SECRET = "sms-gateway-webhook-secret-3";

  /**
   * The webhooks: members (GRID_MEMBER), the centre (OPERATOR, GRID_LEADER), and an SMS gateway
   * (GRID_MEMBER, with phones); quick retries.
   */
  static void configure(DynamicPropertyRegistry registry, WebhookReceiver receiver) {
    registry.add("wangge.notify.webhooks[0].name", () -> "members");
    registry.add("wangge.notify.webhooks[0].url", () -> receiver.url(MEMBERS));
    registry.add("wangge.notify.webhooks[0].secret", () -> MEMBER_SECRET);
    registry.add("wangge.notify.webhooks[0].roles", () -> "GRID_MEMBER");
    registry.add("wangge.notify.webhooks[0].events", () -> "ASSIGNED,OVERDUE");
    registry.add("wangge.notify.webhooks[0].request-timeout", () -> "PT5S");
    registry.add("wangge.notify.webhooks[1].name", () -> "centre");
    registry.add("wangge.notify.webhooks[1].url", () -> receiver.url(CENTRE));
    registry.add("wangge.notify.webhooks[1].secret", () -> CENTRE_SECRET);
    registry.add("wangge.notify.webhooks[1].roles", () -> "OPERATOR,GRID_LEADER");
    registry.add("wangge.notify.webhooks[1].events", () -> "OVERDUE,ESCALATED,ALARM");
    registry.add("wangge.notify.webhooks[1].request-timeout", () -> "PT5S");
    registry.add("wangge.notify.webhooks[2].name", () -> "sms");
    registry.add("wangge.notify.webhooks[2].url", () -> receiver.url(SMS));
    registry.add("wangge.notify.webhooks[2].secret", () -> SMS_SECRET);
    registry.add("wangge.notify.webhooks[2].roles", () -> "GRID_MEMBER");
    registry.add("wangge.notify.webhooks[2].events", () -> "ASSIGNED");
    registry.add("wangge.notify.webhooks[2].include-phones", () -> "true");
    registry.add("wangge.notify.webhooks[2].request-timeout", () -> "PT5S");
    registry.add("wangge.notify.poll-interval", () -> "PT0.2S");
    registry.add("wangge.notify.lease", () -> "PT15S");
    registry.add("wangge.notify.backoff-initial", () -> "PT0.5S");
    registry.add("wangge.notify.backoff-max", () -> "PT2S");
    registry.add("wangge.notify.max-attempts", () -> "200");
    registry.add("wangge.notify.public-url", () -> "https://wangge.example.org/");
  }

  abstract WebhookReceiver receiver();

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;
  @Autowired ApplicationContext context;
  @Autowired ContactPhones phones;
  @Autowired TransactionTemplate transactions;
  @Autowired ApplicationEventPublisher events;

  String grid1;
  String member1;
  String category;

  @BeforeAll
  void readTheDemoCity() {
    grid1 = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'member-grid1'", String.class);
    member1 = jdbc.queryForObject("SELECT member_code FROM app_user WHERE username = 'member-grid1'", String.class);
    category =
        jdbc.queryForObject(
            "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL AND grid_admitted",
            String.class);
  }

  Api as(String user) {
    return Api.as(port, user);
  }

  record Filed(long id, String number) {}

  Filed report() {
    Coordinate c = interior(grid1);
    var filed =
        as("operator-street").post(
            "/api/incidents",
            "{\"lon\":" + c.x + ",\"lat\":" + c.y + ",\"categoryCode\":\"" + category
                + "\",\"description\":\"通知测试\",\"source\":\"PATROL\"}");
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    JsonNode body = JSON.readTree(filed.body());
    return new Filed(body.get("id").asLong(), body.get("number").asString());
  }

  Filed dispatched() {
    Filed f = report();
    var r = as("operator-street").post("/api/incidents/" + f.id() + "/actions", "{\"action\":\"DISPATCH\",\"assigneeCode\":\"" + member1 + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return f;
  }

  Coordinate interior(String gridCode) {
    byte[] wkb = jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, gridCode);
    try {
      return new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the members' webhook got about dispatching this case. */
  List<WebhookReceiver.Received> dispatches(Filed f) {
    return receiver().about(MEMBERS, f.number(), "ASSIGNED").stream()
        .filter(r -> r.json().path("action").asString().equals("DISPATCH"))
        .toList();
  }

  Long outboxCount(String sql, Object... args) {
    return jdbc.queryForObject("SELECT count(*) FROM notification_outbox WHERE " + sql, Long.class, args);
  }

  static void assertSigned(WebhookReceiver.Received r, String secret) {
    assertThat(r.header("X-Wangge-Signature")).startsWith("sha256=");
    assertThat(WebhookSignature.verify(secret, r.body(), r.header("X-Wangge-Signature")))
        .as("the signature is the HMAC-SHA256 of the body with the endpoint's secret")
        .isTrue();
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(Long.parseLong(r.header("X-Wangge-Timestamp"))).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(120L));
    assertThat(r.json().path("deliveryId").asString()).isEqualTo(r.deliveryId());
    assertThat(r.json().path("event").asString()).isEqualTo(r.event());
  }

  @Test
  void aReportAssignedToAMemberIsDeliveredOnceToTheMemberWebhookSignedAndNamingTheMember() {
    // The embedded data directory is shared with other test classes: put the duty back as found.
    boolean wasOnDuty = jdbc.queryForObject("SELECT on_duty FROM member WHERE code = ?", Boolean.class, member1);
    var duty = as("member-grid1").put("/api/members/me/duty", "{\"onDuty\":true}");
    assertThat(duty.statusCode()).as(duty.body()).isEqualTo(200);
    Filed f;
    try {
      f = report();
    } finally {
      as("member-grid1").put("/api/members/me/duty", "{\"onDuty\":" + wasOnDuty + "}");
    }
    String assignee =
        jdbc.queryForObject("SELECT m.code FROM incident i JOIN member m ON m.id = i.assignee_id WHERE i.id = ?", String.class, f.id());
    assertThat(assignee).as("a member of grid 1 is on duty: the report is assigned").isNotNull();

    await().atMost(Duration.ofSeconds(30)).until(() -> outboxCount("incident_id = ? AND endpoint = 'members' AND delivered_at IS NOT NULL", f.id()) == 1);
    List<WebhookReceiver.Received> got = receiver().about(MEMBERS, f.number(), "ASSIGNED");
    assertThat(got).hasSize(1);
    WebhookReceiver.Received r = got.getFirst();
    assertSigned(r, MEMBER_SECRET);
    JsonNode body = r.json();
    assertThat(body.path("action").asString()).isEqualTo("REPORT");
    assertThat(body.path("role").asString()).isEqualTo("GRID_MEMBER");
    JsonNode c = body.path("case");
    assertThat(c.path("item").path("code").asString()).isEqualTo(category);
    assertThat(c.path("grid").asString()).isEqualTo(grid1);
    assertThat(c.path("deadline").asString()).isNotBlank();
    assertThat(c.path("place").path("lon").asDouble()).isBetween(-180.0, 180.0);
    assertThat(c.path("link").asString()).isEqualTo("https://wangge.example.org/?case=" + java.net.URLEncoder.encode(f.number(), java.nio.charset.StandardCharsets.UTF_8));
    JsonNode recipients = body.path("recipients");
    assertThat(recipients).hasSize(1);
    assertThat(recipients.get(0).path("type").asString()).isEqualTo("MEMBER");
    assertThat(recipients.get(0).path("code").asString()).isEqualTo(assignee);
    assertThat(recipients.get(0).has("phone")).as("no phones unless the endpoint asks").isFalse();
    if (assignee.equals(member1)) {
      assertThat(recipients.get(0).path("username").asString()).isEqualTo("member-grid1");
    }
    // The centre's webhook does not take ASSIGNED.
    assertThat(receiver().about(CENTRE, f.number(), "ASSIGNED")).isEmpty();
    assertThat(outboxCount("incident_id = ? AND endpoint = 'members'", f.id())).isEqualTo(1);

    // The SMS gateway asked for phones: the member's phone in clear in what it gets, never in the outbox.
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver().about(SMS, f.number(), "ASSIGNED").size() == 1);
    var sms = receiver().about(SMS, f.number(), "ASSIGNED").getFirst();
    assertSigned(sms, SMS_SECRET);
    assertThat(sms.deliveryId()).isNotEqualTo(r.deliveryId());
    String phone = sms.json().path("recipients").get(0).path("phone").asString();
    assertThat(phone).isEqualTo(phones.ofMembers(List.of(assignee)).get(assignee)).matches("1\\d{10}");
    assertThat(jdbc.queryForObject("SELECT payload FROM notification_outbox WHERE incident_id = ? AND endpoint = 'sms'", String.class, f.id()))
        .doesNotContain(phone);
    assertThat(jdbc.queryForObject("SELECT phone FROM member WHERE code = ?", String.class, assignee)).doesNotContain(phone);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_event WHERE action = 'UNMASKED_READ' AND entity_type = 'notification' AND entity_id = ?",
                Long.class,
                sms.deliveryId()))
        .as("phones sent in clear are on the audit trail")
        .isEqualTo(1);

    // Dispatching it is a new assignment, with a new delivery id.
    var r2 = as("operator-street").post("/api/incidents/" + f.id() + "/actions", "{\"action\":\"DISPATCH\",\"assigneeCode\":\"" + member1 + "\"}");
    assertThat(r2.statusCode()).as(r2.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver().about(MEMBERS, f.number(), "ASSIGNED").size() == 2);
    var second = receiver().about(MEMBERS, f.number(), "ASSIGNED").get(1);
    assertThat(second.json().path("action").asString()).isEqualTo("DISPATCH");
    assertThat(second.deliveryId()).isNotEqualTo(r.deliveryId());
    assertThat(second.json().path("recipients").get(0).path("code").asString()).isEqualTo(member1);
  }

  @Test
  void aRedClockGivesOverdueToTheMemberAndTheCentreAndItsClimbGivesEscalated() {
    Filed f = dispatched();
    await().atMost(Duration.ofSeconds(30)).until(() -> !receiver().about(MEMBERS, f.number(), "ASSIGNED").isEmpty());
    Instant past = Instant.now().minus(Duration.ofHours(1));
    jdbc.update(
        "UPDATE incident SET stage_warning_at = ?, stage_due_at = ? WHERE id = ?",
        Timestamp.from(past.minus(Duration.ofHours(1))),
        Timestamp.from(past),
        f.id());
    // The urging sweep, as its schedule would run it now (the test does not wait for the schedule).
    assertThat(UrgingSweeps.sweep(context, Instant.now())).isGreaterThanOrEqualTo(1);

    await().atMost(Duration.ofSeconds(45))
        .until(
            () ->
                !receiver().about(MEMBERS, f.number(), "OVERDUE").isEmpty()
                    && !receiver().about(CENTRE, f.number(), "OVERDUE").isEmpty()
                    && !receiver().about(CENTRE, f.number(), "ESCALATED").isEmpty());
    var overdue = receiver().about(MEMBERS, f.number(), "OVERDUE");
    assertThat(overdue).hasSize(1);
    assertSigned(overdue.getFirst(), MEMBER_SECRET);
    assertThat(overdue.getFirst().json().path("action").asString()).isEqualTo("URGE_RED");
    assertThat(overdue.getFirst().json().path("recipients").get(0).path("code").asString()).isEqualTo(member1);

    List<WebhookReceiver.Received> centre = new ArrayList<>(receiver().about(CENTRE, f.number(), "OVERDUE"));
    centre.addAll(receiver().about(CENTRE, f.number(), "ESCALATED"));
    for (var r : centre) {
      assertSigned(r, CENTRE_SECRET);
      assertThat(WebhookSignature.verify(MEMBER_SECRET, r.body(), r.header("X-Wangge-Signature"))).isFalse();
    }
    var escalated = receiver().about(CENTRE, f.number(), "ESCALATED");
    var operators = escalated.stream().filter(r -> r.json().path("role").asString().equals("OPERATOR")).toList();
    assertThat(operators).hasSize(1);
    JsonNode body = operators.getFirst().json();
    assertThat(body.path("action").asString()).isEqualTo("ESCALATE");
    assertThat(body.path("case").path("ownerLevel").asString()).isEqualTo("COMMUNITY");
    assertThat(body.path("recipients")).isNotEmpty();
    for (JsonNode p : body.path("recipients")) {
      assertThat(p.path("type").asString()).isEqualTo("USER");
      assertThat(grid1).as("an operator of a centre above the case").startsWith(p.path("areaCode").asString());
    }
    assertThat(body.path("recipients").toString()).contains("\"username\":\"operator-street\"");
  }

  @Test
  void aReceiverAnswering500IsRetriedWithGrowingWaitsAndGetsTheSameDeliveryIdWhenItRecovers() {
    receiver().answer(MEMBERS, 500);
    try {
      Filed f = dispatched();
      await().atMost(Duration.ofSeconds(30)).until(() -> dispatches(f).size() >= 4);
      var row =
          jdbc.queryForMap(
              "SELECT attempts, last_status, last_error, delivered_at, next_attempt_at FROM notification_outbox WHERE incident_id = ? AND action = 'DISPATCH' AND endpoint = 'members'",
              f.id());
      assertThat(((Number) row.get("attempts")).intValue()).isGreaterThanOrEqualTo(3);
      assertThat(((Number) row.get("last_status")).intValue()).isEqualTo(500);
      assertThat(row.get("delivered_at")).isNull();
      assertThat(row.get("next_attempt_at")).isNotNull();
      var failing = as("admin").get("/api/notifications/outbox?state=pending");
      assertThat(failing.statusCode()).isEqualTo(200);
      assertThat(failing.body()).contains(f.number(), "HTTP 500");

      receiver().answer(MEMBERS, 200);
      await().atMost(Duration.ofSeconds(30)).until(() -> outboxCount("incident_id = ? AND action = 'DISPATCH' AND endpoint = 'members' AND delivered_at IS NOT NULL", f.id()) == 1);
      List<WebhookReceiver.Received> attempts = dispatches(f);
      assertThat(attempts.stream().map(WebhookReceiver.Received::deliveryId).distinct()).hasSize(1);
      assertThat(attempts.stream().map(r -> Integer.parseInt(r.header("X-Wangge-Attempt"))).toList()).isSorted();
      attempts.forEach(r -> assertSigned(r, MEMBER_SECRET));
      // Waits 0.4–0.5 s, 0.8–1 s, 1.6–2 s (backoff 0.5 s doubling, jitter 0.2), plus the 0.2 s polls.
      Duration first = Duration.between(attempts.get(0).at(), attempts.get(1).at());
      Duration third = Duration.between(attempts.get(2).at(), attempts.get(3).at());
      assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(350));
      assertThat(third).isGreaterThan(first);
      var delivered = as("admin").get("/api/notifications/outbox?state=delivered&limit=1000");
      assertThat(delivered.body()).contains(attempts.getFirst().deliveryId());
    } finally {
      receiver().answer(MEMBERS, 200);
    }
  }

  @Test
  void aReceiverThatIsDownIsRetriedAndGetsTheDeliveryWhenItComesBack() {
    Filed f;
    receiver().stop();
    try {
      f = dispatched();
      await().atMost(Duration.ofSeconds(30))
          .until(() -> outboxCount("incident_id = ? AND action = 'DISPATCH' AND endpoint = 'members' AND attempts >= 3 AND last_error IS NOT NULL", f.id()) == 1);
      assertThat(outboxCount("incident_id = ? AND action = 'DISPATCH' AND endpoint = 'members' AND delivered_at IS NOT NULL", f.id())).isZero();
      assertThat(jdbc.queryForObject("SELECT last_error FROM notification_outbox WHERE incident_id = ? AND action = 'DISPATCH' AND endpoint = 'members'", String.class, f.id()))
          .contains("ConnectException");
    } finally {
      receiver().start();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> outboxCount("incident_id = ? AND action = 'DISPATCH' AND endpoint = 'members' AND delivered_at IS NOT NULL", f.id()) == 1);
    var got = dispatches(f);
    assertThat(got).hasSize(1);
    String id = jdbc.queryForObject("SELECT CAST(delivery_id AS VARCHAR(36)) FROM notification_outbox WHERE incident_id = ? AND action = 'DISPATCH' AND endpoint = 'members'", String.class, f.id());
    assertThat(got.getFirst().deliveryId()).isEqualTo(id);
    assertSigned(got.getFirst(), MEMBER_SECRET);
  }

  IncidentChanged change(Filed f, String action) {
    return new IncidentChanged(f.id(), f.number(), action, IncidentStatus.DISPATCHED, grid1, grid1, null, Instant.now());
  }

  @Test
  void alarmActionsGoToTheCentreAndAChangeRolledBackWritesNothing() {
    Filed f = dispatched();
    // As the alarm feature announces them: inside its transaction.
    transactions.executeWithoutResult(tx -> events.publishEvent(change(f, "ALARM_RAISED")));
    transactions.executeWithoutResult(tx -> events.publishEvent(change(f, "ALARM_ACKNOWLEDGED")));
    await().atMost(Duration.ofSeconds(30)).until(() -> !receiver().about(CENTRE, f.number(), "ALARM").isEmpty());
    var alarms = receiver().about(CENTRE, f.number(), "ALARM");
    assertThat(alarms).allSatisfy(r -> assertThat(r.json().path("action").asString()).isEqualTo("ALARM_RAISED"));
    assertThat(outboxCount("incident_id = ? AND event = 'ALARM'", f.id())).isEqualTo(alarms.stream().map(r -> r.json().path("role").asString()).distinct().count());
    assertThat(receiver().about(MEMBERS, f.number(), "ALARM")).as("the members' webhook does not take ALARM").isEmpty();

    // A change that rolls back takes its notifications with it.
    long before = outboxCount("incident_id = ?", f.id());
    transactions.executeWithoutResult(
        tx -> {
          events.publishEvent(change(f, "ALARM_CLIMBED"));
          assertThat(outboxCount("incident_id = ? AND action = 'ALARM_CLIMBED'", f.id())).as("written in the same transaction").isPositive();
          tx.setRollbackOnly();
        });
    assertThat(outboxCount("incident_id = ?", f.id())).isEqualTo(before);
  }

  @Test
  void theOutboxListIsForAdminsAndABadStateIsNamed() {
    assertThat(as("operator-street").get("/api/notifications/outbox").statusCode()).isEqualTo(403);
    HttpResponse<String> bad = as("admin").get("/api/notifications/outbox?state=lost");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(bad.body()).contains("state", "pending, failed or delivered");
    HttpResponse<String> badLimit = as("admin").get("/api/notifications/outbox?state=failed&limit=0");
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(badLimit.body()).contains("limit");
    JsonNode failed = JSON.readTree(as("admin").get("/api/notifications/outbox?state=failed").body());
    assertThat(failed.path("state").asString()).isEqualTo("failed");
    assertThat(failed.path("rows").isArray()).isTrue();
  }

}
