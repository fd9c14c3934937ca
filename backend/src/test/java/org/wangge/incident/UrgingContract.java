package org.wangge.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The stage clocks and urging: a new case's accept clock turns yellow, then red and climbs one
 * level, each exactly once however often the sweep runs; accepting starts the handling clock
 * afresh; the timeline shows every step.
 */
abstract class UrgingContract extends CaseFixtures {

  @Autowired CaseUrging urging;

  Timestamp at(long id, String column) {
    return jdbc.queryForObject("SELECT " + column + " FROM incident WHERE id = ?", Timestamp.class, id);
  }

  long eventsOf(long id, String action) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM incident_event WHERE incident_id = ? AND action = ?", Long.class, id, action);
  }

  @Test
  void aCaseTurnsYellowThenRedAndClimbsOneLevelEachExactlyOnce() {
    long id = dispatchedCase();
    assertThat(jdbc.queryForObject("SELECT stage FROM incident WHERE id = ?", String.class, id)).isEqualTo("ACCEPT");
    Instant warning = at(id, "stage_warning_at").toInstant();
    Instant due = at(id, "stage_due_at").toInstant();
    assertThat(warning).isBefore(due);
    String ownerBefore = jdbc.queryForObject("SELECT owner_level FROM incident WHERE id = ?", String.class, id);
    assertThat(ownerBefore).isNull();

    urging.sweep(warning.minusSeconds(1));
    assertThat(eventsOf(id, "URGE")).isZero();
    urging.sweep(warning.plusSeconds(1));
    urging.sweep(warning.plusSeconds(2));
    assertThat(eventsOf(id, "URGE")).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT urge_level FROM incident WHERE id = ?", Integer.class, id)).isEqualTo(1);
    urging.sweep(due.plusSeconds(1));
    urging.sweep(due.plusSeconds(60));
    assertThat(eventsOf(id, "URGE")).isEqualTo(2);
    assertThat(eventsOf(id, "ESCALATE")).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT owner_level FROM incident WHERE id = ?", String.class, id)).isEqualTo("COMMUNITY");
    assertThat(jdbc.queryForObject("SELECT owner_area_code FROM incident WHERE id = ?", String.class, id)).isEqualTo(grid1.substring(0, 12));

    // Accepting starts the handling clock (the case's deadline) and the urging afresh.
    ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
    assertThat(jdbc.queryForObject("SELECT stage FROM incident WHERE id = ?", String.class, id)).isEqualTo("HANDLE");
    assertThat(jdbc.queryForObject("SELECT urge_level FROM incident WHERE id = ?", Integer.class, id)).isZero();
    assertThat(at(id, "stage_due_at")).isEqualTo(at(id, "due_at"));
    var timeline = JSON.readTree(as("member-grid1").get("/api/incidents/" + id + "/timeline").body());
    assertThat(timeline.get("events").toString()).contains("\"action\":\"URGE\"", "YELLOW", "RED", "\"actor\":\"system\"");
    assertThat(timeline.get("events").get(0).get("action").asString()).isEqualTo("REPORT");
  }

  @Test
  void aHighRiskDisputeIsOwnedByTheStreetCentreFromTheStart() {
    String dispute = jdbc.queryForObject("SELECT min(code) FROM category WHERE code LIKE '06%' AND level = 'ITEM'", String.class);
    var c = interior(grid1);
    var filed =
        as("operator-street").post(
            "/api/incidents",
            "{\"lon\":" + c.x + ",\"lat\":" + c.y + ",\"categoryCode\":\"" + dispute
                + "\",\"description\":\"邻里冲突升级\",\"source\":\"PATROL\",\"risk\":\"HIGH\"}");
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    long id = JSON.readTree(filed.body()).get("id").asLong();
    assertThat(jdbc.queryForObject("SELECT owner_level FROM incident WHERE id = ?", String.class, id)).isEqualTo("STREET");
    assertThat(jdbc.queryForObject("SELECT owner_area_code FROM incident WHERE id = ?", String.class, id)).isEqualTo(grid1.substring(0, 9));
  }

  @Test
  void finishedCasesHaveNoClock() {
    long id = dispatchedCase();
    ok(act("operator-street", id, Map.of("action", "CANCEL", "reason", "误报")));
    assertThat(at(id, "stage_due_at")).isNull();
    urging.sweep(Instant.now().plusSeconds(365L * 24 * 3600));
    assertThat(eventsOf(id, "URGE")).isZero();
  }
}
