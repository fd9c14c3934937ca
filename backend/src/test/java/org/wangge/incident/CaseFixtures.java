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
 * What the closed-loop tests share: the demo city's grid 01 with its member, a grid category, and
 * helpers to file a case and act on it over HTTP as a demo user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CaseFixtures {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired CaseWorkflow workflow;

  String grid1;
  String member1;
  String category;

  @BeforeAll
  void readTheDemoCity() {
    grid1 = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'member-grid1'", String.class);
    member1 = jdbc.queryForObject("SELECT member_code FROM app_user WHERE username = 'member-grid1'", String.class);
    category =
        jdbc.queryForObject(
            "SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
  }

  Api as(String user) {
    return Api.as(port, user);
  }

  /** A new case in grid 01, dispatched by the street operator to grid 01's full-time member. */
  long dispatchedCase() {
    long id = newCase();
    ok(act("operator-street", id, Map.of("action", "DISPATCH", "assigneeCode", member1)));
    return id;
  }

  long newCase() {
    Coordinate c = interior(grid1);
    var filed =
        as("operator-street").post(
            "/api/incidents",
            "{\"lon\":" + c.x + ",\"lat\":" + c.y + ",\"categoryCode\":\"" + category
                + "\",\"description\":\"闭环测试\",\"source\":\"PATROL\"}");
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    return JSON.readTree(filed.body()).get("id").asLong();
  }

  HttpResponse<String> act(String user, long id, Map<String, Object> body) {
    return as(user).post("/api/incidents/" + id + "/actions", JSON.writeValueAsString(body));
  }

  static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  String status(long id) {
    return jdbc.queryForObject("SELECT status FROM incident WHERE id = ?", String.class, id);
  }

  long events(long id) {
    return jdbc.queryForObject("SELECT count(*) FROM incident_event WHERE incident_id = ?", Long.class, id);
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

