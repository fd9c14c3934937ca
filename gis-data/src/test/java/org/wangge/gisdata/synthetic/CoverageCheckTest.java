package org.wangge.gisdata.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.AreaRecord;

/** The generator's self-check catches broken coverages and names the areas concerned. */
class CoverageCheckTest {

  private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);
  private static final WKTReader WKT = new WKTReader(FACTORY);
  private static final Geometry PARENT = wkt("POLYGON ((0 0, 2 0, 2 1, 0 1, 0 0))");

  private static Geometry wkt(String text) {
    try {
      return WKT.read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void twoHalvesTileTheirParent() {
    assertThatCode(
            () ->
                CoverageCheck.requireCoverage(
                    "P",
                    PARENT,
                    List.of("A", "B"),
                    List.of(
                        wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"),
                        wkt("POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))"))))
        .doesNotThrowAnyException();
  }

  @Test
  void overlappingChildrenAreNamed() {
    assertThatThrownBy(
            () ->
                CoverageCheck.requireCoverage(
                    "360502001001",
                    PARENT,
                    List.of("360502001001001", "360502001001002"),
                    List.of(
                        wkt("POLYGON ((0 0, 1.1 0, 1.1 1, 0 1, 0 0))"),
                        wkt("POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))"))))
        .isInstanceOf(CityCoverageException.class)
        .hasMessageContaining("children of 360502001001 overlap")
        .hasMessageContaining("360502001001001")
        .hasMessageContaining("360502001001002");
  }

  @Test
  void aNarrowGapBetweenChildrenIsFound() {
    assertThatThrownBy(
            () ->
                CoverageCheck.requireCoverage(
                    "P",
                    PARENT,
                    List.of("A", "B"),
                    List.of(
                        wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"),
                        wkt("POLYGON ((1.0000002 0, 2 0, 2 1, 1.0000002 1, 1.0000002 0))"))))
        .isInstanceOf(CityCoverageException.class)
        .hasMessageContaining("children of P")
        .hasMessageContaining("A, B");
  }

  @Test
  void childrenThatDoNotAddUpToTheirParentAreNamed() {
    assertThatThrownBy(
            () ->
                CoverageCheck.requireCoverage(
                    "P",
                    PARENT,
                    List.of("A", "B"),
                    List.of(
                        wkt("POLYGON ((0 0, 0.9 0, 0.9 1, 0 1, 0 0))"),
                        wkt("POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))"))))
        .isInstanceOf(CityCoverageException.class)
        .hasMessageContaining("children of P (A, B) do not add up to it");
  }

  @Test
  void childrenWithMismatchedVerticesOnASharedEdgeAreNamed() {
    // B's edge has an extra vertex that A's edge lacks: not a proper coverage.
    assertThatThrownBy(
            () ->
                CoverageCheck.requireCoverage(
                    "P",
                    PARENT,
                    List.of("A", "B"),
                    List.of(
                        wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"),
                        wkt("POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0.5, 1 0))"))))
        .isInstanceOf(CityCoverageException.class)
        .hasMessageContaining("A, B");
  }

  private static AreaRecord area(String code, AreaLevel level, String parent, String wkt) {
    Geometry g = wkt(wkt);
    MultiPolygon boundary = FACTORY.createMultiPolygon(new Polygon[] {(Polygon) g});
    return new AreaRecord(code, code, level, parent, boundary, 0, 0);
  }

  @Test
  void malformedCodesAndMissingParentsAreNamed() {
    String square = "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))";
    List<AreaRecord> tree =
        List.of(
            area("3605", AreaLevel.CITY, null, square),
            area("360502", AreaLevel.DISTRICT, "3605", square),
            area("360599001", AreaLevel.STREET, "360502", square),
            area("36050200100", AreaLevel.COMMUNITY, "360599001", square));
    assertThatThrownBy(() -> CoverageCheck.check(tree))
        .isInstanceOf(CityCoverageException.class)
        .hasMessageContaining("360599001: code does not start with its parent's code 360502")
        .hasMessageContaining("36050200100: COMMUNITY code must be 12 digits")
        .hasMessageContaining("36050200100: COMMUNITY without children")
        .satisfies(
            e -> assertThat(((CityCoverageException) e).problems()).hasSizeGreaterThanOrEqualTo(3));
  }

  @Test
  void aGridWithAHoleIsReported() {
    List<String> problems =
        CoverageCheck.checkBoundary(
            "360502001001001",
            FACTORY.createMultiPolygon(
                new Polygon[] {
                  (Polygon) wkt("POLYGON ((0 0, 3 0, 3 3, 0 3, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1))")
                }));
    assertThat(problems).containsExactly("360502001001001: boundary has 1 hole(s)");
  }
}
