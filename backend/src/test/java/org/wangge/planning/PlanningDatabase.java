package org.wangge.planning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A fresh embedded H2GIS data directory of its own for the planning tests: publishing plans
 * changes grid boundaries, which the other test classes (sharing {@link org.wangge.EmbeddedDatabase})
 * must not see.
 */
public class PlanningDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    try {
      Files.createDirectories(Path.of("target"));
      Path dir = Files.createTempDirectory(Path.of("target"), "it-plan-h2-").toAbsolutePath();
      TestPropertyValues.of("wangge.data-dir=" + dir).applyTo(context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
