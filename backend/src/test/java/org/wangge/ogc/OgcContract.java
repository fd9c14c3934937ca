package org.wangge.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Geometry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OGC API – Features over real HTTP against SQL oracles: the documents' shapes and links, the
 * jurisdiction of every collection (operator-street sees only street 360502001; a grid of another
 * street is a 404), bbox and datetime counts, paging walked to the end, and bad parameters named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OgcContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String STREET = "360502001";
  static final String OTHER_STREET = "360502002";

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  JsonNode get(String user, String path, int status) {
    HttpResponse<String> response = Api.as(port, user).get(path);
    assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  /** Follows an absolute link as the user. */
  JsonNode follow(String user, String href) {
    assertThat(href).startsWith("http://localhost:" + port + "/ogc");
    HttpResponse<String> response = Api.send(Api.as(port, user).request(URI.create(href).getRawPath() + "?" + URI.create(href).getRawQuery()).GET().build());
    assertThat(response.statusCode()).as(href).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static String link(JsonNode doc, String rel) {
    for (JsonNode l : doc.get("links")) {
      if (l.get("rel").asString().equals(rel)) {
        return l.get("href").asString();
      }
    }
    return null;
  }

  @Test
  void landingConformanceAndApiDocument() {
    JsonNode landing = get("operator-street", "/ogc", 200);
    String base = "http://localhost:" + port + "/ogc";
    assertThat(link(landing, "self")).isEqualTo(base);
    assertThat(link(landing, "conformance")).isEqualTo(base + "/conformance");
    assertThat(link(landing, "data")).isEqualTo(base + "/collections");
    assertThat(link(landing, "service-desc")).isEqualTo(base + "/api");
    JsonNode conformance = get("operator-street", "/ogc/conformance?f=json", 200);
    List<String> classes = new ArrayList<>();
    conformance.get("conformsTo").forEach(c -> classes.add(c.asString()));
    assertThat(classes)
        .contains(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");
    JsonNode api = get("operator-street", "/ogc/api", 200);
    assertThat(api.get("openapi").asString()).startsWith("3.0");
    assertThat(api.get("paths").has("/collections/{collectionId}/items")).isTrue();
    var anonymous = Api.anonymous(port).get("/ogc/collections");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    var html = Api.as(port, "operator-street").get("/ogc?f=html");
    assertThat(html.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(html.body()).get("field").asString()).isEqualTo("f");
  }

  @Test
  void collectionsWithExtentsOfTheJurisdiction() {
    JsonNode doc = get("operator-street", "/ogc/collections", 200);
    List<String> ids = new ArrayList<>();
    doc.get("collections").forEach(c -> ids.add(c.get("id").asString()));
    assertThat(ids).containsExactly("districts", "streets", "communities", "grids", "addresses", "incidents");
    JsonNode grids = doc.get("collections").get(3);
    assertThat(link(grids, "items")).isEqualTo("http://localhost:" + port + "/ogc/collections/grids/items");
    assertThat(grids.get("itemType").asString()).isEqualTo("feature");
    JsonNode bbox = grids.get("extent").get("spatial").get("bbox").get(0);
    Map<String, Object> sql =
        jdbc.queryForMap(
            "SELECT min(ST_XMin(boundary)) x0, min(ST_YMin(boundary)) y0, max(ST_XMax(boundary)) x1, max(ST_YMax(boundary)) y1"
                + " FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE ?",
            STREET + "%");
    assertThat(bbox.get(0).asDouble()).isCloseTo(((Number) sql.get("x0")).doubleValue(), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(bbox.get(3).asDouble()).isCloseTo(((Number) sql.get("y1")).doubleValue(), org.assertj.core.data.Offset.offset(1e-9));
    // The street user sees no district: its own district lies above its jurisdiction.
    assertThat(doc.get("collections").get(0).get("extent").has("spatial")).isFalse();
    JsonNode incidents = get("admin", "/ogc/collections/incidents", 200);
    JsonNode interval = incidents.get("extent").get("temporal").get("interval").get(0);
    Timestamp first = jdbc.queryForObject("SELECT min(reported_at) FROM incident", Timestamp.class);
    Timestamp last = jdbc.queryForObject("SELECT max(reported_at) FROM incident", Timestamp.class);
    assertThat(Instant.parse(interval.get(0).asString())).isEqualTo(first.toInstant());
    assertThat(Instant.parse(interval.get(1).asString())).isEqualTo(last.toInstant());
    get("operator-street", "/ogc/collections/nothing", 404);
  }

  @Test
  void operatorStreetSeesOnlyItsStreetInEveryCollection() {
    long grids = count("SELECT count(*) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE ?", STREET + "%");
    long communities = count("SELECT count(*) FROM area WHERE level = 'COMMUNITY' AND valid_to IS NULL AND code LIKE ?", STREET + "%");
    long addresses = count("SELECT count(*) FROM address WHERE grid_code LIKE ?", STREET + "%");
    long incidents =
        count(
            "SELECT count(*) FROM incident WHERE grid_code LIKE ? OR (grid_code IS NULL AND area_code LIKE ?)",
            STREET + "%",
            STREET + "%");
    assertThat(grids).isPositive();
    assertThat(addresses).isPositive();
    assertThat(incidents).isPositive();
    assertThat(matched("operator-street", "grids", "")).isEqualTo(grids);
    assertThat(matched("operator-street", "communities", "")).isEqualTo(communities);
    assertThat(matched("operator-street", "streets", "")).isEqualTo(1);
    assertThat(matched("operator-street", "districts", "")).isZero();
    assertThat(matched("operator-street", "addresses", "")).isEqualTo(addresses);
    assertThat(matched("operator-street", "incidents", "")).isEqualTo(incidents);
    assertThat(matched("admin", "grids", "")).isEqualTo(count("SELECT count(*) FROM area WHERE level = 'GRID' AND valid_to IS NULL"));
    JsonNode page = get("operator-street", "/ogc/collections/incidents/items?limit=10000", 200);
    // Routed to a grid of the street (a case outside every grid is not in the street's grids).
    page.get("features").forEach(f -> assertThat(f.get("properties").get("grid").asString()).startsWith(STREET));
    assertThat(count("SELECT count(*) FROM incident WHERE grid_code IS NULL AND area_code LIKE ?", STREET + "%")).isZero();
    assertThat(page.get("features").get(0).get("properties").has("reporter_phone")).isFalse();

    String own = jdbc.queryForObject("SELECT min(code) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE ?", String.class, STREET + "%");
    String other = jdbc.queryForObject("SELECT min(code) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE ?", String.class, OTHER_STREET + "%");
    get("operator-street", "/ogc/collections/grids/items/" + own, 200);
    JsonNode missing = get("operator-street", "/ogc/collections/grids/items/" + other, 404);
    assertThat(missing.get("status").asInt()).isEqualTo(404);
    get("operator-street2", "/ogc/collections/grids/items/" + other, 200);
    String otherAddress = jdbc.queryForObject("SELECT min(code) FROM address WHERE grid_code LIKE ?", String.class, OTHER_STREET + "%");
    get("operator-street", "/ogc/collections/addresses/items/" + otherAddress, 404);
    String otherCase =
        jdbc.queryForObject("SELECT min(number) FROM incident WHERE grid_code LIKE ?", String.class, OTHER_STREET + "%");
    get("operator-street", "/ogc/collections/incidents/items/" + otherCase, 404);
    get("operator-street", "/ogc/collections/grids/items/999999999999999", 404);
  }

  @Test
  void aDepartmentOfficerSeesItsDepartmentsCasesOnly() {
    long expected =
        count(
            "SELECT count(*) FROM incident i WHERE i.department_id = (SELECT id FROM department WHERE code = 'D01')"
                + " OR EXISTS (SELECT 1 FROM incident_whistle w WHERE w.incident_id = i.id"
                + " AND w.department_id = (SELECT id FROM department WHERE code = 'D01'))");
    assertThat(expected).isLessThan(count("SELECT count(*) FROM incident"));
    assertThat(matched("officer-dept", "incidents", "")).isEqualTo(expected);
  }

  @Test
  void singleFeaturesCarryTheStoredValuesAndGeometry() {
    String code = jdbc.queryForObject("SELECT min(code) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE ?", String.class, STREET + "%");
    Map<String, Object> row =
        jdbc.queryForMap("SELECT name, parent_code, version, households, ST_AsBinary(boundary) AS wkb FROM area WHERE code = ? AND valid_to IS NULL", code);
    JsonNode f = get("operator-street", "/ogc/collections/grids/items/" + code, 200);
    assertThat(f.get("type").asString()).isEqualTo("Feature");
    assertThat(f.get("id").asString()).isEqualTo(code);
    assertThat(f.get("properties").get("name").asString()).isEqualTo(row.get("name"));
    assertThat(f.get("properties").get("parent").asString()).isEqualTo(row.get("parent_code"));
    assertThat(f.get("properties").get("level").asString()).isEqualTo("GRID");
    assertThat(f.get("properties").get("households").asInt()).isEqualTo(((Number) row.get("households")).intValue());
    Geometry served = GeoJsonGeometries.read(f.get("geometry"));
    Geometry stored = GeoJsonGeometries.wkb((byte[]) row.get("wkb"));
    assertThat(GeoJsonGeometries.distanceMetres(served, stored)).isLessThan(0.05);
    assertThat(link(f, "self")).endsWith("/ogc/collections/grids/items/" + code);

    Map<String, Object> address =
        jdbc.queryForMap("SELECT code, full_text, ST_X(location) AS x, ST_Y(location) AS y FROM address WHERE grid_code = ? ORDER BY code FETCH FIRST 1 ROWS ONLY", code);
    JsonNode a = get("operator-street", "/ogc/collections/addresses/items/" + address.get("code"), 200);
    assertThat(a.get("properties").get("address").asString()).isEqualTo(address.get("full_text"));
    assertThat(a.get("geometry").get("coordinates").get(0).asDouble()).isCloseTo(((Number) address.get("x")).doubleValue(), org.assertj.core.data.Offset.offset(1e-7));

    Map<String, Object> incident =
        jdbc.queryForMap(
            "SELECT i.number, c.code AS category, i.status, i.reported_at FROM incident i JOIN category c ON c.id = i.category_id"
                + " WHERE i.grid_code LIKE ? ORDER BY i.number FETCH FIRST 1 ROWS ONLY",
            STREET + "%");
    JsonNode i = get("operator-street", "/ogc/collections/incidents/items/" + incident.get("number"), 200);
    assertThat(i.get("properties").get("category").asString()).isEqualTo(incident.get("category"));
    assertThat(i.get("properties").get("status").asString()).isEqualTo(incident.get("status"));
    assertThat(Instant.parse(i.get("properties").get("reported").asString()))
        .isEqualTo(instant(incident.get("reported_at")));
  }

  @Test
  void bboxCountsEqualSql() {
    Map<String, Object> e =
        jdbc.queryForMap(
            "SELECT min(ST_XMin(boundary)) x0, min(ST_YMin(boundary)) y0, max(ST_XMax(boundary)) x1, max(ST_YMax(boundary)) y1 FROM area WHERE level = 'COMMUNITY' AND valid_to IS NULL AND code LIKE ?",
            STREET + "%");
    double x0 = ((Number) e.get("x0")).doubleValue(), y0 = ((Number) e.get("y0")).doubleValue();
    double x1 = ((Number) e.get("x1")).doubleValue(), y1 = ((Number) e.get("y1")).doubleValue();
    // The south-west quarter of the street.
    double[] box = {x0, y0, (x0 + x1) / 2, (y0 + y1) / 2};
    String bbox = "&bbox=" + box[0] + "," + box[1] + "," + box[2] + "," + box[3];
    long grids =
        count(
            "SELECT count(*) FROM area WHERE level = 'GRID' AND valid_to IS NULL AND ST_Intersects(boundary, ST_MakeEnvelope(?, ?, ?, ?, 4326))",
            box[0], box[1], box[2], box[3]);
    long addresses =
        count(
            "SELECT count(*) FROM address WHERE ST_X(location) BETWEEN ? AND ? AND ST_Y(location) BETWEEN ? AND ?",
            box[0], box[2], box[1], box[3]);
    long streetAddresses =
        count(
            "SELECT count(*) FROM address WHERE grid_code LIKE ? AND ST_X(location) BETWEEN ? AND ? AND ST_Y(location) BETWEEN ? AND ?",
            STREET + "%", box[0], box[2], box[1], box[3]);
    long incidents =
        count(
            "SELECT count(*) FROM incident WHERE ST_X(location) BETWEEN ? AND ? AND ST_Y(location) BETWEEN ? AND ?",
            box[0], box[2], box[1], box[3]);
    assertThat(grids).isPositive().isLessThan(count("SELECT count(*) FROM area WHERE level = 'GRID' AND valid_to IS NULL"));
    assertThat(addresses).isPositive().isGreaterThan(streetAddresses - 1);
    assertThat(matched("admin", "grids", bbox)).isEqualTo(grids);
    assertThat(matched("admin", "addresses", bbox)).isEqualTo(addresses);
    assertThat(matched("operator-street", "addresses", bbox)).isEqualTo(streetAddresses);
    assertThat(matched("admin", "incidents", bbox)).isEqualTo(incidents);
  }

  @Test
  void datetimeCountsEqualSql() {
    // Inside the demo's 90 days of history (other test classes add cases now, or in 2020).
    Instant from = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
    Instant to = from.plus(10, ChronoUnit.DAYS);
    long between = count("SELECT count(*) FROM incident WHERE reported_at >= ? AND reported_at <= ?", Timestamp.from(from), Timestamp.from(to));
    long after = count("SELECT count(*) FROM incident WHERE reported_at >= ?", Timestamp.from(from));
    long before = count("SELECT count(*) FROM incident WHERE reported_at <= ?", Timestamp.from(to));
    assertThat(between).isPositive().isLessThan(after);
    assertThat(matched("admin", "incidents", "&datetime=" + from + "/" + to)).isEqualTo(between);
    assertThat(matched("admin", "incidents", "&datetime=" + from + "/..")).isEqualTo(after);
    assertThat(matched("admin", "incidents", "&datetime=../" + to)).isEqualTo(before);
    Map<String, Object> one = jdbc.queryForMap("SELECT number, reported_at FROM incident ORDER BY number FETCH FIRST 1 ROWS ONLY");
    Instant at = instant(one.get("reported_at"));
    long same = count("SELECT count(*) FROM incident WHERE reported_at = ?", Timestamp.from(at));
    assertThat(matched("admin", "incidents", "&datetime=" + at)).isEqualTo(same).isPositive();
  }

  @Test
  void pagingWalksEveryPageToTheSqlCount() {
    List<String> expected =
        jdbc.queryForList("SELECT code FROM area WHERE level = 'GRID' AND valid_to IS NULL AND code LIKE '360502%' ORDER BY code", String.class);
    List<String> seen = new ArrayList<>();
    JsonNode page = get("operator-district", "/ogc/collections/grids/items?limit=37", 200);
    int pages = 1;
    assertThat(link(page, "prev")).isNull();
    while (true) {
      assertThat(page.get("numberMatched").asLong()).isEqualTo(expected.size());
      assertThat(page.get("numberReturned").asInt()).isEqualTo(page.get("features").size());
      page.get("features").forEach(f -> seen.add(f.get("id").asString()));
      String next = link(page, "next");
      if (next == null) {
        break;
      }
      assertThat(next).contains("limit=37").contains("offset=" + seen.size());
      page = follow("operator-district", next);
      pages++;
      if (pages == 2) {
        assertThat(link(page, "prev")).contains("offset=0");
      }
    }
    assertThat(pages).isEqualTo((expected.size() + 36) / 37).isGreaterThan(3);
    assertThat(seen).isEqualTo(expected);

    long addresses = count("SELECT count(*) FROM address WHERE grid_code LIKE ?", STREET + "%");
    long walked = 0;
    page = get("operator-street", "/ogc/collections/addresses/items?limit=5000", 200);
    while (true) {
      walked += page.get("numberReturned").asLong();
      String next = link(page, "next");
      if (next == null) {
        break;
      }
      page = follow("operator-street", next);
    }
    assertThat(walked).isEqualTo(addresses);
    JsonNode beyond = get("operator-street", "/ogc/collections/grids/items?offset=100000", 200);
    assertThat(beyond.get("numberReturned").asInt()).isZero();
    JsonNode clamped = get("admin", "/ogc/collections/addresses/items?limit=20000", 200);
    assertThat(clamped.get("numberReturned").asInt()).isEqualTo(10_000);
    assertThat(link(clamped, "next")).contains("limit=10000").contains("offset=10000");
  }

  @Test
  void badParametersAreNamed() {
    assertBad("/ogc/collections/grids/items?limit=0", "limit");
    assertBad("/ogc/collections/grids/items?limit=ten", "limit");
    assertBad("/ogc/collections/grids/items?offset=-1", "offset");
    assertBad("/ogc/collections/grids/items?bbox=1,2,3", "bbox");
    assertBad("/ogc/collections/grids/items?bbox=115,28,114,27", "bbox");
    assertBad("/ogc/collections/grids/items?bbox=114,27,115,28&bbox-crs=EPSG:4547", "bbox-crs");
    assertBad("/ogc/collections/incidents/items?datetime=yesterday", "datetime");
    assertBad("/ogc/collections/incidents/items?datetime=2026-11-02T00:00:00Z/2026-11-01T00:00:00Z", "datetime");
    assertBad("/ogc/collections/grids/items?datetime=2026-11-01T00:00:00Z", "datetime");
    get("operator-street", "/ogc/collections/nothing/items", 404);
  }

  private void assertBad(String path, String field) {
    JsonNode problem = get("operator-street", path, 400);
    assertThat(problem.get("field").asString()).as(path).isEqualTo(field);
    assertThat(problem.get("detail").asString()).contains(field);
  }

  long matched(String user, String collection, String query) {
    JsonNode page = get(user, "/ogc/collections/" + collection + "/items?limit=1" + query, 200);
    assertThat(page.get("type").asString()).isEqualTo("FeatureCollection");
    return page.get("numberMatched").asLong();
  }

  /** A timestamp column's value as JDBC returns it (Timestamp on PostGIS, OffsetDateTime on H2). */
  static Instant instant(Object value) {
    return switch (value) {
      case Timestamp t -> t.toInstant();
      case java.time.OffsetDateTime o -> o.toInstant();
      default -> throw new IllegalArgumentException("not a timestamp: " + value);
    };
  }

  long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }
}
