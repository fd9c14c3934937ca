package org.wangge.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.github.sebasbaumh.mapbox.vectortile.util.MvtUtil;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import org.wangge.area.GridBoundariesPublished;
import org.wangge.spatial.Wgs84;

/**
 * {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt} over real HTTP, decoded with mapbox-vector-tile-java:
 * the features of a tile are exactly the areas an SQL oracle finds intersecting the tile's square
 * (computed here with the slippy-map formulas, independently of the service), limited to the
 * caller's subtree; plus the error answers, the ETag and the cache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VectorTilesContract {

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;
  @Autowired VectorTiles tiles;
  @Autowired ApplicationEventPublisher events;

  /** The encoder this database must use. */
  abstract Class<? extends TileEncoder> expectedEncoder();

  /** The database's plan of a tile query, printed with the tile times ("" when not available). */
  String plan(TileLayer layer, TileAddress tile) {
    return "";
  }

  /** One decoded feature: its id and properties. */
  record Feature(long id, String code, String name, String parentCode, long households) {}

  // --- the tile pyramid, computed independently of TileAddress ----------------------------------

  static int[] tileOf(int z, double lon, double lat) {
    double n = Math.pow(2, z);
    int x = (int) Math.floor((lon + 180) / 360 * n);
    double latRad = Math.toRadians(lat);
    int y = (int) Math.floor((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2 * n);
    return new int[] {z, x, y};
  }

  /** {minLon, minLat, maxLon, maxLat} of a tile. */
  static double[] bounds(int[] t) {
    double n = Math.pow(2, t[0]);
    double west = t[1] / n * 360 - 180;
    double east = (t[1] + 1) / n * 360 - 180;
    double north = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * t[2] / n))));
    double south = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * (t[2] + 1) / n))));
    return new double[] {west, south, east, north};
  }

  static String path(String layer, int[] t) {
    return "/tiles/" + layer + "/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt";
  }

  // --- oracles and helpers ------------------------------------------------------------------------

  /** Codes of current areas of a level, inside a prefix, whose boundary intersects the tile's square. */
  Set<String> oracle(String level, String prefix, int[] t) {
    double[] b = bounds(t);
    return new TreeSet<>(
        jdbc.queryForList(
            "SELECT code FROM area WHERE level = ? AND valid_to IS NULL AND code LIKE ? "
                + "AND ST_Intersects(boundary, ST_MakeEnvelope(?, ?, ?, ?, 4326))",
            String.class,
            level,
            prefix + "%",
            b[0],
            b[1],
            b[2],
            b[3]));
  }

  Geometry boundary(String code) {
    byte[] wkb = jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, code);
    try {
      return new WKBReader(Wgs84.FACTORY).read(wkb);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String area(String user) {
    return jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = ?", String.class, user);
  }

  HttpResponse<byte[]> get(String user, String path, String... headers) {
    var request = (user == null ? Api.anonymous(port) : Api.as(port, user)).request(path);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return Api.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Fetches a tile that must be 200 and decodes its one layer (none for an empty tile). */
  List<Feature> features(String user, String layer, int[] t) throws Exception {
    var response = get(user, path(layer, t));
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.mapbox-vector-tile");
    return decode(layer, response.body());
  }

  static List<Feature> decode(String layer, byte[] bytes) throws Exception {
    VectorTile.Tile tile = VectorTile.Tile.parseFrom(bytes);
    if (bytes.length == 0) {
      assertThat(tile.getLayersCount()).isZero();
      return List.of();
    }
    assertThat(tile.getLayersList()).extracting(VectorTile.Tile.Layer::getName).containsExactly(layer);
    VectorTile.Tile.Layer l = tile.getLayers(0);
    assertThat(l.getExtent()).isEqualTo(4096);
    List<Feature> features = new ArrayList<>();
    for (VectorTile.Tile.Feature f : l.getFeaturesList()) {
      assertThat(f.getType()).isEqualTo(VectorTile.Tile.GeomType.POLYGON);
      Map<String, Object> props = new HashMap<>();
      for (int i = 0; i < f.getTagsCount(); i += 2) {
        props.put(l.getKeys(f.getTags(i)), MvtUtil.toObject(l.getValues(f.getTags(i + 1))));
      }
      assertThat(props.keySet()).containsExactlyInAnyOrder("code", "name", "parentCode", "households");
      assertThat(props.get("households")).isInstanceOf(Number.class);
      assertThat(f.hasId()).isTrue();
      features.add(
          new Feature(
              f.getId(),
              (String) props.get("code"),
              (String) props.get("name"),
              (String) props.get("parentCode"),
              ((Number) props.get("households")).longValue()));
    }
    // The geometries decode as polygons within the buffered tile.
    JtsMvt mvt = MvtReader.loadMvt(new ByteArrayInputStream(bytes), new GeometryFactory(), new TagKeyValueMapConverter(), MvtReader.RING_CLASSIFIER_V1);
    JtsLayer decoded = mvt.getLayer(layer);
    assertThat(decoded.getGeometries()).hasSize(features.size());
    for (Geometry g : decoded.getGeometries()) {
      assertThat(g).isInstanceOf(Polygonal.class);
      assertThat(g.getArea()).isPositive();
      for (Coordinate c : g.getCoordinates()) {
        assertThat(c.x).isBetween(-64.0, 4160.0);
        assertThat(c.y).isBetween(-64.0, 4160.0);
      }
    }
    return features;
  }

  static Set<String> codes(List<Feature> features) {
    Set<String> codes = new TreeSet<>();
    features.forEach(f -> assertThat(codes.add(f.code())).as("one feature per area: " + f.code()).isTrue());
    return codes;
  }

  int[] gridTileAt(String areaCode, int z) {
    Coordinate c = boundary(areaCode).getInteriorPoint().getCoordinate();
    return tileOf(z, c.x, c.y);
  }

  // --- tests --------------------------------------------------------------------------------------

  @Test
  void theDatabaseChoosesItsEncoder() {
    assertThat(tiles.encoder()).isInstanceOf(expectedEncoder());
  }

  @Test
  void aGridTileHoldsExactlyTheGridsThatIntersectItsSquareWithTheirProperties() throws Exception {
    int[] t = gridTileAt(area("member-grid1"), 14);
    Set<String> expected = oracle("GRID", "", t);
    assertThat(expected).hasSizeGreaterThan(3);
    List<Feature> features = features("operator-city", "grids", t);
    assertThat(codes(features)).isEqualTo(expected);
    for (Feature f : features) {
      Map<String, Object> row =
          jdbc.queryForMap("SELECT id, name, parent_code, households FROM area WHERE code = ? AND valid_to IS NULL", f.code());
      assertThat(f.id()).isEqualTo(((Number) row.get("id")).longValue());
      assertThat(f.name()).isEqualTo(row.get("name"));
      assertThat(f.parentCode()).isEqualTo(row.get("parent_code"));
      assertThat(f.households()).isEqualTo(((Number) row.get("households")).longValue());
    }
    assertThat(features).anySatisfy(f -> assertThat(f.households()).isPositive());
  }

  @Test
  void aStreetOperatorSeesOnlyTheGridsAndStreetOfTheirStreet() throws Exception {
    String street = area("operator-street");
    assertThat(street).isEqualTo("360502001");
    // A tile on the edge between this street and a neighbour, so that the tile holds both.
    Geometry own = boundary(street);
    String neighbour =
        jdbc.queryForList(
                "SELECT code FROM area WHERE level = 'STREET' AND valid_to IS NULL AND code <> ? ORDER BY code", String.class, street)
            .stream()
            .filter(code -> boundary(code).intersects(own))
            .findFirst()
            .orElseThrow();
    Coordinate onEdge = own.intersection(boundary(neighbour)).getCoordinate();
    int[] t = tileOf(14, onEdge.x, onEdge.y);
    Set<String> all = oracle("GRID", "", t);
    Set<String> mine = oracle("GRID", street, t);
    assertThat(all).anyMatch(c -> c.startsWith(neighbour));
    assertThat(mine).isNotEmpty().allMatch(c -> c.startsWith(street));
    assertThat(codes(features("operator-street", "grids", t))).isEqualTo(mine);
    assertThat(codes(features("operator-city", "grids", t))).isEqualTo(all);
    // The streets layer: only their own street; the districts layer: nothing.
    int[] z12 = tileOf(12, onEdge.x, onEdge.y);
    assertThat(oracle("STREET", "", z12)).contains(street, neighbour);
    assertThat(codes(features("operator-street", "streets", z12))).containsExactly(street);
    assertThat(codes(features("operator-street", "communities", z12))).isEqualTo(oracle("COMMUNITY", street, z12));
    var districts = get("operator-street", path("districts", z12));
    assertThat(districts.statusCode()).isEqualTo(200);
    assertThat(districts.body()).isEmpty();
  }

  @Test
  void theCityOperatorSeesEveryDistrict() throws Exception {
    Geometry city = boundary(area("operator-city"));
    Coordinate c = city.getInteriorPoint().getCoordinate();
    int[] t = tileOf(8, c.x, c.y);
    Set<String> districts =
        new TreeSet<>(jdbc.queryForList("SELECT code FROM area WHERE level = 'DISTRICT' AND valid_to IS NULL", String.class));
    assertThat(districts).isNotEmpty();
    assertThat(oracle("DISTRICT", "", t)).isEqualTo(districts);
    assertThat(codes(features("operator-city", "districts", t))).isEqualTo(districts);
  }

  @Test
  void aTileFarFromTheCityIsEmpty() throws Exception {
    int[] t = tileOf(14, 0.01, 0.01); // the Gulf of Guinea
    var response = get("operator-city", path("grids", t));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.mapbox-vector-tile");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void badTileAddressesAndUnknownLayersAreProblemsNamingTheField() {
    Map<String, String> bad =
        Map.of(
            "/tiles/grids/23/0/0.mvt", "z",
            "/tiles/grids/abc/0/0.mvt", "z",
            "/tiles/grids/14/16384/0.mvt", "x",
            "/tiles/grids/2/1/4.mvt", "y",
            "/tiles/grids/14/1/-1.mvt", "y",
            "/tiles/grids/14/1.5/1.mvt", "x");
    bad.forEach(
        (path, field) -> {
          var r = get("operator-city", path);
          String body = new String(r.body());
          assertThat(r.statusCode()).as(path + " " + body).isEqualTo(400);
          assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
          assertThat(body).as(path).contains("\"field\":\"" + field + "\"");
        });
    var unknown = get("operator-city", "/tiles/buildings/14/0/0.mvt");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(new String(unknown.body())).contains("buildings", "districts, streets, communities, grids");
  }

  @Test
  void anonymousCallersGet401NotTheLoginPage() {
    var r = get(null, "/tiles/grids/14/0/0.mvt");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    var fromPage = get(null, "/tiles/grids/14/0/0.mvt", "X-Requested-With", "fetch");
    assertThat(fromPage.statusCode()).isEqualTo(401);
    assertThat(fromPage.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void aMatchingIfNoneMatchGets304() throws Exception {
    int[] t = gridTileAt(area("member-grid2"), 15);
    var first = get("operator-city", path("grids", t));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isNotEmpty();
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).startsWith("\"").doesNotStartWith("W/");
    assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(cc -> assertThat(cc).contains("private", "max-age=300"));
    var again = get("operator-city", path("grids", t), "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);
    var other = get("operator-city", path("grids", t), "If-None-Match", "\"0123\"");
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.body()).isEqualTo(first.body());
    // Another jurisdiction sees another tile, with another tag.
    var member = get("member-grid2", path("grids", t));
    assertThat(codes(decode("grids", member.body()))).containsExactly(area("member-grid2"));
    assertThat(member.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
  }

  @Test
  void cachedTilesAreDroppedWhenBoundariesArePublished() throws Exception {
    String grid = area("member-grid1");
    int[] t = gridTileAt(grid, 16);
    int households = jdbc.queryForObject("SELECT households FROM area WHERE code = ? AND valid_to IS NULL", Integer.class, grid);
    long before = household(features("operator-city", "grids", t), grid);
    assertThat(before).isEqualTo(households);
    try {
      jdbc.update("UPDATE area SET households = households + 1000 WHERE code = ? AND valid_to IS NULL", grid);
      assertThat(household(features("operator-city", "grids", t), grid)).as("from the cache").isEqualTo(households);
      events.publishEvent(new GridBoundariesPublished(0, java.time.Instant.now()));
      assertThat(household(features("operator-city", "grids", t), grid)).isEqualTo(households + 1000);
    } finally {
      jdbc.update("UPDATE area SET households = ? WHERE code = ? AND valid_to IS NULL", households, grid);
      tiles.clear();
    }
  }

  private static long household(List<Feature> features, String code) {
    return features.stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow().households();
  }

  /**
   * Tile times over HTTP as the city operator (printed for BENCHMARKS.md, not asserted): cold
   * (cache emptied before each request: query and encoding) and warm (from the cache), the median
   * and 90th percentile of each, for tiles over the middle of the city.
   */
  @Test
  void measuresTileTimes() throws Exception {
    Coordinate centre = boundary(area("member-grid1")).getInteriorPoint().getCoordinate();
    StringBuilder report = new StringBuilder("TILE TIMES (" + getClass().getSimpleName() + ")\n");
    for (Object[] spec : List.of(new Object[] {"streets", 12}, new Object[] {"grids", 14}, new Object[] {"grids", 16})) {
      String layer = (String) spec[0];
      int[] t = tileOf((Integer) spec[1], centre.x, centre.y);
      String path = path(layer, t);
      var api = Api.as(port, "operator-city");
      for (int i = 0; i < 50; i++) { // warm up the JIT and the connection
        tiles.clear();
        Api.send(api.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      }
      long[] cold = new long[30];
      int size = 0;
      int count = 0;
      for (int i = 0; i < cold.length; i++) {
        tiles.clear();
        long start = System.nanoTime();
        var r = Api.send(api.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        cold[i] = System.nanoTime() - start;
        size = r.body().length;
        count = VectorTile.Tile.parseFrom(r.body()).getLayersCount() == 0 ? 0 : VectorTile.Tile.parseFrom(r.body()).getLayers(0).getFeaturesCount();
      }
      long[] encode = new long[30];
      TileAddress address = new TileAddress(t[0], t[1], t[2]);
      for (int i = 0; i < encode.length; i++) {
        long start = System.nanoTime();
        tiles.encoder().encode(TileLayer.byId(layer).orElseThrow(), address, "");
        encode[i] = System.nanoTime() - start;
      }
      long[] warm = new long[300];
      for (int i = 0; i < warm.length; i++) {
        long start = System.nanoTime();
        Api.send(api.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        warm[i] = System.nanoTime() - start;
      }
      report.append(
          String.format(
              "%-8s %-14s %4d features %7d bytes  cold median %6.1f ms p90 %6.1f ms   warm median %5.2f ms p90 %5.2f ms"
                  + "   encoder alone median %6.1f ms%n",
              layer, t[0] + "/" + t[1] + "/" + t[2], count, size, ms(cold, 50), ms(cold, 90), ms(warm, 50), ms(warm, 90), ms(encode, 50)));
      report.append(plan(TileLayer.byId(layer).orElseThrow(), address));
    }
    // The same client's round trip to a small endpoint, for comparison: the HTTP and token overhead.
    long[] me = new long[300];
    for (int i = 0; i < me.length; i++) {
      long start = System.nanoTime();
      Api.send(Api.as(port, "operator-city").request("/api/me").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      me[i] = System.nanoTime() - start;
    }
    report.append(String.format("GET /api/me for comparison: median %5.2f ms p90 %5.2f ms%n", ms(me, 50), ms(me, 90)));
    System.out.println(report);
  }

  private static double ms(long[] nanos, int percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
  }
}
