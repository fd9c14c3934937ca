package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code scripts/chaos --short} (every fault for a few seconds, on its own private durable
 * PostGIS, against the packaged service jar) as part of the test command, and fails with its summary
 * when it reports a violation. Needs what {@code scripts/test} provides (PostgreSQL with PostGIS);
 * skipped when run without it.
 */
class ChaosShortIT {

  @Test
  void everyFaultScenarioKeepsEveryAcknowledgedReportAndAnswers503WithRetryAfter() throws Exception {
    assumeTrue(System.getenv("WANGGE_TEST_PG_HOST") != null, "scripts/chaos needs scripts/test's PostgreSQL");
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path log = Files.createTempFile(Path.of("target").toAbsolutePath(), "chaos-short-", ".log");
    var builder = new ProcessBuilder(root.resolve("scripts/chaos").toString(), "--short").directory(root.toFile());
    builder.environment().put("CHAOS_SKIP_BUILD", "1");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process chaos = builder.start();
    boolean finished = chaos.waitFor(12, TimeUnit.MINUTES);
    if (!finished) {
      chaos.descendants().forEach(ProcessHandle::destroy);
      chaos.destroy();
    }
    String output = Files.readString(log);
    System.out.println(output);
    assertThat(finished).as("scripts/chaos --short finished within 12 minutes").isTrue();
    assertThat(chaos.exitValue()).as(output).isZero();
    assertThat(output).contains("OK: nothing acknowledged was lost or duplicated");
    new File(log.toString()).deleteOnExit();
  }
}
