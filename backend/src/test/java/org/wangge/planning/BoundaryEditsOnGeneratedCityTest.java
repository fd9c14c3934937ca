package org.wangge.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wangge.planning.ExactCoverage.assertExact;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.AreaRecord;
import org.wangge.gisdata.synthetic.CitySpec;
import org.wangge.gisdata.synthetic.SyntheticCityGenerator;
import org.wangge.spatial.Wgs84;

/**
 * Every edit on every grid of a generated city of 30 grids (irregular shapes, MultiPolygon
 * boundaries as stored, ≈ 300 addresses each): the community's grids stay an exact coverage.
 */
class BoundaryEditsOnGeneratedCityTest {

  static List<AreaRecord> grids;
  static Map<String, Geometry> communities;
  static Map<String, List<AddressRecord>> addresses;

  @BeforeAll
  static void generate() {
    var city =
        SyntheticCityGenerator.generate(CitySpec.scaled(30, 9_000, 20261130L, LocalDate.of(2026, 11, 1)));
    grids = city.areas().stream().filter(a -> a.level() == AreaLevel.GRID).toList();
    communities =
        city.areas().stream()
            .filter(a -> a.level() == AreaLevel.COMMUNITY)
            .collect(Collectors.toMap(AreaRecord::code, a -> (Geometry) a.boundary()));
    addresses = city.addresses().stream().collect(Collectors.groupingBy(AddressRecord::gridCode));
  }

  static Map<String, Geometry> community(String communityCode) {
    Map<String, Geometry> result = new LinkedHashMap<>();
    grids.stream()
        .filter(g -> g.parentCode().equals(communityCode))
        .forEach(g -> result.put(g.code(), Wgs84.FACTORY.createGeometry(g.boundary())));
    return result;
  }

  @Test
  void splittingEveryGridThroughItsMiddleKeepsTheCommunityExact() {
    assertThat(grids).hasSize(30);
    for (AreaRecord grid : grids) {
      Map<String, Geometry> before = community(grid.parentCode());
      Envelope e = grid.boundary().getEnvelopeInternal();
      var line =
          Wgs84.FACTORY.createLineString(
              new Coordinate[] {
                new Coordinate(e.centre().x, e.getMinY() - 0.001),
                new Coordinate(e.centre().x + e.getWidth() * 0.1, e.getMaxY() + 0.001)
              });
      List<Polygon> parts = BoundaryEdits.split(grid.boundary(), line);
      Map<String, Geometry> plan = new LinkedHashMap<>(before);
      plan.remove(grid.code());
      for (int i = 0; i < parts.size(); i++) {
        plan.put("part" + i, parts.get(i));
      }
      assertExact(before.values(), BoundaryEdits.shareVertices(plan).values());
    }
  }

  @Test
  void balancedSplitOfEveryGridKeepsTheCommunityExact() {
    for (AreaRecord grid : grids) {
      List<AddressRecord> inGrid = addresses.get(grid.code());
      BalancedSplit split =
          BoundaryEdits.balancedSplit(
              grid.boundary(),
              communities.get(grid.parentCode()),
              inGrid.stream().mapToDouble(AddressRecord::lon).toArray(),
              inGrid.stream().mapToDouble(AddressRecord::lat).toArray(),
              inGrid.stream().mapToInt(AddressRecord::households).toArray(),
              3);
      assertThat(split.parts()).hasSize(3);
      assertThat(java.util.Arrays.stream(split.householdsPerPart()).sum())
          .isEqualTo(inGrid.stream().mapToInt(AddressRecord::households).sum());
      Map<String, Geometry> before = community(grid.parentCode());
      Map<String, Geometry> plan = new LinkedHashMap<>(before);
      plan.remove(grid.code());
      for (int i = 0; i < split.parts().size(); i++) {
        plan.put("part" + i, split.parts().get(i));
      }
      assertExact(before.values(), BoundaryEdits.shareVertices(plan).values());
    }
  }

  @Test
  void mergingEachGridWithItsFirstNeighbourAndMovingTheirEdgeKeepsTheCommunityExact() {
    int movedEdges = 0;
    for (AreaRecord grid : grids) {
      Map<String, Geometry> before = community(grid.parentCode());
      Geometry a = before.get(grid.code());
      String neighbour =
          before.keySet().stream()
              .filter(k -> !k.equals(grid.code()) && a.relate(before.get(k), "****1****"))
              .findFirst()
              .orElseThrow();
      Geometry b = before.get(neighbour);
      Map<String, Geometry> merged = new LinkedHashMap<>(before);
      merged.remove(neighbour);
      merged.put(grid.code(), BoundaryEdits.merge(List.of(a, b)));
      assertExact(before.values(), merged.values());

      // move their edge: a line between the two centroids' perpendicular, shifted toward b
      var ca = a.getCentroid().getCoordinate();
      var cb = b.getCentroid().getCoordinate();
      Coordinate mid = new Coordinate(ca.x + (cb.x - ca.x) * 0.6, ca.y + (cb.y - ca.y) * 0.6);
      double dx = cb.x - ca.x;
      double dy = cb.y - ca.y;
      var line =
          Wgs84.FACTORY.createLineString(
              new Coordinate[] {
                new Coordinate(mid.x - dy * 3, mid.y + dx * 3), new Coordinate(mid.x + dy * 3, mid.y - dx * 3)
              });
      List<Geometry> moved;
      try {
        moved = BoundaryEdits.moveSharedEdge(a, b, line);
      } catch (IllegalArgumentException refused) {
        // a straight line across the pair may also cut off pieces elsewhere: refusals are allowed,
        // but they must say why
        assertThat(refused.getMessage()).isNotBlank();
        continue;
      }
      Map<String, Geometry> plan = new LinkedHashMap<>(before);
      plan.put(grid.code(), moved.get(0));
      plan.put(neighbour, moved.get(1));
      assertExact(before.values(), BoundaryEdits.shareVertices(plan).values());
      movedEdges++;
    }
    assertThat(movedEdges).as("edges moved (not refused)").isGreaterThan(grids.size() / 2);
  }

  @Test
  void replacingEachGridByItsBufferAdjustsTheNeighboursExactly() {
    List<String> refusals = new ArrayList<>();
    for (AreaRecord grid : grids) {
      Map<String, Geometry> before = community(grid.parentCode());
      Geometry drawn = before.get(grid.code()).buffer(0.0003, 2);
      try {
        Map<String, Geometry> after = BoundaryEdits.replace(grid.code(), drawn, before);
        assertExact(List.of(BoundaryEdits.union(new ArrayList<>(before.values())), drawn), after.values());
      } catch (IllegalArgumentException swallowed) {
        refusals.add(swallowed.getMessage());
      }
    }
    assertThat(refusals).allSatisfy(m -> assertThat(m).contains("merge them instead"));
    assertThat(refusals.size()).as("replacements refused").isLessThan(grids.size() / 2);
  }
}
