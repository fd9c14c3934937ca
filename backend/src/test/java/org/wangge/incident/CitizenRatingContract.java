package org.wangge.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.wangge.Api;
import tools.jackson.databind.JsonNode;

/**
 * The citizen's side over HTTP, with no sign-in: an anonymous report answers the receipt with the
 * status in plain words and the link to follow it; the rating by receipt is taken only once the
 * case is closed ({@code 409} before), once ({@code 409} again), 1–5 ({@code 400} naming {@code
 * satisfaction} for 0 or 5.5), and a refusal changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CitizenRatingContract extends CaseFixtures {

  /** This class's own client address, so that the public rate limit of other tests does not meet it. */
  private static final Map<String, String> CLIENT = Map.of("X-Forwarded-For", "198.51.100.124");

  HttpResponse<String> rate(String receipt, String body) {
    return Api.anonymous(port).post("/api/receipts/" + receipt + "/rating", body, CLIENT);
  }

  long ratings(long id) {
    return jdbc.queryForObject("SELECT count(*) FROM citizen_rating WHERE incident_id = ?", Long.class, id);
  }

  @Test
  void aCitizenRatesTheirClosedCaseOnceByTheReceipt() {
    Coordinate c = interior(grid1);
    var filed =
        Api.anonymous(port)
            .post(
                "/api/incidents",
                "{\"lon\":" + c.x + ",\"lat\":" + c.y + ",\"categoryCode\":\"" + category
                    + "\",\"description\":\"楼道灯坏了\",\"source\":\"CITIZEN\"}",
                CLIENT);
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    JsonNode receiptView = JSON.readTree(filed.body());
    String receipt = receiptView.get("receipt").asString();
    assertThat(receiptView.get("statusText").asString()).isNotBlank();
    assertThat(receiptView.get("followUrl").asString()).isEqualTo("/report/follow.html?receipt=" + receipt);
    assertThat(receiptView.get("rateable").asBoolean()).isFalse();
    assertThat(receiptView.has("id")).isFalse(); // no internal ids or people for the citizen
    long id = jdbc.queryForObject("SELECT id FROM incident WHERE number = ?", Long.class, receiptView.get("number").asString());

    // Not closed yet: 409, nothing stored.
    var early = rate(receipt, "{\"satisfaction\":5}");
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(ratings(id)).isZero();

    // The operators close the case.
    ok(act("operator-street", id, Map.of("action", "DISPATCH", "assigneeCode", member1)));
    ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
    ok(act("member-grid1", id, Map.of("action", "HANDLE", "note", "已换灯")));
    ok(act("leader-community", id, Map.of("action", "CLOSE")));
    JsonNode closed =
        JSON.readTree(Api.send(Api.anonymous(port).request("/api/receipts/" + receipt).header("X-Forwarded-For", "198.51.100.124").GET().build()).body());
    assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
    assertThat(closed.get("statusText").asString()).isEqualTo("已办结");
    assertThat(closed.get("rateable").asBoolean()).isTrue();
    assertThat(closed.get("rating").isNull()).isTrue();

    // Out of range or not whole: 400 naming satisfaction, nothing stored.
    for (String bad : new String[] {"{\"satisfaction\":5.5}", "{\"satisfaction\":0}", "{\"satisfaction\":6}", "{}", "{\"comment\":\"好\"}"}) {
      var refused = rate(receipt, bad);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(JSON.readTree(refused.body()).get("field").asString()).as(bad).isEqualTo("satisfaction");
    }
    var longComment = rate(receipt, "{\"satisfaction\":4,\"comment\":\"" + "很".repeat(501) + "\"}");
    assertThat(longComment.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(longComment.body()).get("field").asString()).isEqualTo("comment");
    assertThat(ratings(id)).isZero();
    long eventsBefore = events(id);

    var rated = rate(receipt, "{\"satisfaction\":4,\"comment\":\"修得很快\"}");
    assertThat(rated.statusCode()).as(rated.body()).isEqualTo(200);
    JsonNode view = JSON.readTree(rated.body());
    assertThat(view.get("rating").get("satisfaction").asInt()).isEqualTo(4);
    assertThat(view.get("rating").get("comment").asString()).isEqualTo("修得很快");
    assertThat(view.get("rateable").asBoolean()).isFalse();
    assertThat(ratings(id)).isEqualTo(1L);
    assertThat(events(id)).isEqualTo(eventsBefore + 1);
    JsonNode timeline = JSON.readTree(as("operator-street").get("/api/incidents/" + id + "/timeline").body());
    JsonNode last = timeline.get("events").get(timeline.get("events").size() - 1);
    assertThat(last.get("action").asString()).isEqualTo("RATE");
    assertThat(last.get("actor").asString()).isEqualTo("CITIZEN");
    assertThat(last.get("detail").asString()).contains("\"satisfaction\":4");

    // Once only: 409, the first rating stays.
    var again = rate(receipt, "{\"satisfaction\":1}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(jdbc.queryForObject("SELECT satisfaction FROM citizen_rating WHERE incident_id = ?", Integer.class, id)).isEqualTo(4);
    assertThat(events(id)).isEqualTo(eventsBefore + 1);
    // The case itself is still the centre's to follow up.
    assertThat(status(id)).isEqualTo("CLOSED");
  }

  @Test
  void anUnknownReceiptIsNotFound() {
    assertThat(rate("not-a-receipt", "{\"satisfaction\":5}").statusCode()).isEqualTo(404);
  }
}
