package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.address.Geocoder;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code /api/geocode} and {@code /api/geocode/reverse} promise, checked over HTTP against
 * the demo city in a real database: real addresses, read from the database, written the ways
 * people write them. Subclasses pick the database and share the application context of the other
 * integration tests on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GeocodingContract {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  @Autowired Geocoder geocoder;

  /** An address as the database holds it. */
  record Row(String code, String fullText, String road, String number, String building, String unit, double lon, double lat) {}

  /** Every address, for the reverse-geocoding oracle. */
  private List<Row> all;

  @BeforeAll
  void readAddressesFromTheDatabase() {
    all =
        jdbc.query(
            "SELECT code, full_text, road, number, building, unit, ST_X(location), ST_Y(location) FROM address ORDER BY code",
            (rs, i) ->
                new Row(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getDouble(7),
                    rs.getDouble(8)));
  }

  JsonNode getJson(String path, int expectedStatus) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              Api.as(port, "operator-city").request(path).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("%s → %s", path, response.body()).isEqualTo(expectedStatus);
      assertThat(response.body()).doesNotContain("Exception", "at org.");
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode geocode(String text) {
    return getJson("/api/geocode?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8), 200);
  }

  /** Every 997th address (in code order) that has a building and unit: units of compounds. */
  private List<Row> compoundSample() {
    List<Row> sample = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 997) {
      Row row = all.get(i);
      if (row.building() != null && row.unit() != null) {
        sample.add(row);
      }
    }
    assertThat(sample).hasSizeGreaterThan(20);
    return sample;
  }

  @Test
  void theSnapshotHoldsEveryAddress() {
    assertThat(geocoder.addressCount()).isEqualTo(all.size()).isEqualTo(150_000);
  }

  @Test
  void fullTextAndItsVariantsMatchTheAddress() {
    for (Row row : compoundSample()) {
      String door = row.road() + row.number() + row.building() + row.unit();
      String b = row.building().replace("栋", "");
      String u = row.unit().replace("单元", "");
      String n = row.number().replace("号", "");
      List<String> variants =
          List.of(
              row.fullText(),
              door, // without province, city, district, street and community
              row.fullText().substring(row.fullText().indexOf("市") + 1), // without province and city
              toFullWidth(door),
              row.road() + row.number() + b + "-" + u,
              row.road() + n + "-" + b + "-" + u,
              row.road() + row.number() + b + "幢" + u + "单元301室",
              row.road() + row.number() + chinese(Integer.parseInt(b)) + "栋" + chinese(Integer.parseInt(u)) + "单元",
              " " + row.road() + " " + row.number().replace("号", "號") + " " + row.building() + " " + row.unit());
      for (String text : variants) {
        JsonNode body = geocode(text);
        assertThat(body.get("status").asString()).as(text).isEqualTo("MATCH");
        assertThat(body.get("candidates")).as(text).hasSize(1);
        JsonNode match = body.get("candidates").get(0);
        assertThat(match.get("code").asString()).as(text).isEqualTo(row.code());
        assertThat(match.get("fullText").asString()).isEqualTo(row.fullText());
        assertThat(match.get("score").asDouble()).isEqualTo(1.0);
        assertThat(match.get("lon").asDouble()).isEqualTo(row.lon());
        assertThat(match.get("lat").asDouble()).isEqualTo(row.lat());
        assertThat(match.get("gridCode").asString()).isEqualTo(row.code().substring(0, 15));
        assertThat(match.get("id").asLong()).isPositive();
      }
    }
  }

  @Test
  void streetFrontDoorMatchesByRoadAndNumber() {
    Row row = all.stream().filter(r -> r.building() == null).skip(500).findFirst().orElseThrow();
    JsonNode body = geocode(row.road() + row.number());
    assertThat(body.get("status").asString()).isEqualTo("MATCH");
    assertThat(body.get("candidates").get(0).get("code").asString()).isEqualTo(row.code());
  }

  @Test
  void doorOfACompoundIsAmbiguousAndListsItsAddresses() {
    Map<String, Object> door =
        jdbc.queryForMap(
            """
            SELECT road, number FROM address WHERE building IS NOT NULL
            GROUP BY road, number HAVING count(*) BETWEEN 4 AND 10 ORDER BY road, number LIMIT 1""");
    List<String> expected =
        jdbc.queryForList(
            "SELECT code FROM address WHERE road = ? AND number = ? ORDER BY code",
            String.class,
            door.get("road"),
            door.get("number"));
    JsonNode body = geocode("新余市" + door.get("road") + door.get("number"));
    assertThat(body.get("status").asString()).isEqualTo("AMBIGUOUS");
    List<String> codes = new ArrayList<>();
    body.get("candidates").forEach(c -> codes.add(c.get("code").asString()));
    assertThat(codes).containsExactlyInAnyOrderElementsOf(expected);
    body.get("candidates").forEach(c -> assertThat(c.get("score").asDouble()).isLessThan(1));
    // The limit applies.
    JsonNode two =
        getJson("/api/geocode?limit=2&q=" + URLEncoder.encode(door.get("road") + "" + door.get("number"), StandardCharsets.UTF_8), 200);
    assertThat(two.get("candidates")).hasSize(2);
  }

  @Test
  void nonsenseFindsNothing() {
    for (String text : List.of("火星基地一号", "hello world", "胜利路999999号")) {
      JsonNode body = geocode(text);
      assertThat(body.get("status").asString()).as(text).isEqualTo("NONE");
      assertThat(body.get("candidates")).as(text).isEmpty();
    }
  }

  @Test
  void reverseAtAnAddressOffsetByAFewMetresFindsIt() {
    int checked = 0;
    for (Row row : compoundSample()) {
      double lat = row.lat() + Wgs84.metresToDegreesLat(3);
      Row expected = oracle(row.lon(), lat, 200);
      JsonNode body = getJson("/api/geocode/reverse?lon=" + row.lon() + "&lat=" + lat, 200);
      assertThat(body.get("address").get("code").asString()).isEqualTo(expected.code());
      double metres = Wgs84.distanceMetres(row.lon(), lat, expected.lon(), expected.lat());
      assertThat(body.get("distanceMetres").asDouble()).isCloseTo(metres, within(1e-6));
      if (expected.code().equals(row.code())) {
        assertThat(body.get("distanceMetres").asDouble()).isCloseTo(3, within(0.01));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void reverseAgreesWithABruteForceOracle() {
    double minLon = all.stream().mapToDouble(Row::lon).min().orElseThrow();
    double maxLon = all.stream().mapToDouble(Row::lon).max().orElseThrow();
    double minLat = all.stream().mapToDouble(Row::lat).min().orElseThrow();
    double maxLat = all.stream().mapToDouble(Row::lat).max().orElseThrow();
    var random = new SplittableRandom(5);
    int found = 0;
    int missed = 0;
    for (int k = 0; k < 200; k++) {
      double lon = minLon + random.nextDouble() * (maxLon - minLon);
      double lat = minLat + random.nextDouble() * (maxLat - minLat);
      double max = k % 2 == 0 ? 30 : 200;
      Row expected = oracle(lon, lat, max);
      String path = "/api/geocode/reverse?lon=" + lon + "&lat=" + lat + "&maxDistance=" + max;
      if (expected == null) {
        getJson(path, 404);
        missed++;
      } else {
        assertThat(getJson(path, 200).get("address").get("code").asString()).isEqualTo(expected.code());
        found++;
      }
    }
    assertThat(found).isGreaterThan(50);
    assertThat(missed).isGreaterThan(5);
  }

  @Test
  void reverseFarFromEveryAddressIs404() {
    JsonNode body = getJson("/api/geocode/reverse?lon=100&lat=40", 404);
    assertThat(body.get("detail").asString()).isEqualTo("No standard address within 200 m of (100.0, 40.0).");
    assertThat(getJson("/api/geocode/reverse?lon=100&lat=40&maxDistance=50", 404).get("detail").asString())
        .contains("within 50 m");
  }

  @Test
  void badParametersNameTheField() {
    assertThat(getJson("/api/geocode", 400).get("field").asString()).isEqualTo("q");
    assertThat(getJson("/api/geocode?q=%20%20", 400).get("field").asString()).isEqualTo("q");
    assertThat(getJson("/api/geocode?q=" + "路".repeat(201), 400).get("field").asString()).isEqualTo("q");
    assertThat(getJson("/api/geocode?q=x&limit=0", 400).get("field").asString()).isEqualTo("limit");
    assertThat(getJson("/api/geocode?q=x&limit=many", 400).get("field").asString()).isEqualTo("limit");
    assertThat(getJson("/api/geocode/reverse?lon=abc&lat=27.8", 400).get("field").asString()).isEqualTo("lon");
    assertThat(getJson("/api/geocode/reverse?lon=181&lat=27.8", 400).get("field").asString()).isEqualTo("lon");
    assertThat(getJson("/api/geocode/reverse?lon=114.9&lat=95", 400).get("field").asString()).isEqualTo("lat");
    assertThat(getJson("/api/geocode/reverse?lon=114.9", 400).get("field").asString()).isEqualTo("lat");
    assertThat(getJson("/api/geocode/reverse?lon=114.9&lat=27.8&maxDistance=-1", 400).get("field").asString())
        .isEqualTo("maxDistance");
    assertThat(getJson("/api/geocode/reverse?lon=114.9&lat=27.8&maxDistance=NaN", 400).get("field").asString())
        .isEqualTo("maxDistance");
  }

  /** The nearest address within {@code max} metres, by testing every address; null if none. */
  private Row oracle(double lon, double lat, double max) {
    Row best = null;
    double bestMetres = Double.POSITIVE_INFINITY;
    for (Row row : all) { // in code order: ties go to the lower code
      double d = Wgs84.distanceMetres(lon, lat, row.lon(), row.lat());
      if (d < bestMetres) {
        best = row;
        bestMetres = d;
      }
    }
    return bestMetres <= max ? best : null;
  }

  /** 1–99 in Chinese numerals: 三, 十二, 二十. */
  private static String chinese(int n) {
    String digits = "零一二三四五六七八九";
    if (n < 10) {
      return String.valueOf(digits.charAt(n));
    }
    return (n / 10 == 1 ? "" : String.valueOf(digits.charAt(n / 10)))
        + "十"
        + (n % 10 == 0 ? "" : String.valueOf(digits.charAt(n % 10)));
  }

  /** Digits and Latin letters as full-width characters, as Chinese input methods type them. */
  private static String toFullWidth(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c >= '!' && c <= '~' ? (char) (c - '!' + '！') : c);
    }
    String result = out.toString();
    assertThat(result).isNotEqualTo(text);
    assertThat(Normalizer.normalize(result, Normalizer.Form.NFKC)).isEqualTo(text);
    return result;
  }
}
