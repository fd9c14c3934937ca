package org.wangge.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import java.util.List;
import org.wangge.Api;
import org.wangge.gisdata.crs.Crs;
import org.wangge.gisdata.io.Field;
import org.wangge.gisdata.io.FieldType;
import org.wangge.gisdata.io.FileFormat;
import org.wangge.gisdata.io.GisFiles;
import org.wangge.gisdata.io.OutputLayer;
import org.wangge.gisdata.io.WriteOptions;
import org.wangge.spatial.Wgs84;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.gisdata.model.City;
import org.wangge.gisdata.synthetic.CitySpec;
import org.wangge.gisdata.synthetic.SyntheticCityGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: measures an import of addresses from a CSV file into a database that has the
 * generated city's grids but none of its addresses ({@code wangge.demo.addresses=0}). The file
 * holds the addresses the same generator makes for {@code -Dbench.grids} grids (default 800, the
 * demo city) and {@code -Dbench.addresses} addresses (default 150,000). Prints the upload, dry-run
 * and commit times. Run with {@code scripts/bench-import} (see BENCHMARKS.md, "Import").
 */
abstract class ImportSpeedBench {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @Value("${local.server.port}")
  int port;

  @Value("${wangge.demo.grids}")
  int grids;

  @Autowired JdbcTemplate jdbc;

  @Test
  void importAddresses() throws IOException {
    int addresses = Integer.getInteger("bench.addresses", CitySpec.DEMO_ADDRESSES);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM address", Long.class)).isZero();
    long t0 = System.nanoTime();
    City city = SyntheticCityGenerator.generate(new CitySpec(CitySpec.DEMO_SEED, grids, addresses, 0, LocalDate.now()));
    // Written with gis-data's writers: -Dbench.format (default geojson), -Dbench.crs (default
    // EPSG:4326; e.g. EPSG:4547 for a surveyor's projected CGCS2000 shapefile).
    FileFormat format = FileFormat.parse(System.getProperty("bench.format", "geojson"));
    Crs crs = Crs.parse(System.getProperty("bench.crs", "EPSG:4326"));
    List<AddressRecord> all = city.addresses();
    Path csv = Path.of("target", "bench-import-" + grids + "-" + addresses + "." + format.fileExtension()).toAbsolutePath();
    var fields =
        List.of(new Field("code", FieldType.TEXT), new Field("address", FieldType.TEXT), new Field("road", FieldType.TEXT),
            new Field("number", FieldType.TEXT), new Field("building", FieldType.TEXT), new Field("unit", FieldType.TEXT),
            new Field("households", FieldType.INTEGER), new Field("residents", FieldType.INTEGER));
    try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) {
      GisFiles.write(format, crs,
          List.of(new OutputLayer("addresses", "Point", fields, sink -> {
            for (AddressRecord a : all) {
              sink.accept(Wgs84.point(a.lon(), a.lat()),
                  java.util.Arrays.asList(a.code(), a.fullText(), a.road(), a.number(), a.building(), a.unit(),
                      (long) a.households(), (long) a.residents()));
            }
          })),
          out, WriteOptions.defaults());
    }
    long generated = System.nanoTime();
    Api admin = Api.as(port, "admin");
    String boundary = "----bench" + UUID.randomUUID();
    var upload =
        Api.send(
            admin.request("/api/imports")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + csv.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"),
                    HttpRequest.BodyPublishers.ofFile(csv),
                    HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                .build());
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    String id = JSON.readTree(upload.body()).get("id").asString();
    long uploaded = System.nanoTime();
    var started =
        admin.post("/api/imports/" + id + "/dry-run",
            "{\"layers\":[{\"layer\":\"" + JSON.readTree(upload.body()).get("layers").get(0).get("name").asString() + "\",\"kind\":\"ADDRESS\",\"crs\":\"" + crs.code() + "\",\"mapping\":{\"code\":\"code\",\"fullText\":\"address\","
                + "\"road\":\"road\",\"number\":\"number\",\"building\":\"building\",\"unit\":\"unit\",\"households\":\"households\",\"residents\":\"residents\"}}]}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    JsonNode checked = waitFor(admin, id);
    long dryRun = System.nanoTime();
    assertThat(checked.get("dryRun").get("committable").asBoolean()).as(checked.get("dryRun").get("blocking").toString()).isTrue();
    assertThat(admin.post("/api/imports/" + id + "/commit", "{}").statusCode()).isEqualTo(202);
    JsonNode done = waitFor(admin, id);
    long committed = System.nanoTime();
    assertThat(done.get("status").asString()).as(String.valueOf(done.get("error"))).isEqualTo("COMMITTED");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM address", Long.class)).isEqualTo(addresses);
    String line =
        String.format(Locale.ROOT,
            "import bench: %d grids, %d addresses, %s file in %s %.1f MB: generate+write %.1f s, upload+read %.1f s, dry run %.1f s, commit %.1f s (server: %d ms), heap used after %d MB%n",
            grids, addresses, format, crs.code(), Files.size(csv) / 1e6, (generated - t0) / 1e9, (uploaded - generated) / 1e9, (dryRun - uploaded) / 1e9,
            (committed - dryRun) / 1e9, done.get("result").get("millis").asLong(),
            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    System.out.print(line);
    Files.writeString(Path.of("target", "bench-import.txt"), line, StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }

  static JsonNode waitFor(Api api, String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
      last[0] = JSON.readTree(api.get("/api/imports/" + id).body());
      String s = last[0].get("status").asString();
      return s.equals("CHECKED") || s.equals("COMMITTED") || s.equals("FAILED");
    });
    return last[0];
  }
}
