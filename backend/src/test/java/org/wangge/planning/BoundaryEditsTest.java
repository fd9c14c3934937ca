package org.wangge.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.wangge.planning.ExactCoverage.assertExact;
import static org.wangge.planning.ExactCoverage.wkt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

class BoundaryEditsTest {

  /** 400 m × 330 m at Nanchang: west half A, east half B, and C south of both. */
  static final Geometry A =
      wkt("POLYGON ((115.890 28.680, 115.892 28.680, 115.892 28.683, 115.890 28.683, 115.890 28.680))");

  static final Geometry B =
      wkt("POLYGON ((115.892 28.680, 115.894 28.680, 115.894 28.683, 115.892 28.683, 115.892 28.680))");

  static final Geometry C =
      wkt("POLYGON ((115.890 28.678, 115.894 28.678, 115.894 28.680, 115.892 28.680, 115.890 28.680, 115.890 28.678))");

  static LineString line(String text) {
    return (LineString) wkt(text);
  }

  @Test
  void splitAlongLineKeepsExactCoverage() {
    List<Polygon> parts =
        BoundaryEdits.split(A, line("LINESTRING (115.8895 28.6812, 115.8925 28.6817)"));

    assertThat(parts).hasSize(2);
    assertExact(List.of(A), parts);
    // the cut runs west–east, so the parts form two rows: the north part is numbered first
    assertThat(parts.get(0).getCentroid().getY()).isGreaterThan(parts.get(1).getCentroid().getY());
    // with the untouched neighbours, after sharing the cut's end vertices: still a coverage
    var plan = new LinkedHashMap<String, Geometry>();
    plan.put("a1", parts.get(0));
    plan.put("a2", parts.get(1));
    plan.put("b", B);
    plan.put("c", C);
    Map<String, Geometry> shared = BoundaryEdits.shareVertices(plan);
    assertThat(shared.get("c")).isSameAs(C);
    assertThat(shared.get("b")).isNotSameAs(B);
    assertThat(shared.get("b").getNumPoints()).isEqualTo(B.getNumPoints() + 1);
    assertExact(List.of(A, B, C), shared.values());
    // the neighbour only gained a vertex on its edge: same shape; the cut parts are not
    assertThat(BoundaryEdits.sameShape(B, shared.get("b"))).isTrue();
    assertThat(BoundaryEdits.sameShape(A, shared.get("a1"))).isFalse();
  }

  @Test
  void sameShapeRefusesAMovedVertexAndAVertexOffTheEdge() {
    Geometry square = wkt("POLYGON ((0 0, 0.001 0, 0.001 0.001, 0 0.001, 0 0))");
    assertThat(BoundaryEdits.sameShape(square, wkt("POLYGON ((0 0, 0.0005 0, 0.001 0, 0.001 0.001, 0 0.001, 0 0))"))).isTrue();
    // a vertex 1 m outside the edge changes the shape
    assertThat(BoundaryEdits.sameShape(square, wkt("POLYGON ((0 0, 0.0005 -0.00001, 0.001 0, 0.001 0.001, 0 0.001, 0 0))"))).isFalse();
    // a corner moved
    assertThat(BoundaryEdits.sameShape(square, wkt("POLYGON ((0 0, 0.001 0, 0.001 0.0011, 0 0.001, 0 0))"))).isFalse();
  }

  @Test
  void lineCrossingTwiceCutsOffBothCorners() {
    // in through the west edge, out through the north edge, in again, out through the east edge
    List<Polygon> parts =
        BoundaryEdits.split(
            A,
            line(
                "LINESTRING (115.8895 28.6820, 115.8905 28.6835, 115.8915 28.6835, 115.8925 28.6820)"));
    assertThat(parts).hasSize(3);
    assertExact(List.of(A), parts);
    // the two corner triangles (one row, west then east), then the rest further south
    assertThat(parts.get(0).getCentroid().getX()).isLessThan(parts.get(1).getCentroid().getX());
    assertThat(parts.get(2).getArea()).isGreaterThan(parts.get(0).getArea() + parts.get(1).getArea());
  }

  @Test
  void splitOfMultipartGrid() {
    Geometry multi =
        wkt(
            "MULTIPOLYGON (((115.890 28.680, 115.892 28.680, 115.892 28.683, 115.890 28.683, 115.890 28.680)),"
                + " ((115.895 28.680, 115.896 28.680, 115.896 28.681, 115.895 28.681, 115.895 28.680)))");
    List<Polygon> parts =
        BoundaryEdits.split(multi, line("LINESTRING (115.891 28.679, 115.891 28.684)"));

    assertThat(parts).hasSize(3);
    assertExact(List.of(multi), parts);
    // west to east: the two halves of the first part, then the island
    assertThat(parts.get(2).getEnvelopeInternal().getMinX()).isEqualTo(115.895);
  }

  @Test
  void splitOfGridWithHole() {
    Geometry holed =
        wkt(
            "POLYGON ((115.890 28.680, 115.894 28.680, 115.894 28.683, 115.890 28.683, 115.890 28.680),"
                + " (115.891 28.681, 115.893 28.681, 115.893 28.682, 115.891 28.682, 115.891 28.681))");
    // through the hole: both parts are U-shaped, the hole becomes a notch of each
    List<Polygon> parts =
        BoundaryEdits.split(holed, line("LINESTRING (115.892 28.679, 115.892 28.684)"));
    assertThat(parts).hasSize(2);
    assertExact(List.of(holed), parts);
    assertThat(parts).allSatisfy(p -> assertThat(p.getNumInteriorRing()).isZero());

    // beside the hole: the hole stays a hole of the western part
    List<Polygon> west =
        BoundaryEdits.split(holed, line("LINESTRING (115.8935 28.679, 115.8935 28.684)"));
    assertExact(List.of(holed), west);
    assertThat(west.get(0).getNumInteriorRing()).isEqualTo(1);
    assertThat(west.get(1).getNumInteriorRing()).isZero();
  }

  @Test
  void lineThatDoesNotCrossIsRefused() {
    assertThatThrownBy(
            () -> BoundaryEdits.split(A, line("LINESTRING (115.895 28.679, 115.896 28.684)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the line does not cross the grid");
    // ends inside the grid: it enters but does not cut
    assertThatThrownBy(
            () -> BoundaryEdits.split(A, line("LINESTRING (115.8895 28.6815, 115.891 28.6815)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not cut the grid");
  }

  @Test
  void lineEndingJustShortOfTheBoundaryStillCuts() {
    // ends 0.2 m (≈ 2e-6°) inside the east edge: extended by the snap tolerance
    List<Polygon> parts =
        BoundaryEdits.split(A, line("LINESTRING (115.8895 28.6815, 115.891998 28.6815)"));
    assertThat(parts).hasSize(2);
    assertExact(List.of(A), parts);
  }

  @Test
  void cutNearAVertexSnapsToIt() {
    // passes 0.2 m from the south-west corner: snapped through it, no sliver
    List<Polygon> parts =
        BoundaryEdits.split(A, line("LINESTRING (115.8895 28.6795, 115.892 28.683)"));
    assertExact(List.of(A), parts);
    assertThat(parts).hasSize(2);
  }

  @Test
  void sliverCutIsRefused() {
    assertThatThrownBy(
            // cuts the north-west corner 0.8 m from it (beyond the snap tolerance): 0.32 m²
            () ->
                BoundaryEdits.split(
                    A, line("LINESTRING (115.8899918 28.6829856, 115.8900164 28.6830072)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cuts off a piece of only");
  }

  @Test
  void invalidGridIsRefused() {
    Geometry bowtie = wkt("POLYGON ((115.89 28.68, 115.892 28.683, 115.892 28.68, 115.89 28.683, 115.89 28.68))");
    assertThatThrownBy(() -> BoundaryEdits.split(bowtie, line("LINESTRING (115.889 28.681, 115.893 28.681)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("grid is not a valid polygon: Self-intersection at");
  }

  @Test
  void mergeKeepsExactCoverage() {
    Geometry merged = BoundaryEdits.merge(List.of(A, B, C));
    assertThat(merged).isInstanceOf(Polygon.class);
    assertExact(List.of(A, B, C), List.of(merged));
    assertThat(merged.getArea()).isCloseTo(0.004 * 0.005, within(1e-15));

    Geometry ab = BoundaryEdits.merge(List.of(A, B));
    assertExact(List.of(A, B, C), List.of(ab, C));
    // keeps the vertex (115.892 28.680) where C's edge meets the old shared edge
    assertThat(ab.getCoordinates()).contains(new org.locationtech.jts.geom.Coordinate(115.892, 28.680));
  }

  @Test
  void mergeOfNonAdjacentIsRefused() {
    Geometry far =
        wkt("POLYGON ((115.900 28.680, 115.901 28.680, 115.901 28.681, 115.900 28.681, 115.900 28.680))");
    assertThatThrownBy(() -> BoundaryEdits.merge(List.of(A, far)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not adjacent: grid 2");
    // touching at a corner only
    Geometry cornerOfA =
        wkt("POLYGON ((115.892 28.683, 115.894 28.683, 115.894 28.685, 115.892 28.685, 115.892 28.683))");
    assertThatThrownBy(() -> BoundaryEdits.merge(List.of(A, cornerOfA)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("touching at a corner is not enough");
    assertThatThrownBy(() -> BoundaryEdits.merge(List.of(A)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("merging takes at least two grids");
  }

  @Test
  void mergeAfterSplitRestoresTheGrid() {
    List<Polygon> parts =
        BoundaryEdits.split(A, line("LINESTRING (115.8895 28.6812, 115.8925 28.6817)"));
    Geometry merged = BoundaryEdits.merge(new ArrayList<>(parts));
    assertThat(merged.equalsTopo(A)).isTrue();
    assertExact(List.of(A), List.of(merged));
  }

  @Test
  void moveEdgeKeepsUnionAndSharedEdge() {
    // the new edge runs from (115.893375 28.680) to (115.892625 28.683): A grows by half of B
    LineString edge = line("LINESTRING (115.8935 28.6795, 115.8925 28.6835)");
    List<Geometry> moved = BoundaryEdits.moveSharedEdge(A, B, edge);

    assertThat(moved).hasSize(2);
    assertExact(List.of(A, B), moved);
    assertThat(moved.get(0).getArea()).isCloseTo(0.003 * 0.003, within(1e-15));
    assertThat(moved.get(1).getArea()).isCloseTo(0.001 * 0.003, within(1e-15));
    // the shared edge is the line inside the union, vertex for vertex
    Geometry shared = moved.get(0).intersection(moved.get(1));
    assertThat(shared.getLength()).isCloseTo(Math.hypot(0.00075, 0.003), within(1e-12));
    // the south neighbour C gains the new vertex on its north edge and the coverage stays exact
    var plan = new LinkedHashMap<String, Geometry>();
    plan.put("a", moved.get(0));
    plan.put("b", moved.get(1));
    plan.put("c", C);
    assertExact(List.of(A, B, C), BoundaryEdits.shareVertices(plan).values());
  }

  @Test
  void moveEdgeOfNonAdjacentOrWithoutCrossingIsRefused() {
    assertThatThrownBy(
            () -> BoundaryEdits.moveSharedEdge(A, FAR, line("LINESTRING (115.889 28.681, 115.902 28.681)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the two grids are not adjacent: they share no edge");
    assertThatThrownBy(
            () -> BoundaryEdits.moveSharedEdge(A, B, line("LINESTRING (115.8915 28.681, 115.8925 28.682)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not cut across the two grids");
    assertThatThrownBy(
            () -> BoundaryEdits.moveSharedEdge(A, B, line("LINESTRING (115.8965 28.679, 115.8965 28.684)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the line does not cross the two grids");
  }

  static final Geometry FAR =
      wkt("POLYGON ((115.900 28.680, 115.901 28.680, 115.901 28.681, 115.900 28.681, 115.900 28.680))");

  @Test
  void replaceTakesAreaFromNeighbours() {
    // A reaches 100 m-ish (0.001°) into B and gives up its south-west quarter … which C touches
    Geometry newA =
        wkt("POLYGON ((115.891 28.680, 115.893 28.680, 115.893 28.683, 115.890 28.683, 115.890 28.6815, 115.891 28.6815, 115.891 28.680))");
    var grids = new LinkedHashMap<String, Geometry>();
    grids.put("a", A);
    grids.put("b", B);
    grids.put("c", C);
    Map<String, Geometry> after = BoundaryEdits.replace("a", newA, grids);

    assertThat(after.keySet()).containsExactly("a", "b", "c");
    assertExact(List.of(A, B, C), after.values());
    assertThat(after.get("a").equalsTopo(newA)).isTrue();
    // B lost 0.001 × 0.003
    assertThat(after.get("b").getArea()).isCloseTo(0.001 * 0.003, within(1e-15));
    // the given-up quarter (0.001 × 0.0015) touches C along 0.001 and nothing else but A: C gets it
    assertThat(after.get("c").getArea()).isCloseTo(0.004 * 0.002 + 0.001 * 0.0015, within(1e-15));
  }

  @Test
  void replaceKeepsWhatNoNeighbourTouches() {
    // A gives up a strip along its west edge, which no given grid touches: A keeps it
    Geometry newA =
        wkt("POLYGON ((115.8905 28.680, 115.892 28.680, 115.892 28.683, 115.8905 28.683, 115.8905 28.680))");
    var grids = new LinkedHashMap<String, Geometry>();
    grids.put("a", A);
    grids.put("b", B);
    Map<String, Geometry> after = BoundaryEdits.replace("a", newA, grids);
    assertThat(after.get("b")).isSameAs(B);
    assertThat(after.get("a").equalsTopo(A)).isTrue();
    assertExact(List.of(A, B), after.values());
  }

  @Test
  void replaceThatFillsAGapExtendsTheUnion() {
    Geometry newB =
        wkt("POLYGON ((115.892 28.680, 115.895 28.680, 115.895 28.683, 115.892 28.683, 115.892 28.680))");
    var grids = new LinkedHashMap<String, Geometry>();
    grids.put("a", A);
    grids.put("b", B);
    Map<String, Geometry> after = BoundaryEdits.replace("b", newB, grids);
    assertThat(after.get("a")).isSameAs(A);
    assertExact(List.of(A, newB), after.values());
  }

  @Test
  void replaceThatSwallowsANeighbourIsRefused() {
    Geometry huge =
        wkt("POLYGON ((115.890 28.680, 115.894 28.680, 115.894 28.683, 115.890 28.683, 115.890 28.680))");
    var grids = new LinkedHashMap<String, Geometry>();
    grids.put("a", A);
    grids.put("b", B);
    assertThatThrownBy(() -> BoundaryEdits.replace("a", huge, grids))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the new boundary of grid a covers all of grid b: merge them instead");
    assertThatThrownBy(() -> BoundaryEdits.replace("x", huge, grids))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("grid x is not among the grids");
    assertThatThrownBy(() -> BoundaryEdits.replace("a", FAR, grids))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the new boundary does not overlap grid a");
  }
}
