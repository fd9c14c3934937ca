package org.wangge.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.PostgisDatabase;
import org.wangge.WanggeApplication;

/**
 * Stage clocks and urging on PostGIS, and two backend instances against one database sweeping
 * the same due cases at once: each case is urged and escalated exactly once, none is missed.
 */
// The instances' own scheduled sweeps are moved an hour away: on a busy machine the second
// instance takes long enough to start that a scheduled sweep could urge the due cases before the
// test's own four sweeps, which are what this test counts.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wangge.closed-loop.clock-interval=PT1H")
@ContextConfiguration(initializers = PostgisDatabase.class)
class UrgingPostgisIT extends UrgingContract {

  static final int DUE_CASES = 600;

  @Value("${spring.datasource.url}")
  String url;

  @Value("${spring.datasource.username}")
  String username;

  @Value("${spring.datasource.password}")
  String password;

  @Test
  void twoInstancesShareTheSweepWithoutDoublingOrMissingACase() throws Exception {
    // 600 historical cases are made open cases whose handling clock ran out an hour ago.
    Instant now = Instant.now();
    List<Long> ids =
        jdbc.queryForList(
            """
            SELECT id FROM incident WHERE stage IS NULL ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(DUE_CASES),
            Long.class);
    assertThat(ids).hasSize(DUE_CASES);
    for (Long id : ids) {
      jdbc.update(
          "UPDATE incident SET status = 'IN_PROGRESS', closed_at = NULL, stage = 'HANDLE', stage_warning_at = ?, stage_due_at = ?, "
              + "urge_level = 0 WHERE id = ?",
          Timestamp.from(now.minus(Duration.ofHours(2))),
          Timestamp.from(now.minus(Duration.ofHours(1))),
          id);
    }
    // The second instance: the same jar's application on the same database (its scheduler runs too).
    try (ConfigurableApplicationContext second =
        new SpringApplicationBuilder(WanggeApplication.class)
            .run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + username,
                "--spring.datasource.password=" + password,
                "--server.port=0",
                "--wangge.closed-loop.clock-interval=PT1H",
                "--logging.level.root=WARN")) {
      CaseUrging other = second.getBean(CaseUrging.class);
      var pool = Executors.newFixedThreadPool(4);
      long start = System.nanoTime();
      List<Callable<Integer>> sweeps = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        sweeps.add(() -> urging.sweep(now));
        sweeps.add(() -> other.sweep(now));
      }
      int urged = 0;
      List<Integer> perSweep = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(sweeps)) {
        perSweep.add(f.get());
        urged += f.get();
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      pool.shutdown();
      System.out.printf("Two instances, four sweeps: %d cases urged in %d ms, per sweep %s%n", urged, millis, perSweep);
      assertThat(urged).isGreaterThanOrEqualTo(DUE_CASES);
      assertThat(perSweep.stream().filter(n -> n > 0).count()).as("both instances took part: " + perSweep).isGreaterThan(1);
    }
    String in = ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
    List<Long> urgedTwice =
        jdbc.queryForList(
            "SELECT incident_id FROM incident_event WHERE action = 'URGE' AND incident_id IN (" + in + ") GROUP BY incident_id HAVING count(*) <> 1",
            Long.class);
    assertThat(urgedTwice).as("cases urged other than once").isEmpty();
    assertThat(jdbc.queryForObject("SELECT count(DISTINCT incident_id) FROM incident_event WHERE action = 'URGE' AND incident_id IN (" + in + ")", Long.class))
        .isEqualTo(DUE_CASES);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_event WHERE action = 'ESCALATE' AND incident_id IN (" + in + ")", Long.class))
        .isEqualTo(DUE_CASES);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident WHERE urge_level = 2 AND id IN (" + in + ")", Long.class))
        .isEqualTo(DUE_CASES);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident WHERE escalation_count <> 1 AND id IN (" + in + ")", Long.class))
        .isZero();
  }
}
