package org.wangge.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A fresh work dir for the import tests, and (embedded only, {@code h2=true}) a fresh H2GIS data
 * directory: imports change grids that the other test classes must not see.
 */
public class ImportDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    try {
      Files.createDirectories(Path.of("target"));
      Path work = Files.createTempDirectory(Path.of("target"), "it-import-work-").toAbsolutePath();
      TestPropertyValues.of("wangge.exchange.work-dir=" + work.resolve("exchange")).applyTo(context);
      if (!context.getEnvironment().containsProperty("spring.datasource.url")
          || context.getEnvironment().getProperty("spring.datasource.url", "").startsWith("jdbc:h2:")) {
        Path dir = Files.createTempDirectory(Path.of("target"), "it-import-h2-").toAbsolutePath();
        TestPropertyValues.of("wangge.data-dir=" + dir).applyTo(context);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
