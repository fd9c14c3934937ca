package org.wangge.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.PostgisDatabase;
import org.wangge.WanggeApplication;
import org.wangge.area.GridLocator;
import tools.jackson.databind.JsonNode;

/**
 * Plans on PostGIS (a database of their own: the distinct poll interval gives this class its own
 * context), and a second backend instance on the same database whose grid locator switches to the
 * versions the first one published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wangge.area.boundary-poll-interval=PT1S")
@ContextConfiguration(initializers = PostgisDatabase.class)
class PlanPostgisIT extends PlanContract {

  @Value("${spring.datasource.url}")
  String url;

  @Value("${spring.datasource.username}")
  String username;

  @Value("${spring.datasource.password}")
  String password;

  @Test
  void aSecondInstanceSwitchesItsGridLocatorToThePublishedVersions() {
    String community = communities.getLast();
    String code = gridCodes(community).getFirst();
    int version = jdbc.queryForObject("SELECT version FROM area WHERE code = ? AND valid_to IS NULL", Integer.class, code);
    try (ConfigurableApplicationContext second =
        new SpringApplicationBuilder(WanggeApplication.class)
            .run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + username,
                "--spring.datasource.password=" + password,
                "--server.port=0",
                "--wangge.area.boundary-poll-interval=PT1S",
                "--wangge.closed-loop.clock-interval=PT1H",
                "--logging.level.root=WARN")) {
      GridLocator other = second.getBean(GridLocator.class);
      assertThat(other.snapshot().currentGrid(code).orElseThrow().version()).isEqualTo(version);
      JsonNode plan = create(community, "多实例");
      long id = plan.get("id").asLong();
      edit(id, "{\"kind\":\"RENAME\",\"grid\":\"" + feature(plan, code).get("id").asString() + "\",\"name\":\"多实例名\"}");
      ok(as("planner-district").post("/api/plans/" + id + "/publish", "{\"openCases\":\"REROUTE\"}"), 200);
      // The second instance heard no event: it sees the boundary stamp change.
      await().atMost(Duration.ofSeconds(30)).until(() -> other.snapshot().currentGrid(code).orElseThrow().version() == version + 1);
      long newRow = jdbc.queryForObject("SELECT id FROM area WHERE code = ? AND valid_to IS NULL", Long.class, code);
      assertThat(other.snapshot().currentGrid(code).orElseThrow().id()).isEqualTo(newRow);
    }
  }
}
