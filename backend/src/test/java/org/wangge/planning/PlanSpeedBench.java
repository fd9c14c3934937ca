package org.wangge.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speed of planning over HTTP on the demo city (BENCHMARKS.md, "Planning"). Not a test (no timed
 * assertions; not matched by the surefire or failsafe patterns): run one subclass with
 * {@code -Dit.test=PlanSpeedEmbeddedBench} or {@code PlanSpeedPostgisBench}; it prints the figures.
 *
 * <ol>
 *   <li>the impact after a one-grid edit: a community plan (about 10 grids), one SPLIT, then
 *       {@code GET /api/plans/{id}/impact} 50 times (after 10 warm-up calls); also the SPLIT edit
 *       itself (a whole PlanView: grids, validation, impact) and the same for a plan of the whole
 *       district;
 *   <li>publishing a plan with 50 changed grids: a plan of street 360502001 (about 100 grids), 25
 *       SPLITs (each leaves two changed grids: the part keeping the code and a new one), then one
 *       {@code POST /api/plans/{id}/publish} with REROUTE.
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PlanSpeedBench {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  Api planner() {
    return Api.as(port, "planner-district");
  }

  static JsonNode ok(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  Geometry boundary(String code) throws Exception {
    byte[] wkb = jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, code);
    return new WKBReader(Wgs84.FACTORY).read(wkb);
  }

  String keyOf(JsonNode plan, String code) {
    for (JsonNode f : plan.get("grids").get("features")) {
      if (code.equals(f.get("properties").get("code").asString(null))) {
        return f.get("id").asString();
      }
    }
    throw new AssertionError(code);
  }

  String splitBody(JsonNode plan, String code) throws Exception {
    Geometry g = boundary(code);
    var e = g.getEnvelopeInternal();
    double x = g.getInteriorPoint().getX();
    return "{\"kind\":\"SPLIT\",\"grid\":\"" + keyOf(plan, code) + "\",\"line\":{\"type\":\"LineString\",\"coordinates\":[["
        + x + "," + (e.getMinY() - 0.001) + "],[" + x + "," + (e.getMaxY() + 0.001) + "]]}}";
  }

  static String stats(List<Double> ms) {
    double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format(
        Locale.ROOT, "n=%d median %.1f ms, p95 %.1f ms, min %.1f, max %.1f",
        v.length, v[v.length / 2], v[(int) Math.ceil(v.length * 0.95) - 1], v[0], v[v.length - 1]);
  }

  void impactAfterOneEdit(String areaCode, String gridCode) throws Exception {
    JsonNode plan = ok(planner().post("/api/plans", "{\"areaCode\":\"" + areaCode + "\",\"name\":\"bench\"}"), 201);
    long id = plan.get("id").asLong();
    // The first read of a plan on an instance loads its area's addresses (once per plan).
    long t0 = System.nanoTime();
    ok(planner().get("/api/plans/" + id + "/impact"), 200);
    double first = (System.nanoTime() - t0) / 1e6;
    t0 = System.nanoTime();
    JsonNode edited = ok(planner().post("/api/plans/" + id + "/edits", splitBody(plan, gridCode)), 200);
    double edit = (System.nanoTime() - t0) / 1e6;
    for (int i = 0; i < 10; i++) {
      ok(planner().get("/api/plans/" + id + "/impact"), 200);
    }
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long s = System.nanoTime();
      ok(planner().get("/api/plans/" + id + "/impact"), 200);
      times.add((System.nanoTime() - s) / 1e6);
    }
    System.out.printf(
        Locale.ROOT,
        "PLAN-BENCH impact %s (%d grids, %d households moved): first read %.1f ms; SPLIT edit (whole PlanView) %.1f ms; GET impact %s%n",
        areaCode, plan.get("grids").get("features").size(), edited.get("impact").get("householdsMoved").asInt(), first, edit, stats(times));
  }

  @Test
  void measure() throws Exception {
    String grid = jdbc.queryForObject(
        "SELECT min(code) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE '360502002%'", String.class);
    impactAfterOneEdit(grid.substring(0, 12), grid);
    String districtGrid = jdbc.queryForObject(
        "SELECT min(code) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE '360502%'", String.class);
    impactAfterOneEdit("360502", districtGrid);

    // Publish: 25 splits in street 360502001 → 50 changed grids.
    String street = "360502001";
    List<String> codes = jdbc.queryForList(
        "SELECT code FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE ? ORDER BY code", String.class, street + "%");
    JsonNode plan = ok(planner().post("/api/plans", "{\"areaCode\":\"" + street + "\",\"name\":\"bench publish\"}"), 201);
    long id = plan.get("id").asLong();
    int splits = 0;
    JsonNode current = plan;
    for (int i = 0; i < codes.size() && splits < 25; i += 2) {
      var r = planner().post("/api/plans/" + id + "/edits", splitBody(current, codes.get(i)));
      if (r.statusCode() == 200) {
        current = JSON.readTree(r.body());
        splits++;
      }
    }
    int changed = 0;
    for (JsonNode f : current.get("grids").get("features")) {
      if (f.get("properties").get("changed").asBoolean()) {
        changed++;
      }
    }
    long open = jdbc.queryForObject(
        "SELECT count(*) FROM incident WHERE grid_code LIKE ? AND status IN ('REPORTED','DISPATCHED','ACCEPTED','IN_PROGRESS','HANDLED')",
        Long.class, street + "%");
    long t0 = System.nanoTime();
    JsonNode published = ok(planner().post("/api/plans/" + id + "/publish", "{\"openCases\":\"REROUTE\"}"), 200);
    double ms = (System.nanoTime() - t0) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "PLAN-BENCH publish %s: %d grids, %d splits, %d changed grids, %d open cases in the street, %d rerouted: %.1f ms%n",
        street, codes.size(), splits, changed, open, published.get("reroutedCases").asInt(), ms);
    System.out.println("PLAN-BENCH cores " + Runtime.getRuntime().availableProcessors());
  }
}
