package org.wangge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points the app at a fresh, empty H2GIS data directory under {@code target/} (one per test JVM),
 * so the demo city is loaded exactly as on a newcomer's first start. Test classes that use this
 * initializer with the same settings share one application context.
 */
public class EmbeddedDatabase
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final Path DATA_DIR = create();

  private static Path create() {
    try {
      Files.createDirectories(Path.of("target"));
      return Files.createTempDirectory(Path.of("target"), "it-h2-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPropertyValues.of("wangge.data-dir=" + DATA_DIR).applyTo(context);
  }
}
