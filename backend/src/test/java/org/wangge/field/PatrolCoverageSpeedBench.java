package org.wangge.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speed of patrol uploads and patrol coverage on the demo city (800 grids, 150,000 addresses;
 * BENCHMARKS.md, "Patrols and patrol coverage"). Not a test (no timed assertions; not matched by
 * the surefire or failsafe patterns): run {@code -Dit.test=PatrolCoverageSpeedEmbeddedBench} or
 * {@code PatrolCoverageSpeedPostgisBench}; it prints lines starting {@code PATROL-BENCH}.
 *
 * <ol>
 *   <li>one member's 2-hour patrol uploaded over HTTP in 24 batches of 10 points (a point every 30
 *       s, 40 m apart): the time of each batch (each rebuilds the track and its covered addresses);
 *   <li>a week of patrols for the whole city: one 2-hour patrol (240 points, a random walk from an
 *       address of the grid) for each of the city's grids, through the service (one batch each);
 *   <li>the weekly coverage of all 800 grids: {@code PatrolService#coverage} for the city, and
 *       {@code GET /api/stats?area=3605&period=week} and {@code GET /api/patrols/coverage}.
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PatrolCoverageSpeedBench {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;
  @Autowired Patrols patrols;
  @Autowired PatrolService coverage;

  static void print(String what, double ms) {
    System.out.println(String.format(Locale.ROOT, "PATROL-BENCH %-60s %10.1f ms", what, ms));
  }

  static double[] stats(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new double[] {v[v.length / 2], v[(int) Math.min(v.length - 1, Math.round(v.length * 0.95))], v[v.length - 1]};
  }

  @Test
  void measure() {
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    LocalDate monday = LocalDate.now(zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    Instant weekStart = monday.atStartOfDay(zone).toInstant();
    Instant now = Instant.now();
    Random random = new Random(42);

    // 1. One member over HTTP, 24 batches of 10 points.
    var member = Api.as(port, "member-grid1");
    var started = member.post("/api/patrols", "{\"startedAt\":\"" + now.minusSeconds(7300) + "\"}");
    long id = JSON.readTree(started.body()).get("id").asLong();
    String grid = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'member-grid1'", String.class);
    Map<String, Object> origin = jdbc.queryForMap("SELECT ST_X(location) AS x, ST_Y(location) AS y FROM address WHERE grid_code = ? ORDER BY code LIMIT 1", grid);
    double lon = ((Number) origin.get("x")).doubleValue();
    double lat = ((Number) origin.get("y")).doubleValue();
    List<Double> batches = new ArrayList<>();
    for (int b = 0; b < 24; b++) {
      List<String> points = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        double heading = random.nextDouble() * 2 * Math.PI;
        lon += Wgs84.metresToDegreesLon(40 * Math.cos(heading), lat);
        lat += Wgs84.metresToDegreesLat(40 * Math.sin(heading));
        points.add("{\"lon\":" + lon + ",\"lat\":" + lat + ",\"at\":\"" + now.minusSeconds(7200 - 30L * (b * 10 + i)) + "\"}");
      }
      long t0 = System.nanoTime();
      HttpResponse<String> r = member.post("/api/patrols/" + id + "/points", "{\"points\":[" + String.join(",", points) + "]}");
      batches.add((System.nanoTime() - t0) / 1e6);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    member.post("/api/patrols/" + id + "/stop", "{}");
    double[] s = stats(batches.subList(4, batches.size()));
    print("HTTP batch of 10 points (after 4 warm-up): median", s[0]);
    print("HTTP batch of 10 points: p95", s[1]);
    print("HTTP batch of 10 points: max", s[2]);
    print("HTTP batch of 10 points: the last (track of 240 points)", batches.getLast());

    // 2. A week: one 2-hour patrol per grid, through the service.
    List<Map<String, Object>> grids =
        jdbc.queryForList(
            """
            SELECT g.grid_code AS grid, min(m.code) AS member FROM member_grid g JOIN member m ON m.id = g.member_id
            GROUP BY g.grid_code ORDER BY g.grid_code""");
    List<Double> uploads = new ArrayList<>();
    long t0 = System.nanoTime();
    int n = 0;
    for (var row : grids) {
      String gridCode = (String) row.get("grid");
      String code = (String) row.get("member");
      var start = jdbc.queryForList("SELECT ST_X(location) AS x, ST_Y(location) AS y FROM address WHERE grid_code = ? ORDER BY code LIMIT 1", gridCode);
      if (start.isEmpty() || patrols.active(code).isPresent()) {
        continue;
      }
      double x = ((Number) start.getFirst().get("x")).doubleValue();
      double y = ((Number) start.getFirst().get("y")).doubleValue();
      Instant begin = weekStart.plusSeconds(60L * random.nextInt(60 * 24 * Math.max(1, (int) java.time.Duration.between(weekStart, now).toDays())));
      if (begin.plusSeconds(7200).isAfter(now)) {
        begin = now.minusSeconds(7300);
      }
      var patrol = patrols.start(code, begin, null, now).patrol();
      List<Patrols.Point> points = new ArrayList<>();
      for (int i = 0; i < 240; i++) {
        double heading = random.nextDouble() * 2 * Math.PI;
        x += Wgs84.metresToDegreesLon(40 * Math.cos(heading), y);
        y += Wgs84.metresToDegreesLat(40 * Math.sin(heading));
        points.add(new Patrols.Point(x, y, 10.0, begin.plusSeconds(30L * (i + 1))));
      }
      long u0 = System.nanoTime();
      patrols.addPoints(patrol.id(), code, points, now);
      uploads.add((System.nanoTime() - u0) / 1e6);
      patrols.stop(patrol.id(), code, begin.plusSeconds(7250), now);
      n++;
    }
    double all = (System.nanoTime() - t0) / 1e6;
    s = stats(uploads);
    print("week: " + n + " patrols of 240 points, all (start, upload, stop)", all);
    print("week: one upload of 240 points (rebuild + covered addresses): median", s[0]);
    print("week: one upload of 240 points: p95", s[1]);
    print("week: one upload of 240 points: max", s[2]);
    System.out.println("PATROL-BENCH patrol_address rows: " + jdbc.queryForObject("SELECT count(*) FROM patrol_address", Long.class));

    // 3. The weekly coverage of the city's 800 grids.
    Instant weekEnd = weekStart.plus(java.time.Duration.ofDays(7));
    List<Double> runs = new ArrayList<>();
    Map<String, PatrolService.GridCoverage> result = null;
    for (int i = 0; i < 15; i++) {
      long c0 = System.nanoTime();
      result = coverage.coverage("3605", weekStart, weekEnd);
      if (i >= 5) {
        runs.add((System.nanoTime() - c0) / 1e6);
      }
    }
    long covered = result.values().stream().mapToLong(PatrolService.GridCoverage::covered).sum();
    long addresses = result.values().stream().mapToLong(PatrolService.GridCoverage::addresses).sum();
    System.out.println("PATROL-BENCH grids " + result.size() + ", addresses " + addresses + ", covered " + covered);
    s = stats(runs);
    print("PatrolService.coverage(city, week), 800 grids: median", s[0]);
    print("PatrolService.coverage(city, week): max", s[2]);
    var admin = Api.as(port, "operator-city");
    for (String path : List.of("/api/stats?area=3605&period=week", "/api/patrols/coverage?area=3605")) {
      List<Double> http = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        long h0 = System.nanoTime();
        var r = admin.get(path);
        if (i >= 5) {
          http.add((System.nanoTime() - h0) / 1e6);
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      s = stats(http);
      print("GET " + path + ": median", s[0]);
      print("GET " + path + ": max", s[2]);
    }
    System.out.println("PATROL-BENCH " + Arrays.toString(new int[] {grids.size()}));
  }
}
