package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.security.PersonalDataCipher;
import org.wangge.security.V1_9__EncryptPhones;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the running service promises, checked over HTTP against a real database. Subclasses pick
 * the database (the embedded H2GIS default, or PostGIS) and start the app on a random port with
 * the demo city loaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServiceContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  @Autowired List<org.flywaydb.core.api.migration.JavaMigration> javaMigrations;

  @Autowired JdbcTemplate jdbc;

  @Autowired PersonalDataCipher cipher;

  @Autowired V1_9__EncryptPhones encryptPhones;

  @jakarta.persistence.PersistenceContext jakarta.persistence.EntityManager entities;

  /** Current grids as the database holds them: the oracle's input. */
  private List<OracleGrid> grids;

  private record OracleGrid(String code, Geometry boundary, PreparedGeometry prepared) {}

  @BeforeAll
  void readGridsFromTheDatabase() {
    var wkb = new WKBReader(Wgs84.FACTORY);
    grids =
        jdbc.query(
            "SELECT code, ST_AsBinary(boundary) FROM area WHERE level = 'GRID' AND valid_to IS NULL ORDER BY code",
            (rs, i) -> {
              try {
                Geometry g = wkb.read(rs.getBytes(2));
                return new OracleGrid(rs.getString(1), g, PreparedGeometryFactory.prepare(g));
              } catch (ParseException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  HttpResponse<String> get(String path) {
    try {
      return HTTP.send(
          Api.as(port, "operator-city").request(path).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode getJson(String path, int expectedStatus) {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as("%s → %s", path, response.body()).isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }

  @Test
  void demoCityIsLoaded() {
    assertThat(count("SELECT count(*) FROM area WHERE level = 'CITY'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM area WHERE level = 'DISTRICT'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM area WHERE level = 'STREET'")).isBetween(8L, 12L);
    assertThat(count("SELECT count(*) FROM area WHERE level = 'COMMUNITY'")).isEqualTo(80);
    assertThat(grids).hasSize(800);
    assertThat(count("SELECT count(*) FROM address")).isEqualTo(150_000);
    assertThat(count("SELECT count(*) FROM department")).isBetween(12L, 30L);
    assertThat(count("SELECT count(*) FROM category WHERE level = 'CLASS' AND retired_in IS NULL")).isBetween(6L, 11L);
    assertThat(count("SELECT count(*) FROM category WHERE level = 'SUBCLASS' AND retired_in IS NULL")).isBetween(60L, 150L);
    assertThat(count("SELECT count(*) FROM category WHERE level = 'ITEM' AND retired_in IS NULL")).isBetween(200L, 400L);
    assertThat(count("SELECT count(*) FROM member")).isGreaterThan(2 * 800L);
    assertThat(count("SELECT count(*) FROM incident")).isBetween(1000L, 10_000L);
    // Every incident kept the grid version it was routed with.
    assertThat(count("SELECT count(*) FROM incident i JOIN area a ON a.id = i.grid_id AND a.version = i.grid_version"))
        .isEqualTo(count("SELECT count(*) FROM incident"));
    // Households are derived from addresses and cached on the areas.
    assertThat(count("SELECT sum(households) FROM area WHERE level = 'GRID'"))
        .isEqualTo(count("SELECT sum(households) FROM address"));
  }

  @Test
  void everyMigrationRanOnThisDatabase() {
    // Every versioned migration of this database's folder, plus the Java ones (V1_9 phones encrypted,
    // V1_27_1 phones' lookup hashes filled).
    String vendor =
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName())
            .toLowerCase(java.util.Locale.ROOT);
    int migrations;
    try {
      migrations =
          new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                  .getResources("classpath*:db/migration/" + vendor + "/**/V*.sql")
                  .length
              + javaMigrations.size();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(migrations).isGreaterThan(20);
    assertThat(count("SELECT count(*) FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL"))
        .isEqualTo(migrations);
    // Each of the five indexed geometry columns (area, address, incident, member, patrol) has a spatial index.
    assertThat(spatialIndexCount()).isEqualTo(5);
  }

  private static final String PHONE = "\\+?[0-9][0-9 -]{5,18}[0-9]";

  @Test
  void phoneNumbersAreEncryptedAtRest() {
    // Members are loaded with plain JDBC (TeamService), departments through JPA (the converter).
    List<String> stored = new ArrayList<>();
    stored.addAll(jdbc.queryForList("SELECT phone FROM member", String.class));
    stored.addAll(jdbc.queryForList("SELECT phone FROM department", String.class));
    stored.addAll(
        jdbc.queryForList("SELECT reporter_phone FROM incident WHERE reporter_phone IS NOT NULL", String.class));
    assertThat(stored).hasSizeGreaterThan(1600);
    assertThat(stored).allSatisfy(v -> assertThat(v).startsWith("enc1:"));
    assertThat(stored).allSatisfy(v -> assertThat(cipher.decrypt(v)).matches(PHONE));
    // The entities read the real numbers back.
    assertThat(entities.createQuery("select d.phone from Department d", String.class).getResultList())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p).matches(PHONE));
    assertThat(entities.createQuery("select m.phone from Member m", String.class).setMaxResults(50).getResultList())
        .hasSize(50)
        .allSatisfy(p -> assertThat(p).matches("1[0-9]{10}"));
  }

  @Test
  @Transactional // rolled back
  void theJavaMigrationEncryptsPlaintextLeftFromBeforeEncryption() {
    long member = count("SELECT min(id) FROM member");
    long department = count("SELECT min(id) FROM department");
    long incident = count("SELECT min(id) FROM incident");
    jdbc.update("UPDATE member SET phone = '13800001234' WHERE id = ?", member);
    jdbc.update("UPDATE department SET phone = '0790-6000123' WHERE id = ?", department);
    jdbc.update("UPDATE incident SET reporter_phone = '13900005678' WHERE id = ?", incident);
    // Plaintext is still readable through the entities until it is encrypted.
    assertThat(reporterPhoneThroughJpa(incident)).isEqualTo("13900005678");

    // Exactly the three plaintext values are encrypted; everything else already was.
    assertThat(encryptPhones.encryptPlaintext(jdbc)).isEqualTo(3);

    String memberPhone = jdbc.queryForObject("SELECT phone FROM member WHERE id = ?", String.class, member);
    String departmentPhone = jdbc.queryForObject("SELECT phone FROM department WHERE id = ?", String.class, department);
    String reporterPhone = jdbc.queryForObject("SELECT reporter_phone FROM incident WHERE id = ?", String.class, incident);
    assertThat(List.of(memberPhone, departmentPhone, reporterPhone)).allSatisfy(v -> assertThat(v).startsWith("enc1:"));
    assertThat(cipher.decrypt(memberPhone)).isEqualTo("13800001234");
    assertThat(cipher.decrypt(departmentPhone)).isEqualTo("0790-6000123");
    assertThat(cipher.decrypt(reporterPhone)).isEqualTo("13900005678");
    assertThat(reporterPhoneThroughJpa(incident)).isEqualTo("13900005678");
    // Running it again changes nothing.
    assertThat(encryptPhones.encryptPlaintext(jdbc)).isZero();

    // Writing through the entity mapping encrypts too (the path report intake takes).
    entities
        .createQuery("update Incident i set i.reporterPhone = :phone where i.id = :id")
        .setParameter("phone", "13700009999")
        .setParameter("id", incident)
        .executeUpdate();
    String written = jdbc.queryForObject("SELECT reporter_phone FROM incident WHERE id = ?", String.class, incident);
    assertThat(written).startsWith("enc1:");
    assertThat(cipher.decrypt(written)).isEqualTo("13700009999");
  }

  private String reporterPhoneThroughJpa(long incidentId) {
    return entities
        .createQuery("select i.reporterPhone from Incident i where i.id = :id", String.class)
        .setParameter("id", incidentId)
        .getSingleResult();
  }

  /** How many spatial indexes the schema holds, asked in the database's own catalogue. */
  abstract long spatialIndexCount();

  long count(String sql) {
    Long value = jdbc.queryForObject(sql, Long.class);
    return value == null ? 0 : value;
  }

  @Test
  void gridsInABoxComeAsGeoJson() {
    Envelope city = cityEnvelope();
    double midLon = city.centre().x;
    double midLat = city.centre().y;
    String bbox = midLon + "," + midLat + "," + (midLon + 0.01) + "," + (midLat + 0.01);
    HttpResponse<String> response = get("/api/areas?level=GRID&bbox=" + bbox);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/geo+json"));
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("type").asString()).isEqualTo("FeatureCollection");
    var box = Wgs84.box(midLon, midLat, midLon + 0.01, midLat + 0.01);
    List<String> expected = grids.stream().filter(g -> g.boundary().intersects(box)).map(OracleGrid::code).toList();
    List<String> actual = new ArrayList<>();
    body.get("features").forEach(f -> actual.add(f.get("properties").get("code").asString()));
    assertThat(actual).isNotEmpty().containsExactlyElementsOf(expected);
    JsonNode first = body.get("features").get(0);
    assertThat(first.get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
    JsonNode props = first.get("properties");
    assertThat(props.get("level").asString()).isEqualTo("GRID");
    assertThat(props.get("parentCode").asString()).hasSize(12);
    assertThat(props.get("households").asInt()).isPositive();
    assertThat(props.get("residents").asInt()).isGreaterThan(props.get("households").asInt());
    assertThat(props.get("memberCount").asInt()).isNotNegative();
  }

  @Test
  void everyLevelIsServed() {
    assertThat(getJson("/api/areas?level=CITY", 200).get("features")).hasSize(1);
    assertThat(getJson("/api/areas?level=COMMUNITY", 200).get("features")).hasSize(80);
  }

  @Test
  void badParametersNameTheField() {
    assertThat(getJson("/api/areas?level=VILLAGE", 400).get("field").asString()).isEqualTo("level");
    assertThat(getJson("/api/areas?bbox=1,2,3", 400).get("field").asString()).isEqualTo("bbox");
    assertThat(getJson("/api/areas?bbox=115,28,114,27", 400).get("detail").asString()).contains("minLon <= maxLon");
    assertThat(getJson("/api/locate?lon=abc&lat=27.8", 400).get("field").asString()).isEqualTo("lon");
    assertThat(getJson("/api/locate?lon=114.9&lat=95", 400).get("field").asString()).isEqualTo("lat");
    assertThat(getJson("/api/locate?lon=114.9", 400).get("field").asString()).isEqualTo("lat");
    assertThat(getJson("/api/areas/12ab", 400).get("field").asString()).isEqualTo("code");
    assertThat(get("/api/locate?lon=114.9&lat=95").body()).doesNotContain("Exception", "at org.");
  }

  @Test
  void areaByCodeHasItsParentChainAndChildren() {
    String gridCode = grids.get(grids.size() / 2).code();
    JsonNode grid = getJson("/api/areas/" + gridCode, 200);
    assertThat(grid.get("level").asString()).isEqualTo("GRID");
    assertThat(grid.get("childCount").asLong()).isZero();
    List<String> parents = new ArrayList<>();
    grid.get("parents").forEach(p -> parents.add(p.get("code").asString()));
    assertThat(parents)
        .containsExactly(
            gridCode.substring(0, 4), gridCode.substring(0, 6), gridCode.substring(0, 9), gridCode.substring(0, 12));
    JsonNode community = getJson("/api/areas/" + gridCode.substring(0, 12), 200);
    assertThat(community.get("level").asString()).isEqualTo("COMMUNITY");
    assertThat(community.get("childCount").asLong())
        .isEqualTo(grids.stream().filter(g -> g.code().startsWith(gridCode.substring(0, 12))).count());
    assertThat(getJson("/api/areas/999999999999999", 404).get("detail").asString()).contains("999999999999999");
  }

  @Test
  void locateAgreesWithABruteForceOracle() {
    Envelope city = cityEnvelope();
    var random = new SplittableRandom(42);
    List<Coordinate> points = new ArrayList<>();
    // Random points over the city's box (some fall outside the city: it is not a rectangle).
    for (int i = 0; i < 2000; i++) {
      points.add(
          new Coordinate(
              city.getMinX() + random.nextDouble() * city.getWidth(),
              city.getMinY() + random.nextDouble() * city.getHeight()));
    }
    // Vertices (shared by two or three grids) and midpoints of edges (shared by two).
    for (int i = 0; i < 300; i++) {
      Coordinate[] ring = grids.get(random.nextInt(grids.size())).boundary().getCoordinates();
      int k = random.nextInt(ring.length - 1);
      points.add(ring[k]);
      points.add(new Coordinate((ring[k].x + ring[k + 1].x) / 2, (ring[k].y + ring[k + 1].y) / 2));
    }
    // Clearly outside the city.
    points.add(new Coordinate(city.getMinX() - 0.05, city.getMinY() - 0.05));
    points.add(new Coordinate(0, 0));

    int inside = 0;
    int shared = 0;
    int outside = 0;
    for (Coordinate p : points) {
      String expected = oracle(p);
      HttpResponse<String> response = get("/api/locate?lon=" + p.x + "&lat=" + p.y);
      JsonNode body = JSON.readTree(response.body());
      if (expected == null) {
        assertThat(response.statusCode()).as("(%s %s) is outside every grid", p.x, p.y).isEqualTo(404);
        assertThat(body.get("title").asString()).isEqualTo("Outside every grid");
        outside++;
      } else {
        assertThat(response.statusCode()).as("(%s %s): %s", p.x, p.y, response.body()).isEqualTo(200);
        assertThat(body.get("grid").get("code").asString()).as("(%s %s)", p.x, p.y).isEqualTo(expected);
        if (body.get("coveringGrids").asInt() > 1) {
          shared++;
        } else {
          inside++;
        }
      }
    }
    // The sample really exercised all three cases.
    assertThat(inside).isGreaterThan(1000);
    assertThat(shared).isGreaterThan(100);
    assertThat(outside).isGreaterThan(1);
  }

  /** The lowest code of the grids that cover the point, by testing every grid. */
  private String oracle(Coordinate p) {
    Geometry point = Wgs84.FACTORY.createPoint(p);
    return grids.stream()
        .filter(g -> g.prepared().covers(point))
        .map(OracleGrid::code)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  @Test
  void locateAnswersWithTheAreasAboveAndTheTeam() {
    OracleGrid grid = grids.get(7);
    Coordinate inside = grid.boundary().getInteriorPoint().getCoordinate();
    JsonNode body = getJson("/api/locate?lon=" + inside.x + "&lat=" + inside.y, 200);
    assertThat(body.get("grid").get("code").asString()).isEqualTo(grid.code());
    assertThat(body.get("grid").get("version").asInt()).isEqualTo(1);
    assertThat(body.get("community").get("code").asString()).isEqualTo(grid.code().substring(0, 12));
    assertThat(body.get("street").get("code").asString()).isEqualTo(grid.code().substring(0, 9));
    assertThat(body.get("district").get("code").asString()).isEqualTo(grid.code().substring(0, 6));
    assertThat(body.get("city").get("name").asString()).isEqualTo("新余市");
    assertThat(body.get("rule").asString()).isEqualTo("inside the grid");
    assertThat(body.get("team").size()).isGreaterThan(0);
    assertThat(body.get("team").get(0).get("phone").asString()).matches("\\d{3}\\*{4}\\d{4}");
  }

  @Test
  void pointOutsideTheCitySaysSoAndNamesTheNearestGrid() {
    // Just west of the westernmost grid vertex.
    Coordinate west =
        grids.stream()
            .flatMap(g -> java.util.Arrays.stream(g.boundary().getCoordinates()))
            .min(Comparator.comparingDouble(c -> c.x))
            .orElseThrow();
    JsonNode body = getJson("/api/locate?lon=" + (west.x - 0.002) + "&lat=" + west.y, 404);
    assertThat(body.get("detail").asString()).contains("outside every grid");
    assertThat(body.get("nearestGrid").asString()).hasSize(15);
    // 0.002° of longitude at this latitude, to the westernmost vertex.
    assertThat(body.get("distanceMetres").asDouble()).isBetween(190.0, 200.0);
  }

  @Test
  void healthIsUp() {
    assertThat(getJson("/actuator/health", 200).get("status").asString()).isEqualTo("UP");
  }

  @Test
  void entitiesMapOntoTheMigratedSchema() {
    // Reading every entity through JPA proves the mappings, JTS geometry types included, fit the
    // tables Flyway created (the app also runs with ddl-auto=validate).
    var incident =
        entities
            .createQuery(
                "select i.number, i.category.code, i.location, i.gridVersion from Incident i order by i.number",
                Object[].class)
            .setMaxResults(1)
            .getSingleResult();
    assertThat((String) incident[0]).hasSize(13);
    assertThat((String) incident[1]).hasSize(6);
    assertThat(((org.locationtech.jts.geom.Point) incident[2]).getSRID()).isEqualTo(4326);
    assertThat(incident[3]).isEqualTo(1);
    var address =
        entities
            .createQuery("select a.location, a.gridCode from Address a order by a.code", Object[].class)
            .setMaxResults(1)
            .getSingleResult();
    Geometry location = (Geometry) address[0];
    assertThat(grids.stream().filter(g -> g.code().equals(address[1])).findFirst().orElseThrow().boundary().contains(location))
        .isTrue();
    assertThat(
            entities
                .createQuery("select count(m) from Member m where m.lastPosition is not null", Long.class)
                .getSingleResult())
        .isPositive();
    assertThat(
            entities
                .createQuery("select count(c) from Category c where c.departmentId is not null", Long.class)
                .getSingleResult())
        .isPositive();
    assertThat(entities.createQuery("select count(d) from Department d", Long.class).getSingleResult())
        .isPositive();
  }

  Envelope cityEnvelope() {
    var envelope = new Envelope();
    grids.forEach(g -> envelope.expandToInclude(g.boundary().getEnvelopeInternal()));
    return envelope;
  }
}
