package org.wangge.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.wangge.coverage.CoverageProblem.Kind;
import org.wangge.coverage.CoverageProblem.Severity;
import org.wangge.gisdata.crs.LocalMetres;

/**
 * {@link CoverageCheck} on gis-data's named fixtures and a few inline WKT cases. Hand figures: at
 * the fixtures' centre (27.801°N) a degree of longitude is 98,543 m and a degree of latitude
 * 110,816 m, so a strip 0.0001° × 0.002° is 9.854 m × 221.63 m = 2,184 m².
 */
class CoverageCheckTest {

  static final double M_PER_DEG_LON = 98_543;
  static final double M_PER_DEG_LAT = 110_816;
  static final WKTReader WKT = new WKTReader(LocalMetres.LON_LAT);

  final CoverageCheck check = CoverageCheck.defaults();

  List<CoverageProblem> check(String fixture) {
    CoverageFixtures f = CoverageFixtures.read(fixture);
    return check.check(f.parent(), f.children());
  }

  @Test
  void gapBetweenTwoChildrenIsOneGapNextToBoth() {
    List<CoverageProblem> problems = check("coverage-gap.geojson");
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.GAP);
      assertThat(p.severity()).isEqualTo(Severity.HIGH);
      assertThat(p.codes()).containsExactly("A", "B");
      assertThat(p.areaSquareMetres()).isCloseTo(0.0001 * M_PER_DEG_LON * 0.002 * M_PER_DEG_LAT, within(5.0));
      assertThat(p.geometry().getEnvelopeInternal().getMinX()).isCloseTo(114.9015, within(1e-9));
      assertThat(p.geometry().getEnvelopeInternal().getMaxX()).isCloseTo(114.9016, within(1e-9));
      assertThat(p.geometry().getSRID()).isEqualTo(4326);
    });
  }

  @Test
  void overlapOfTwoChildrenIsReportedOnceWithTheSharedPart() {
    List<CoverageProblem> problems = check("coverage-overlap.geojson");
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.OVERLAP);
      assertThat(p.codes()).containsExactly("A", "B");
      assertThat(p.severity()).isEqualTo(Severity.HIGH);
      assertThat(p.areaSquareMetres()).isCloseTo(2184, within(5.0));
      assertThat(p.geometry().getArea()).isCloseTo(0.0001 * 0.002, within(1e-12));
    });
  }

  @Test
  void thinChildIsASliverAndNothingElse() {
    List<CoverageProblem> problems = check("sliver.geojson");
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.SLIVER);
      assertThat(p.codes()).containsExactly("B");
      assertThat(p.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(p.areaSquareMetres()).isCloseTo(0.00002 * M_PER_DEG_LON * 0.002 * M_PER_DEG_LAT, within(2.0));
    });
  }

  @Test
  void holeNoOtherChildFillsIsAGapNextToTheHolder() {
    List<CoverageProblem> problems = check("hole.geojson");
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.GAP);
      assertThat(p.codes()).containsExactly("A");
      assertThat(p.areaSquareMetres()).isCloseTo(0.0003 * M_PER_DEG_LON * 0.0003 * M_PER_DEG_LAT, within(3.0));
    });
  }

  @Test
  void holeFilledByAnotherChildIsNoProblem() throws ParseException {
    CoverageFixtures f = CoverageFixtures.read("hole.geojson");
    Map<String, Geometry> children = new LinkedHashMap<>(f.children());
    children.put("C", WKT.read("POLYGON ((114.9005 27.8005, 114.9008 27.8005, 114.9008 27.8008, 114.9005 27.8008, 114.9005 27.8005))"));
    assertThat(check.check(f.parent(), children)).isEmpty();
  }

  @Test
  void multipartChildIsLegal() {
    assertThat(check("multipart.geojson")).isEmpty();
  }

  @Test
  void multipartChildWithATinyPartHasThatPartReportedAsSliver() throws ParseException {
    CoverageFixtures f = CoverageFixtures.read("multipart.geojson");
    Map<String, Geometry> children = new LinkedHashMap<>(f.children());
    // A third part of A: a 2 m × 2 m fragment inside B's area (also an overlap with B).
    Geometry a = children.get("A");
    Geometry fragment = WKT.read("POLYGON ((114.9015 27.801, 114.90152 27.801, 114.90152 27.80102, 114.9015 27.80102, 114.9015 27.801))");
    children.put("A", a.getFactory().createMultiPolygon(new org.locationtech.jts.geom.Polygon[] {
        (org.locationtech.jts.geom.Polygon) a.getGeometryN(0), (org.locationtech.jts.geom.Polygon) a.getGeometryN(1),
        (org.locationtech.jts.geom.Polygon) fragment}));
    List<CoverageProblem> problems = check.check(f.parent(), children);
    assertThat(problems).extracting(CoverageProblem::kind).containsExactlyInAnyOrder(Kind.SLIVER, Kind.OVERLAP);
    CoverageProblem sliver = problems.stream().filter(p -> p.kind() == Kind.SLIVER).findFirst().orElseThrow();
    assertThat(sliver.codes()).containsExactly("A");
    assertThat(sliver.areaSquareMetres()).isCloseTo(0.00002 * M_PER_DEG_LON * 0.00002 * M_PER_DEG_LAT, within(0.1));
  }

  @Test
  void gridOutsideItsCommunityIsNotNestedWithThePartOutside() {
    List<CoverageProblem> problems = check("grid-outside-community.geojson");
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.NOT_NESTED);
      assertThat(p.codes()).containsExactly("B");
      assertThat(p.areaSquareMetres()).isCloseTo(0.0002 * M_PER_DEG_LON * 0.002 * M_PER_DEG_LAT, within(10.0));
      assertThat(p.geometry().getEnvelopeInternal().getMinX()).isCloseTo(114.903, within(1e-9));
    });
  }

  @Test
  void partOutsideBalancedByAGapOfTheSameAreaIsStillFound() throws ParseException {
    // The children's total area equals the parent's, so only the frame check can tell.
    Geometry parent = WKT.read("POLYGON ((114.900 27.800, 114.903 27.800, 114.903 27.802, 114.900 27.802, 114.900 27.800))");
    Map<String, Geometry> children = Map.of(
        "A", WKT.read("POLYGON ((114.9001 27.800, 114.9015 27.800, 114.9015 27.802, 114.9001 27.802, 114.9001 27.800))"),
        "B", WKT.read("POLYGON ((114.9015 27.800, 114.9031 27.800, 114.9031 27.802, 114.9015 27.802, 114.9015 27.800))"));
    assertThat(check.check(parent, children)).extracting(CoverageProblem::kind).containsExactly(Kind.GAP, Kind.NOT_NESTED);
  }

  @Test
  void withoutAParentThereIsNoGapOrNestingCheck() {
    CoverageFixtures gap = CoverageFixtures.read("coverage-gap.geojson");
    assertThat(check.check(null, gap.children())).isEmpty();
    CoverageFixtures outside = CoverageFixtures.read("grid-outside-community.geojson");
    assertThat(check.check(null, outside.children())).isEmpty();
  }

  @Test
  void selfIntersectingChildIsInvalidAtTheCrossing() throws ParseException {
    CoverageFixtures f = CoverageFixtures.read("multipart.geojson");
    Map<String, Geometry> children = new LinkedHashMap<>(f.children());
    // A bow tie over B's square: its edges cross at (114.9015, 27.801).
    children.put("B", WKT.read("POLYGON ((114.901 27.800, 114.902 27.802, 114.902 27.800, 114.901 27.802, 114.901 27.800))"));
    List<CoverageProblem> problems = check.check(f.parent(), children);
    CoverageProblem invalid = problems.stream().filter(p -> p.kind() == Kind.INVALID).findFirst().orElseThrow();
    assertThat(invalid.codes()).containsExactly("B");
    assertThat(invalid.severity()).isEqualTo(Severity.HIGH);
    assertThat(invalid.geometry().getCoordinate().x).isCloseTo(114.9015, within(1e-9));
    assertThat(invalid.geometry().getCoordinate().y).isCloseTo(27.801, within(1e-9));
    // The repaired bow tie (two triangles) leaves the rest of the middle third uncovered.
    assertThat(problems).extracting(CoverageProblem::kind).contains(Kind.GAP);
  }

  @Test
  void gapsAndOverlapsNarrowerThanTheToleranceAreIgnored() throws ParseException {
    Geometry parent = WKT.read("POLYGON ((114.900 27.800, 114.903 27.800, 114.903 27.802, 114.900 27.802, 114.900 27.800))");
    // 0.000003° of longitude is about 0.3 m: under the default 0.5 m, over a 0.2 m tolerance.
    Map<String, Geometry> children = Map.of(
        "A", WKT.read("POLYGON ((114.900 27.800, 114.9015 27.800, 114.9015 27.802, 114.900 27.802, 114.900 27.800))"),
        "B", WKT.read("POLYGON ((114.901503 27.800, 114.903 27.800, 114.903 27.802, 114.901503 27.802, 114.901503 27.800))"));
    assertThat(check.check(parent, children)).isEmpty();
    assertThat(CoverageCheck.withToleranceMetres(0.2).check(parent, children))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.kind()).isEqualTo(Kind.GAP);
          assertThat(p.severity()).isEqualTo(Severity.MEDIUM); // 0.3 m × 222 m = 66 m²
        });
  }

  @Test
  void problemsComeMostSevereFirst() throws ParseException {
    CoverageFixtures f = CoverageFixtures.read("sliver.geojson");
    Map<String, Geometry> children = new LinkedHashMap<>(f.children());
    children.put("C", WKT.read("POLYGON ((114.90152 27.800, 114.9029 27.800, 114.9029 27.802, 114.90152 27.802, 114.90152 27.800))"));
    List<CoverageProblem> problems = check.check(f.parent(), children);
    assertThat(problems).extracting(CoverageProblem::kind).containsExactly(Kind.GAP, Kind.SLIVER);
    assertThat(problems.getFirst().codes()).containsExactly("C");
  }

  @Test
  void negativeToleranceIsRefused() {
    assertThatThrownBy(() -> CoverageCheck.withToleranceMetres(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
