package org.wangge.gisdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GisDataCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return GisDataCommand.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aNonNumericGridCountExitsWith2AndNamesTheArgument() {
    assertThat(run("generate", "--out", "x", "--grids", "many")).isEqualTo(2);
    assertThat(err())
        .contains("error: --grids: not a whole number")
        .contains("'many'")
        .contains("usage:");
  }

  @Test
  void missingOutExitsWith2() {
    assertThat(run("generate", "--grids", "100")).isEqualTo(2);
    assertThat(err()).contains("--out");
  }

  @Test
  void outOfRangeAndUnknownArgumentsExitWith2() {
    assertThat(run("generate", "--out", "x", "--grids", "5")).isEqualTo(2);
    assertThat(err()).contains("--grids: must be between 10 and 50000, was 5");
    assertThat(run("generate", "--out", "x", "--as-of", "2026-13-01")).isEqualTo(2);
    assertThat(err()).contains("--as-of: not a date");
    assertThat(run("generate", "--out", "x", "--colour", "red")).isEqualTo(2);
    assertThat(err()).contains("unknown option --colour");
    assertThat(run("generate", "--out")).isEqualTo(2);
    assertThat(err()).contains("--out: a value is required");
    assertThat(run("destroy")).isEqualTo(2);
    assertThat(err()).contains("unknown command 'destroy'");
  }

  @Test
  void helpExitsWith0() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: generate --out DIR");
  }

  @Test
  void generatesASmallCityIntoTheDirectory(@TempDir Path dir) {
    assertThat(
            run(
                "generate",
                "--out",
                dir.toString(),
                "--grids=40",
                "--addresses",
                "3000",
                "--incidents",
                "50",
                "--seed",
                "7",
                "--as-of",
                "2026-06-01"))
        .isZero();
    assertThat(dir.resolve("areas.geojson")).isNotEmptyFile();
    assertThat(dir.resolve("addresses.geojson")).isNotEmptyFile();
    assertThat(dir.resolve("members.geojson")).isNotEmptyFile();
    assertThat(dir.resolve("incidents.geojson")).isNotEmptyFile();
    assertThat(dir.resolve("departments.json")).isNotEmptyFile();
    assertThat(dir.resolve("categories.json")).isNotEmptyFile();
    assertThat(err()).contains("generating 40 grids").contains("writing areas.geojson… ");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("40 grids")
        .contains("addresses:  3000")
        .contains("households per grid: min")
        .contains("incidents:  50");
  }
}
