package org.wangge.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Linked screens over real HTTP: a desk sends a case and an area; the walls of the same centre get
 * each command on {@code /api/wall/stream} and as the latest command, the walls of other centres
 * do not; roles that may not drive walls get 403, bad input 400 naming the field, a case or area
 * outside the sender's jurisdiction 404, and none of these stores a command.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WallCommandsContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  /** A second account of the city's centre: the wall's (made once per database by {@link #wallUser}). */
  public static final String WALL_USER = "wall-city";
  /** The wall account's password (the demo password is refused for new accounts). */
  public static final String WALL_PASSWORD = "wall-screen-pass-2026";

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  String cityCode;
  String streetCode;

  @BeforeAll
  void accounts() {
    cityCode = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'operator-city'", String.class);
    streetCode = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'operator-street'", String.class);
    wallUser(port, cityCode);
  }

  /** Creates the city centre's wall account (an OPERATOR of the city) unless it exists. */
  public static void wallUser(int port, String cityCode) {
    if (Api.as(port, "admin").get("/api/admin/users/" + WALL_USER).statusCode() == 200) {
      return; // made by an earlier test class on the same database
    }
    var created =
        Api.as(port, "admin")
            .post(
                "/api/admin/users",
                "{\"username\":\"" + WALL_USER + "\",\"displayName\":\"指挥大厅大屏\",\"password\":\"" + WALL_PASSWORD
                    + "\",\"role\":\"OPERATOR\",\"areaCode\":\"" + cityCode + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  /** One SSE connection to /api/wall/stream, read on its own thread. */
  final class Stream implements AutoCloseable {
    record Event(String name, JsonNode data) {}

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final Thread reader;

    Stream(String user) throws InterruptedException {
      var request = Api.as(port, user).request("/api/wall/stream").header("Accept", "text/event-stream").GET().build();
      reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    var response = Api.send(request, HttpResponse.BodyHandlers.ofInputStream());
                    try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                      String name = null;
                      StringBuilder data = new StringBuilder();
                      String line;
                      while ((line = in.readLine()) != null) {
                        if (line.isEmpty()) {
                          if (name != null) {
                            events.add(new Event(name, JSON.readTree(data.toString())));
                          }
                          name = null;
                          data.setLength(0);
                        } else if (line.startsWith("event:")) {
                          name = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                          data.append(line.substring(5));
                        }
                      }
                    } catch (Exception e) {
                      // closed by the test
                    }
                  });
      Event ready = events.poll(15, TimeUnit.SECONDS);
      assertThat(ready).as("ready event of " + user).isNotNull();
      assertThat(ready.name()).isEqualTo("ready");
    }

    /** The next focus event within the timeout, or null. */
    JsonNode focus(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        Event e = events.poll(100, TimeUnit.MILLISECONDS);
        if (e != null && e.name().equals("focus")) {
          return e.data();
        }
      }
      return null;
    }

    @Override
    public void close() {
      reader.interrupt();
    }
  }

  private String caseIn(String areaCode) {
    return jdbc.queryForObject(
        "SELECT number FROM incident WHERE grid_code LIKE ? ORDER BY id FETCH FIRST 1 ROWS ONLY", String.class, areaCode + "%");
  }

  private long commands() {
    return jdbc.queryForObject("SELECT count(*) FROM wall_command", Long.class);
  }

  @Test
  void aCaseSentFromTheDeskReachesTheWallsOfTheSameCentreOnly() throws Exception {
    String number = caseIn(cityCode);
    try (var wall = new Stream(WALL_USER);
        var otherCentre = new Stream("operator-district")) {
      var sent = Api.as(port, "operator-city").post("/api/wall/commands", "{\"kind\":\"CASE\",\"caseNumber\":\"" + number + "\"}");
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
      JsonNode command = JSON.readTree(sent.body());
      assertThat(command.get("kind").asString()).isEqualTo("CASE");
      assertThat(command.get("caseNumber").asString()).isEqualTo(number);
      assertThat(command.get("title").asString()).startsWith(number + " ").hasSizeGreaterThan(14);
      assertThat(command.get("centreCode").asString()).isEqualTo(cityCode);
      assertThat(command.get("sentBy").asString()).isEqualTo("operator-city");
      assertThat(command.get("sentByName").asString()).endsWith("指挥中心值班员");
      double[] where = jdbc.queryForObject(
          "SELECT ST_X(location), ST_Y(location) FROM incident WHERE number = ?",
          (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}, number);
      assertThat(command.get("lon").asDouble()).isCloseTo(where[0], org.assertj.core.data.Offset.offset(1e-9));
      assertThat(command.get("lat").asDouble()).isCloseTo(where[1], org.assertj.core.data.Offset.offset(1e-9));

      JsonNode pushed = wall.focus(Duration.ofSeconds(10));
      assertThat(pushed).as("the wall of the same centre gets the command").isNotNull();
      assertThat(pushed.get("id").asLong()).isEqualTo(command.get("id").asLong());
      assertThat(pushed.get("sentByName").asString()).isEqualTo(command.get("sentByName").asString());
      assertThat(otherCentre.focus(Duration.ofSeconds(1))).as("a district wall does not follow the city desk").isNull();
    }
    var latest = Api.as(port, WALL_USER).get("/api/wall/commands/latest");
    assertThat(latest.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(latest.body()).get("caseNumber").asString()).isEqualTo(number);
  }

  @Test
  void anAreaSentFromTheDeskCarriesItsBoundsAndTheLatestCommandWins() throws Exception {
    String community = jdbc.queryForObject(
        "SELECT code FROM area WHERE level = 'COMMUNITY' AND valid_to IS NULL AND code LIKE ? ORDER BY code FETCH FIRST 1 ROWS ONLY",
        String.class, streetCode + "%");
    try (var wall = new Stream("operator-street")) {
      var sent = Api.as(port, "operator-street").post("/api/wall/commands", "{\"kind\":\"AREA\",\"areaCode\":\"" + community + "\"}");
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
      JsonNode pushed = wall.focus(Duration.ofSeconds(10));
      assertThat(pushed).isNotNull();
      assertThat(pushed.get("areaCode").asString()).isEqualTo(community);
      assertThat(pushed.get("areaLevel").asString()).isEqualTo("COMMUNITY");
      assertThat(pushed.get("title").asString()).isNotBlank();
      JsonNode bbox = pushed.get("bbox");
      assertThat(bbox.size()).isEqualTo(4);
      assertThat(bbox.get(0).asDouble()).isLessThan(bbox.get(2).asDouble());
      assertThat(pushed.get("lon").asDouble()).isBetween(bbox.get(0).asDouble(), bbox.get(2).asDouble());

      String number = caseIn(streetCode);
      var second = Api.as(port, "operator-street").post("/api/wall/commands", "{\"kind\":\"CASE\",\"caseNumber\":\"" + number + "\"}");
      assertThat(second.statusCode()).isEqualTo(201);
      assertThat(wall.focus(Duration.ofSeconds(10)).get("caseNumber").asString()).isEqualTo(number);
      assertThat(JSON.readTree(Api.as(port, "operator-street").get("/api/wall/commands/latest").body()).get("caseNumber").asString())
          .isEqualTo(number);
    }
  }

  @Test
  void onlyOperatorsAndGridLeadersSendAndBadInputIsRefusedNamingTheField() {
    long before = commands();
    String number = caseIn(streetCode);
    String body = "{\"kind\":\"CASE\",\"caseNumber\":\"" + number + "\"}";
    for (String user : new String[] {"member-grid1", "planner-district", "admin", "officer-dept"}) {
      assertThat(Api.as(port, user).post("/api/wall/commands", body).statusCode()).as(user).isEqualTo(403);
    }
    assertField(Api.as(port, "operator-city").post("/api/wall/commands", "{}"), 400, "kind");
    assertField(Api.as(port, "operator-city").post("/api/wall/commands", "{\"kind\":\"PHOTO\"}"), 400, "kind");
    assertField(Api.as(port, "operator-city").post("/api/wall/commands", "{\"kind\":\"CASE\",\"caseNumber\":\"12\"}"), 400, "caseNumber");
    assertField(Api.as(port, "operator-city").post("/api/wall/commands", "{\"kind\":\"AREA\",\"areaCode\":\"36x\"}"), 400, "areaCode");
    String outside = caseIn(jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'operator-street2'", String.class));
    assertThat(Api.as(port, "operator-street").post("/api/wall/commands", "{\"kind\":\"CASE\",\"caseNumber\":\"" + outside + "\"}").statusCode())
        .isEqualTo(404);
    assertThat(Api.as(port, "operator-street").post("/api/wall/commands", "{\"kind\":\"AREA\",\"areaCode\":\"" + cityCode + "\"}").statusCode())
        .isEqualTo(404);
    assertThat(commands()).as("refused commands store nothing").isEqualTo(before);
    assertThat(Api.anonymous(port).get("/api/wall/commands/latest").statusCode()).isEqualTo(401);
  }

  private static void assertField(HttpResponse<String> answer, int status, String field) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(JSON.readTree(answer.body()).get("field").asString()).isEqualTo(field);
  }
}
