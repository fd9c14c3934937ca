package org.wangge.gisdata.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.AreaRecord;
import org.wangge.gisdata.model.CategoryLevel;
import org.wangge.gisdata.model.CategoryRecord;
import org.wangge.gisdata.model.ClockType;
import org.wangge.gisdata.model.City;
import org.wangge.gisdata.model.DepartmentRecord;
import org.wangge.gisdata.model.IncidentRecord;
import org.wangge.gisdata.model.IncidentSource;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.gisdata.model.MemberRecord;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.gisdata.model.Risk;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GeoJsonWriterTest {

  private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Geometry wkt(String text) {
    try {
      return new WKTReader(FACTORY).read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static MultiPolygon multi(String polygonWkt) {
    return FACTORY.createMultiPolygon(new Polygon[] {(Polygon) wkt(polygonWkt)});
  }

  private static AreaRecord area(String code, String name, MultiPolygon boundary) {
    return new AreaRecord(code, name, AreaLevel.CITY, null, boundary, 12, 31);
  }

  private static byte[] areas(AreaRecord... areas) {
    var out = new ByteArrayOutputStream();
    GeoJsonWriter.writeAreas(List.of(areas), out);
    return out.toByteArray();
  }

  /** Twice the signed area of a GeoJSON ring: positive when counter-clockwise. */
  private static double signedArea(JsonNode ring) {
    double sum = 0;
    for (int i = 0; i + 1 < ring.size(); i++) {
      JsonNode a = ring.get(i);
      JsonNode b = ring.get(i + 1);
      sum += a.get(0).asDouble() * b.get(1).asDouble() - b.get(0).asDouble() * a.get(1).asDouble();
    }
    return sum;
  }

  @Test
  void exteriorRingsAreWrittenCounterClockwiseAndHolesClockwise() {
    // Shell clockwise and hole counter-clockwise in the input: both must be flipped.
    MultiPolygon boundary =
        multi("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))");
    JsonNode polygon =
        JSON.readTree(areas(area("3605", "新余市", boundary)))
            .get("features")
            .get(0)
            .get("geometry")
            .get("coordinates")
            .get(0);
    assertThat(signedArea(polygon.get(0))).isPositive();
    assertThat(signedArea(polygon.get(1))).isNegative();
    // Already right-hand: written as is.
    JsonNode same =
        JSON.readTree(areas(area("3605", "x", multi("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"))))
            .get("features")
            .get(0)
            .get("geometry")
            .get("coordinates")
            .get(0)
            .get(0);
    assertThat(same.toString()).isEqualTo("[[0,0],[10,0],[10,10],[0,10],[0,0]]");
  }

  @Test
  void coordinatesHaveAtMostSevenDecimalsAndNoExponent() {
    assertThat(GeoJsonWriter.formatCoordinate(114.92)).isEqualTo("114.92");
    assertThat(GeoJsonWriter.formatCoordinate(27.123456789)).isEqualTo("27.1234568");
    assertThat(GeoJsonWriter.formatCoordinate(114.0)).isEqualTo("114");
    assertThat(GeoJsonWriter.formatCoordinate(1e-8)).isEqualTo("0");
    assertThat(GeoJsonWriter.formatCoordinate(-0.0)).isEqualTo("0");
    assertThat(GeoJsonWriter.formatCoordinate(-1e-9)).isEqualTo("0");
    assertThat(GeoJsonWriter.formatCoordinate(1.5e-7)).isEqualTo("0.0000002");
    assertThat(GeoJsonWriter.formatCoordinate(2.5e-7)).isEqualTo("0.0000002"); // half-even
    assertThat(GeoJsonWriter.formatCoordinate(-179.99999999)).isEqualTo("-180");
    assertThat(GeoJsonWriter.formatCoordinate(1e21)).isEqualTo("1000000000000000000000");
    assertThatThrownBy(() -> GeoJsonWriter.formatCoordinate(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);

    String text =
        new String(
            areas(
                area(
                    "3605",
                    "x",
                    multi(
                        "POLYGON ((114.123456789 27.1, 114.2 27.1, 114.2 27.00000001, 114.123456789"
                            + " 27.1))"))),
            StandardCharsets.UTF_8);
    assertThat(text).contains("[114.1234568,27.1]").contains("[114.2,27]").doesNotContain("E");
  }

  @Test
  void chineseTextIsWrittenAsUtf8NotEscaped() {
    byte[] bytes = areas(area("3605", "新余市", multi("POLYGON ((0 0, 1 0, 1 1, 0 0))")));
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).contains("\"name\":\"新余市\"").doesNotContain("\\u");
    assertThat(JSON.readTree(bytes).get("features").get(0).get("properties").get("name").asString())
        .isEqualTo("新余市");
  }

  @Test
  void featureCollectionsAreValidGeoJsonWithPropertiesUnderRecordNames() {
    Instant reported = Instant.parse("2026-10-30T01:02:03Z");
    var address =
        new AddressRecord(
            "36050200100100100001",
            "江西省新余市渝水区城北街道胜利社区 胜利路128号3栋2单元",
            "胜利路",
            "128号",
            "3栋",
            "2单元",
            114.92,
            27.82,
            2,
            5,
            "360502001001001");
    var member =
        new MemberRecord(
            "M36050200100100101",
            "王伟",
            "13800000000",
            MemberRole.GRID_LEADER,
            List.of("360502001001001"),
            false,
            null,
            null,
            null);
    var seen =
        new MemberRecord(
            "M36050200100100102",
            "李娜",
            "13900000000",
            MemberRole.FULL_TIME,
            List.of("360502001001001", "360502001001002"),
            true,
            114.921,
            27.821,
            reported);
    var incident =
        new IncidentRecord(
            "2026103000001",
            "0102",
            IncidentSource.PATROL,
            Risk.LOW,
            IncidentStatus.CLOSED,
            "胜利路128号附近垃圾堆积未清运",
            114.9201,
            27.8201,
            address.code(),
            "360502001001001",
            "M36050200100100102",
            null,
            reported,
            reported.plusSeconds(14400),
            reported.plusSeconds(3600));

    var out = new ByteArrayOutputStream();
    GeoJsonWriter.writeAddresses(List.of(address), out);
    JsonNode a = JSON.readTree(out.toByteArray());
    assertThat(a.get("type").asString()).isEqualTo("FeatureCollection");
    assertThat(a.has("crs")).isFalse();
    JsonNode af = a.get("features").get(0);
    assertThat(af.get("type").asString()).isEqualTo("Feature");
    assertThat(af.get("id").asString()).isEqualTo(address.code());
    assertThat(af.get("geometry").toString())
        .isEqualTo("{\"type\":\"Point\",\"coordinates\":[114.92,27.82]}");
    assertThat(af.get("properties").get("fullText").asString()).isEqualTo(address.fullText());
    assertThat(af.get("properties").get("households").asInt()).isEqualTo(2);

    out = new ByteArrayOutputStream();
    GeoJsonWriter.writeMembers(List.of(member, seen), out);
    JsonNode m = JSON.readTree(out.toByteArray()).get("features");
    assertThat(m.get(0).get("geometry").isNull()).isTrue();
    assertThat(m.get(0).get("properties").get("lastSeenAt").isNull()).isTrue();
    assertThat(m.get(1).get("geometry").get("coordinates").toString())
        .isEqualTo("[114.921,27.821]");
    assertThat(m.get(1).get("properties").get("gridCodes").size()).isEqualTo(2);
    assertThat(m.get(1).get("properties").get("role").asString()).isEqualTo("FULL_TIME");
    assertThat(m.get(1).get("properties").get("lastSeenAt").asString())
        .isEqualTo("2026-10-30T01:02:03Z");

    out = new ByteArrayOutputStream();
    GeoJsonWriter.writeIncidents(List.of(incident), out);
    JsonNode i = JSON.readTree(out.toByteArray()).get("features").get(0).get("properties");
    assertThat(i.get("number").asString()).isEqualTo("2026103000001");
    assertThat(i.get("status").asString()).isEqualTo("CLOSED");
    assertThat(i.get("departmentCode").isNull()).isTrue();
    assertThat(i.get("dueAt").asString()).isEqualTo("2026-10-30T05:02:03Z");
  }

  @Test
  void writeGeometryWritesEveryTypeAndNull() {
    var out = new ByteArrayOutputStream();
    try (JsonGenerator gen =
        JsonFactory.builder().build().createGenerator(ObjectWriteContext.empty(), out)) {
      gen.writeStartArray();
      GeoJsonWriter.writeGeometry(gen, null);
      GeoJsonWriter.writeGeometry(gen, wkt("POINT (1 2)"));
      GeoJsonWriter.writeGeometry(gen, wkt("LINESTRING (1 2, 3 4)"));
      GeoJsonWriter.writeGeometry(gen, wkt("LINEARRING (0 0, 1 0, 1 1, 0 0)"));
      GeoJsonWriter.writeGeometry(gen, wkt("MULTIPOINT ((1 2), (3 4))"));
      GeoJsonWriter.writeGeometry(gen, wkt("MULTILINESTRING ((1 2, 3 4))"));
      GeoJsonWriter.writeGeometry(gen, wkt("GEOMETRYCOLLECTION (POINT (1 2))"));
      GeoJsonWriter.writeGeometry(gen, wkt("POINT EMPTY"));
      gen.writeEndArray();
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "[null,{\"type\":\"Point\",\"coordinates\":[1,2]},"
                + "{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]},"
                + "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,0],[1,1],[0,0]]},"
                + "{\"type\":\"MultiPoint\",\"coordinates\":[[1,2],[3,4]]},"
                + "{\"type\":\"MultiLineString\",\"coordinates\":[[[1,2],[3,4]]]},"
                + "{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]}]},"
                + "{\"type\":\"Point\",\"coordinates\":[]}]");
  }

  @Test
  void writeCityWritesSixFilesAndLeavesStreamsToTheCaller(@TempDir Path dir) throws IOException {
    var city =
        new City(
            List.of(area("3605", "新余市", multi("POLYGON ((0 0, 1 0, 1 1, 0 0))"))),
            List.of(),
            List.of(new DepartmentRecord("D01", "城市管理局", "0790-6123456")),
            List.of(
                CategoryRecord.group("01", "市容环境", null, null, 40),
                new CategoryRecord(
                    "010201", "暴露垃圾", "Exposed rubbish", CategoryLevel.ITEM, "0102", null,
                    List.of(), true, 4, ClockType.WORKING_HOURS, Risk.LOW, 50, false, List.of())),
            List.of(),
            List.of());
    Path target = dir.resolve("nested/city");
    GeoJsonWriter.writeCity(city, target);
    assertThat(target.resolve("areas.geojson")).exists();
    assertThat(target.resolve("addresses.geojson"))
        .hasContent("{\"type\":\"FeatureCollection\",\"features\":[]}");
    assertThat(target.resolve("members.geojson")).exists();
    assertThat(target.resolve("incidents.geojson")).exists();
    assertThat(target.resolve("departments.json"))
        .hasContent("[{\"code\":\"D01\",\"name\":\"城市管理局\",\"phone\":\"0790-6123456\"}]");
    JsonNode categories = JSON.readTree(Files.readAllBytes(target.resolve("categories.json")));
    assertThat(categories.get(1).get("parentCode").asString()).isEqualTo("0102");
    assertThat(categories.get(1).get("level").asString()).isEqualTo("ITEM");
    assertThat(categories.get(1).get("deadlineHours").asInt()).isEqualTo(4);
    assertThat(categories.get(1).get("dedupRadiusMetres").asInt()).isEqualTo(50);
    assertThat(categories.get(0).get("departmentCode").isNull()).isTrue();

    // The stream stays open: two documents can go into one stream.
    var out = new ByteArrayOutputStream();
    GeoJsonWriter.writeDepartments(city.departments(), out);
    GeoJsonWriter.writeDepartments(city.departments(), out);
    out.write('!');
    assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("]!");
  }
}
