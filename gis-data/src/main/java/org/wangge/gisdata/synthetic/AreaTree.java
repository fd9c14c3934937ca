package org.wangge.gisdata.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.AreaRecord;

/**
 * The area tree built on the grid tessellation: grids grouped into communities, communities into
 * streets, streets into districts ({@link RegionPartitioner}), each parent's boundary the exact
 * {@link CoverageUnion} of its children; then codes and names.
 *
 * <p>A grouping is accepted only if every group's union is a single polygon without holes; if one
 * is not (a group encloses another), the whole level is regrouped with new seeds (up to 30
 * attempts), so every area of every level is one simple-boundary polygon.
 *
 * <p><b>Numbering rule</b> (for the children of every parent, grids inside their community as in
 * DB11/T 2157-2023, and the same for communities, streets and districts): children are cut into
 * rows of height {@code h = √(mean child area)} counted down from the northernmost child centroid,
 * {@code row = floor((maxCentroidY − centroidY) / h)}; rows are taken north to south and, within a
 * row, children west to east by centroid; sequence numbers follow that order from 001. Centroids
 * and areas are metric (local projection around the city centre).
 */
final class AreaTree {

  private static final int MAX_ATTEMPTS = 30;

  /** One area while the tree is being built. */
  static final class Node {
    final AreaLevel level;
    final Polygon polygon;
    final double centroidX;
    final double centroidY;
    final double areaSquareMetres;

    /** Index in the tessellation (grids) or in the level below's grouping. */
    final int index;

    final List<Node> children = new ArrayList<>();
    Node parent;
    String code;
    String name;

    /** The grouping attempt that produced this area (0 = first). */
    int attempt;

    int households;
    int residents;

    Node(AreaLevel level, Polygon polygon, double[] metrics, int index) {
      this.level = level;
      this.polygon = polygon;
      this.areaSquareMetres = metrics[0];
      this.centroidX = metrics[1];
      this.centroidY = metrics[2];
      this.index = index;
    }
  }

  /** How many groupings were rejected (a group with a hole) and redone, over all levels. */
  final int regroupings;

  final Node city;
  final List<Node> districts;
  final List<Node> streets;
  final List<Node> communities;

  /** Grids in code order. */
  final List<Node> grids;

  private AreaTree(
      Node city,
      List<Node> districts,
      List<Node> streets,
      List<Node> communities,
      List<Node> grids,
      int regroupings) {
    this.regroupings = regroupings;
    this.city = city;
    this.districts = districts;
    this.streets = streets;
    this.communities = communities;
    this.grids = grids;
  }

  static AreaTree build(
      GridTessellation.Result cells,
      CitySpec spec,
      LocalProjection projection,
      GeometryFactory factory,
      long seed) {
    int n = cells.cells().size();
    List<Node> gridNodes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] metrics = {cells.areaSquareMetres()[i], cells.centroidX()[i], cells.centroidY()[i]};
      gridNodes.add(new Node(AreaLevel.GRID, cells.cells().get(i), metrics, i));
    }
    List<Node> communityNodes =
        group(
            gridNodes,
            cells.adjacency(),
            spec.communities(),
            AreaLevel.COMMUNITY,
            projection,
            seed);
    int[][] communityAdjacency =
        parentAdjacency(gridNodes, cells.adjacency(), communityNodes.size());
    List<Node> streetNodes =
        group(
            communityNodes, communityAdjacency, spec.streets(), AreaLevel.STREET, projection, seed);
    int[][] streetAdjacency =
        parentAdjacency(communityNodes, communityAdjacency, streetNodes.size());
    List<Node> districtNodes =
        group(streetNodes, streetAdjacency, spec.districts(), AreaLevel.DISTRICT, projection, seed);
    Geometry cityUnion = union(districtNodes);
    if (!(cityUnion instanceof Polygon cityPolygon) || cityPolygon.getNumInteriorRing() > 0) {
      throw new IllegalStateException("city outline is not one polygon without holes");
    }
    Node city =
        new Node(AreaLevel.CITY, cityPolygon, Planar.areaAndCentroid(cityPolygon, projection), 0);
    for (Node d : districtNodes) {
      d.parent = city;
      city.children.add(d);
    }

    // Codes, in the numbering order, top-down.
    city.code = Names.CITY_CODE;
    city.name = Names.CITY;
    List<Node> districts = numbered(city.children);
    for (int i = 0; i < districts.size(); i++) {
      Node d = districts.get(i);
      d.code = Names.CITY_CODE + districtSuffix(i);
      d.name = i < Names.DISTRICT_NAMES.length ? Names.DISTRICT_NAMES[i] : null;
    }
    SplittableRandom nameRandom = Hashing.stream(seed, "names");
    Names.Pool districtPool = new Names.Pool(List.of(), "区", nameRandom);
    for (String name : Names.DISTRICT_NAMES) {
      districtPool.reserve(name);
    }
    for (Node d : districts) {
      if (d.name == null) {
        d.name = districtPool.next();
      }
    }
    List<Node> streets = new ArrayList<>();
    Names.Pool streetPool = new Names.Pool(stems(Names.STREET_NAMES, "街道"), "街道", nameRandom);
    for (Node d : districts) {
      List<Node> children = numbered(d.children);
      for (int i = 0; i < children.size(); i++) {
        Node s = children.get(i);
        s.code = d.code + String.format("%03d", i + 1);
        s.name = streetPool.next();
        streets.add(s);
      }
    }
    List<Node> communities = new ArrayList<>();
    Names.Pool communityPool =
        new Names.Pool(Names.shuffled(Names.COMMUNITY_WORDS, nameRandom), "社区", nameRandom);
    for (Node s : streets) {
      List<Node> children = numbered(s.children);
      for (int i = 0; i < children.size(); i++) {
        Node c = children.get(i);
        c.code = s.code + String.format("%03d", i + 1);
        c.name = communityPool.next();
        communities.add(c);
      }
    }
    List<Node> grids = new ArrayList<>(n);
    for (Node c : communities) {
      List<Node> children = numbered(c.children);
      for (int i = 0; i < children.size(); i++) {
        Node g = children.get(i);
        g.code = c.code + String.format("%03d", i + 1);
        g.name = c.name + String.format("第%02d网格", i + 1);
        grids.add(g);
      }
    }
    for (Node parent : concat(List.of(city), districts, streets, communities)) {
      parent.children.sort(Comparator.comparing(x -> x.code));
    }
    int regroupings =
        communityNodes.get(0).attempt + streetNodes.get(0).attempt + districtNodes.get(0).attempt;
    return new AreaTree(city, districts, streets, communities, grids, regroupings);
  }

  /** Every area as a record, parents before children, then by code; households as counted. */
  List<AreaRecord> records(GeometryFactory factory) {
    List<AreaRecord> records = new ArrayList<>();
    for (Node node : concat(List.of(city), districts, streets, communities, grids)) {
      MultiPolygon boundary = factory.createMultiPolygon(new Polygon[] {node.polygon});
      records.add(
          new AreaRecord(
              node.code,
              node.name,
              node.level,
              node.parent == null ? null : node.parent.code,
              boundary,
              node.households,
              node.residents));
    }
    return records;
  }

  /** Sums households and residents from grids upwards. */
  void sumUp() {
    for (List<Node> level : List.of(communities, streets, districts, List.of(city))) {
      for (Node node : level) {
        node.households = 0;
        node.residents = 0;
        for (Node child : node.children) {
          node.households += child.households;
          node.residents += child.residents;
        }
      }
    }
  }

  @SafeVarargs
  private static List<Node> concat(List<Node>... lists) {
    List<Node> all = new ArrayList<>();
    for (List<Node> l : lists) {
      all.addAll(l);
    }
    return all;
  }

  private static List<String> stems(String[] names, String suffix) {
    List<String> stems = new ArrayList<>();
    for (String n : names) {
      stems.add(n.substring(0, n.length() - suffix.length()));
    }
    return stems;
  }

  /** District code suffixes: 02 (渝水区), 21 (分宜县), then 03, 04, … skipping 21. */
  private static String districtSuffix(int i) {
    if (i == 0) {
      return "02";
    }
    if (i == 1) {
      return "21";
    }
    int value = i + 1; // i = 2 → 03
    if (value >= 21) {
      value++;
    }
    return String.format("%02d", value);
  }

  /** {@code nodes} in the numbering order (see the class comment). */
  static List<Node> numbered(List<Node> nodes) {
    double meanArea = nodes.stream().mapToDouble(x -> x.areaSquareMetres).average().orElse(1);
    double rowHeight = Math.sqrt(meanArea);
    double top = nodes.stream().mapToDouble(x -> x.centroidY).max().orElse(0);
    List<Node> sorted = new ArrayList<>(nodes);
    sorted.sort(
        Comparator.<Node>comparingInt(x -> row(x.centroidY, top, rowHeight))
            .thenComparingDouble(x -> x.centroidX)
            .thenComparingInt(x -> x.index));
    return sorted;
  }

  static int row(double centroidY, double top, double rowHeight) {
    return (int) Math.floor((top - centroidY) / rowHeight);
  }

  /** Groups {@code nodes} into {@code k} contiguous parents whose unions are simple polygons. */
  private static List<Node> group(
      List<Node> nodes,
      int[][] adjacency,
      int k,
      AreaLevel level,
      LocalProjection projection,
      long seed) {
    int n = nodes.size();
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = nodes.get(i).centroidX;
      y[i] = nodes.get(i).centroidY;
    }
    long levelSeed = Hashing.mix(seed, level.ordinal());
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      int[] region =
          RegionPartitioner.partition(adjacency, x, y, Math.min(k, n), levelSeed, attempt);
      List<List<Node>> members = new ArrayList<>();
      for (int j = 0; j < Math.min(k, n); j++) {
        members.add(new ArrayList<>());
      }
      for (int i = 0; i < n; i++) {
        members.get(region[i]).add(nodes.get(i));
      }
      List<Node> parents = new ArrayList<>();
      boolean ok = true;
      for (int j = 0; j < members.size() && ok; j++) {
        Geometry u = union(members.get(j));
        if (u instanceof Polygon p && p.getNumInteriorRing() == 0) {
          Node parent = new Node(level, p, Planar.areaAndCentroid(p, projection), j);
          parent.attempt = attempt;
          for (Node child : members.get(j)) {
            child.parent = parent;
            parent.children.add(child);
          }
          parents.add(parent);
        } else {
          ok = false;
        }
      }
      if (ok) {
        return parents;
      }
    }
    throw new IllegalStateException(
        "could not group " + n + " areas into " + k + " " + level + " areas without holes");
  }

  private static Geometry union(List<Node> nodes) {
    Geometry[] polygons = new Geometry[nodes.size()];
    for (int i = 0; i < polygons.length; i++) {
      polygons[i] = nodes.get(i).polygon;
    }
    return CoverageUnion.union(polygons);
  }

  /** Adjacency of parents, from the adjacency of their children. */
  private static int[][] parentAdjacency(List<Node> children, int[][] childAdjacency, int parents) {
    List<TreeSet<Integer>> sets = new ArrayList<>();
    for (int j = 0; j < parents; j++) {
      sets.add(new TreeSet<>());
    }
    for (int i = 0; i < children.size(); i++) {
      int a = children.get(i).parent.index;
      for (int s : childAdjacency[i]) {
        int b = children.get(s).parent.index;
        if (a != b) {
          sets.get(a).add(b);
        }
      }
    }
    int[][] adjacency = new int[parents][];
    for (int j = 0; j < parents; j++) {
      adjacency[j] = sets.get(j).stream().mapToInt(Integer::intValue).toArray();
    }
    return adjacency;
  }

  @Override
  public String toString() {
    return "AreaTree"
        + Arrays.asList(districts.size(), streets.size(), communities.size(), grids.size());
  }
}
