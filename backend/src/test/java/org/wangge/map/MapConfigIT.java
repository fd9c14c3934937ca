package org.wangge.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.Api;
import org.wangge.EmbeddedDatabase;
import org.wangge.WanggeApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/map/config} and the Content-Security-Policy's {@code img-src}: with the default
 * (no basemap) on the demo city, and with an XYZ basemap and a Tianditu basemap without a key on
 * apps started for the purpose (empty database, no demo city).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class MapConfigIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String ADMIN_PASSWORD = "map-config-admin-2026";

  @Value("${local.server.port}")
  int port;

  private static ConfigurableApplicationContext start(String... arguments) throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "it-map-").toAbsolutePath();
    String[] args = new String[arguments.length + 5];
    args[0] = "--wangge.data-dir=" + dataDir;
    args[1] = "--server.port=0";
    args[2] = "--logging.level.root=WARN";
    args[3] = "--wangge.demo.load=false";
    args[4] = "--wangge.security.bootstrap-admin-password=" + ADMIN_PASSWORD;
    System.arraycopy(arguments, 0, args, 5, arguments.length);
    return new SpringApplicationBuilder(WanggeApplication.class).run(args);
  }

  private static String imgSrc(String csp) {
    for (String directive : csp.split(";")) {
      if (directive.strip().startsWith("img-src ")) {
        return directive.strip();
      }
    }
    throw new AssertionError("no img-src in " + csp);
  }

  @Test
  void byDefaultThereIsNoBasemapAndImagesComeFromThisOriginOnly() {
    var login = Api.anonymous(port).get("/login");
    assertThat(imgSrc(login.headers().firstValue("Content-Security-Policy").orElseThrow())).isEqualTo("img-src 'self' data: blob:");
    var response = Api.as(port, "operator-street").get("/api/map/config");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode config = JSON.readTree(response.body());
    assertThat(config.get("basemap").get("type").asString()).isEqualTo("none");
    assertThat(config.get("basemap").get("layers").size()).isZero();
    assertThat(config.get("live").get("url").asString()).isEqualTo("/api/live");
    assertThat(config.get("levels").toString())
        .isEqualTo(
            "[{\"level\":\"DISTRICT\",\"layer\":\"districts\",\"minZoom\":0,\"maxZoom\":11},"
                + "{\"level\":\"STREET\",\"layer\":\"streets\",\"minZoom\":11,\"maxZoom\":13},"
                + "{\"level\":\"COMMUNITY\",\"layer\":\"communities\",\"minZoom\":13,\"maxZoom\":15},"
                + "{\"level\":\"GRID\",\"layer\":\"grids\",\"minZoom\":15,\"maxZoom\":22}]");
    assertThat(Api.anonymous(port).get("/api/map/config").statusCode()).isEqualTo(401);
  }

  @Test
  void anXyzBasemapIsConfiguredAndItsServersAreAllowedImageSources() throws Exception {
    try (var app =
        start(
            "--wangge.map.basemap.type=xyz",
            "--wangge.map.basemap.url=https://{s}.tiles.example.org/{z}/{x}/{y}.png",
            "--wangge.map.basemap.subdomains=ab",
            "--wangge.map.basemap.attribution=© Example",
            "--wangge.map.basemap.max-zoom=17",
            "--wangge.map.levels.grids.min-zoom=14")) {
      int appPort = ((WebServerApplicationContext) app).getWebServer().getPort();
      var login = Api.anonymous(appPort).get("/login");
      assertThat(imgSrc(login.headers().firstValue("Content-Security-Policy").orElseThrow()))
          .isEqualTo("img-src 'self' data: blob: https://a.tiles.example.org https://b.tiles.example.org");
      var response =
          Api.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + appPort + "/api/map/config"))
                  .header("Authorization", Api.basic("admin", ADMIN_PASSWORD))
                  .build());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode basemap = JSON.readTree(response.body()).get("basemap");
      assertThat(basemap.toString())
          .isEqualTo(
              "{\"type\":\"xyz\",\"layers\":[{\"url\":\"https://{s}.tiles.example.org/{z}/{x}/{y}.png\","
                  + "\"subdomains\":\"ab\",\"attribution\":\"© Example\",\"maxZoom\":17}]}");
      assertThat(JSON.readTree(response.body()).get("levels").get(3).get("minZoom").asInt()).isEqualTo(14);
    }
  }

  @Test
  void tiandituWithoutAKeyStopsTheStartNamingTheProperty() {
    assertThatThrownBy(() -> start("--wangge.map.basemap.type=tianditu").close())
        .satisfies(
            e -> {
              Throwable t = e;
              StringBuilder messages = new StringBuilder();
              while (t != null) {
                messages.append(t.getMessage()).append('\n');
                t = t.getCause();
              }
              assertThat(messages.toString()).contains("wangge.map.basemap.tianditu-key is required");
            });
  }
}
