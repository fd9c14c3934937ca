package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The prod profile on a fresh embedded database: it refuses the demo keys, and with real secrets
 * it starts and creates the first administrator from WANGGE_ADMIN_PASSWORD, who can sign in.
 */
class ProductionProfileIT {

  /** Starts the app as `java -jar … --spring.profiles.active=prod …` would, with these arguments. */
  private static ConfigurableApplicationContext start(Path dataDir, String... arguments) {
    String[] args = new String[arguments.length + 4];
    args[0] = "--spring.profiles.active=prod";
    args[1] = "--wangge.data-dir=" + dataDir;
    args[2] = "--server.port=0";
    args[3] = "--logging.level.root=WARN";
    System.arraycopy(arguments, 0, args, 4, arguments.length);
    return new SpringApplicationBuilder(WanggeApplication.class).run(args);
  }

  @Test
  void refusesTheDemoKeysAndStartsWithRealSecrets() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "it-prod-").toAbsolutePath();
    assertThatThrownBy(() -> start(dataDir).close())
        .hasMessageContaining("The prod profile refuses to start")
        .hasMessageContaining("WANGGE_DATA_KEY")
        .hasMessageContaining("WANGGE_RECEIPT_KEY");

    String password = "a-real-admin-password-2026";
    try (ConfigurableApplicationContext context =
        start(
            dataDir,
            "--wangge.security.data-key=q2Jx1bPp0i1m1fQ0s7uZb3yO1dD8y0n0w9kq3m5r6sA=",
            "--wangge.security.receipt-key=a-real-receipt-key-of-at-least-32-characters",
            "--wangge.security.bootstrap-admin-password=" + password)) {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      var me =
          Api.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
                  .header("Authorization", Api.basic("admin", password))
                  .build());
      assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
      assertThat(me.body()).contains("\"role\":\"ADMIN\"");
      // No demo city, no demo users.
      var demo =
          Api.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me"))
                  .header("Authorization", Api.basic("operator-city", Api.DEMO_PASSWORD))
                  .build());
      assertThat(demo.statusCode()).isEqualTo(401);
    }
  }
}
