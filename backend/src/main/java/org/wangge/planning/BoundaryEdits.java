package org.wangge.planning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateList;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineSegment;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlay.snap.GeometrySnapper;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.wangge.gisdata.crs.LocalMetres;
import org.wangge.spatial.Wgs84;

/**
 * Boundary edits that keep a polygonal coverage exact: split a grid along a line, merge adjacent
 * grids, move the shared edge between two grids, replace one grid's boundary and adjust its
 * neighbours, and split a grid into parts balanced by households ({@link #balancedSplit}).
 *
 * <p><b>Coordinates.</b> Lon/lat EPSG:4326 in and out; results are built with {@link
 * Wgs84#FACTORY} (SRID 4326). Lengths, areas and tolerances are stated in metres and evaluated in
 * a local equirectangular projection around the geometries; input vertices never pass through it,
 * so every vertex of an input that survives an edit comes out bit for bit the same.
 *
 * <p><b>Exactness.</b> Every edit nodes all the boundaries it involves (and the drawn line) once
 * ({@link OverlayNGRobust} unary union of the linework), polygonizes the noded linework into
 * <em>faces</em> ({@link Polygonizer}), assigns each face to one result, and dissolves each
 * result's faces with {@link CoverageUnion}. The results therefore share identical vertices along
 * every common edge, do not overlap, and their union is the input's union (up to the rounding of
 * the few new intersection vertices, relative area error far below 1e-9). Grids outside the edit
 * whose edges the cut ends on (an outer neighbour of a split grid) do not yet have the new end
 * vertices: pass the whole plan through {@link #shareVertices} after an edit, and JTS's {@code
 * CoverageValidator} finds no invalid edge.
 *
 * <p><b>Input.</b> Grids are valid {@link Polygon}s or {@link MultiPolygon}s; bad input (invalid
 * or empty geometry, a line that does not cut, grids that are not adjacent, an impossible part
 * count) throws {@link IllegalArgumentException} with a message fit to show the user. A drawn line
 * is first snapped to grid vertices within {@link #SNAP_TOLERANCE_METRES} and its two ends are
 * extended by the same distance, so a line drawn to (not quite across) a boundary still cuts.
 *
 * <p>Static, stateless and thread-safe. Meant for a plan's few dozen grids (a community); the cost
 * grows with the number of vertices involved (see BENCHMARKS.md, "Planning edits").
 */
public final class BoundaryEdits {

  /** Drawn lines snap to grid vertices within this distance, and their ends extend by it. */
  public static final double SNAP_TOLERANCE_METRES = 0.5;

  /** A split or moved edge may not cut off a piece smaller than this (m²). */
  public static final double MIN_PART_SQUARE_METRES = 1.0;

  /** Two grids are adjacent when they share an edge at least this long (m). */
  public static final double MIN_SHARED_EDGE_METRES = 1.0;

  /** {@link #shareVertices} inserts a vertex into an edge it lies within this distance of (m). */
  public static final double ON_EDGE_METRES = 1e-4;

  private BoundaryEdits() {}

  // ---------------------------------------------------------------- split

  /**
   * Splits a grid along a line that crosses it.
   *
   * <p>Every connected piece of the grid bounded by the line becomes a part, so a line that crosses
   * a grid twice can make three parts, and an uncut island of a multipart grid stays a part of its
   * own. A hole stays a hole of the part around it.
   *
   * @param grid the grid's boundary (valid Polygon or MultiPolygon, lon/lat)
   * @param line the cut as drawn (lon/lat); it must enter and leave the grid
   * @return the parts (at least two), in {@link GridNumbering} order (west → east, then north →
   *     south); their union is {@code grid}, they share the cut edges exactly and do not overlap
   * @throws IllegalArgumentException if the line does not cross the grid, does not cut it into two
   *     or more pieces, or cuts off a piece smaller than {@link #MIN_PART_SQUARE_METRES}
   */
  public static List<Polygon> split(Geometry grid, LineString line) {
    requirePolygonal(grid, "grid");
    requireLine(line);
    LocalMetres metric = LocalMetres.around(grid);
    LineString cut = prepareLine(line, grid, metric);
    if (!cut.intersects(grid)) {
      throw new IllegalArgumentException("the line does not cross the grid");
    }
    List<Polygon> parts = facesInside(grid, List.of(grid.getBoundary(), cut));
    if (parts.size() <= grid.getNumGeometries()) {
      throw new IllegalArgumentException(
          "the line does not cut the grid: draw it across the grid, from outside to outside");
    }
    requireMinimumArea(parts, metric);
    return GridNumbering.sort(parts);
  }

  // ---------------------------------------------------------------- merge

  /**
   * Merges adjacent grids into one.
   *
   * <p>The grids must be connected through shared edges (each at least {@link
   * #MIN_SHARED_EDGE_METRES} long; touching at a corner is not enough). The inner edges are
   * dissolved, the outer boundary keeps every input vertex, so the merged grid still matches its
   * neighbours vertex for vertex.
   *
   * @param grids two or more grids (valid Polygon or MultiPolygon, lon/lat)
   * @return their union: a Polygon, or a MultiPolygon when an input was multipart
   * @throws IllegalArgumentException for fewer than two grids or grids not connected by shared
   *     edges (the message names the first grid, by position from 1, that is cut off)
   */
  public static Geometry merge(List<? extends Geometry> grids) {
    if (grids == null || grids.size() < 2) {
      throw new IllegalArgumentException("merging takes at least two grids");
    }
    for (int i = 0; i < grids.size(); i++) {
      requirePolygonal(grids.get(i), "grid " + (i + 1));
    }
    LocalMetres metric = LocalMetres.around(union(grids));
    requireConnected(grids, metric);
    return dissolve(grids);
  }

  // ---------------------------------------------------------------- move shared edge

  /**
   * Moves the boundary between two adjacent grids to follow a drawn line.
   *
   * <p>The union {@code a ∪ b} is cut along the line (which must cross it from outside to
   * outside); each resulting piece goes to the grid that held most of its area before, so the line
   * becomes the new shared edge and the old one disappears. A line that wanders can leave a grid
   * with several pieces (a MultiPolygon). The outer boundary of {@code a ∪ b} keeps its vertices;
   * the two points where the line crosses it are new vertices (see {@link #shareVertices} for the
   * outer neighbours).
   *
   * @param a one grid (valid Polygon or MultiPolygon, lon/lat)
   * @param b the other grid, sharing an edge with {@code a}
   * @param line the new shared edge as drawn (lon/lat)
   * @return {@code [newA, newB]}: {@code newA ∪ newB == a ∪ b}, no overlap, sharing the new edge
   *     vertex for vertex
   * @throws IllegalArgumentException if the grids are not adjacent, the line does not cut their
   *     union, leaves either grid with nothing, or cuts off a piece smaller than {@link
   *     #MIN_PART_SQUARE_METRES}
   */
  public static List<Geometry> moveSharedEdge(Geometry a, Geometry b, LineString line) {
    requirePolygonal(a, "grid a");
    requirePolygonal(b, "grid b");
    requireLine(line);
    LocalMetres metric = LocalMetres.around(union(List.of(a, b)));
    if (sharedEdgeMetres(a, b, metric) < MIN_SHARED_EDGE_METRES) {
      throw new IllegalArgumentException("the two grids are not adjacent: they share no edge");
    }
    Geometry both = dissolve(List.of(a, b));
    LineString cut = prepareLine(line, both, metric);
    if (!cut.intersects(both)) {
      throw new IllegalArgumentException("the line does not cross the two grids");
    }
    List<Polygon> pieces = facesInside(both, List.of(both.getBoundary(), cut));
    if (pieces.size() <= both.getNumGeometries()) {
      throw new IllegalArgumentException(
          "the line does not cut across the two grids: draw it from outside to outside");
    }
    requireMinimumArea(pieces, metric);
    List<Polygon> toA = new ArrayList<>();
    List<Polygon> toB = new ArrayList<>();
    for (Polygon piece : pieces) {
      (overlapArea(piece, a) >= overlapArea(piece, b) ? toA : toB).add(piece);
    }
    if (toA.isEmpty() || toB.isEmpty()) {
      throw new IllegalArgumentException(
          "the line leaves nothing to grid " + (toA.isEmpty() ? "a" : "b")
              + ": draw it through the area the two grids share");
    }
    return List.of(dissolveFaces(toA), dissolveFaces(toB));
  }

  // ---------------------------------------------------------------- replace

  /**
   * Replaces one grid's boundary and adjusts the given grids around it so that no gap or overlap
   * appears among them.
   *
   * <p>All boundaries and the new one are noded together into faces; each face goes to:
   *
   * <ol>
   *   <li>the edited grid when it lies inside {@code newBoundary} (neighbours lose what the new
   *       boundary takes; the part of the new boundary outside every given grid, e.g. a gap it
   *       fills, is the edited grid's too);
   *   <li>otherwise the grid (other than the edited one) that held it (if two held it, an overlap
   *       before the edit, the first key in {@code grids}' order);
   *   <li>otherwise, for what the edited grid gives up: each connected piece goes to the neighbour
   *       sharing the longest edge with it ({@link #MIN_SHARED_EDGE_METRES} at least); a piece no
   *       neighbour touches stays with the edited grid, so the edit never opens a gap.
   * </ol>
   *
   * Hence the union of the results is the union of the given grids and the new boundary. Pass the
   * plan's grids around the edited one (all of its community is simplest): a grid left out is
   * neither trimmed nor extended, and a later validation would see the overlap.
   *
   * @param code the key of the edited grid in {@code grids}
   * @param newBoundary the new boundary as drawn (valid Polygon or MultiPolygon, lon/lat)
   * @param grids key → boundary of the edited grid and its neighbours (lon/lat)
   * @return the same keys in the same iteration order with their new boundaries; a grid the edit
   *     does not change is returned as the same instance
   * @throws IllegalArgumentException if {@code code} is not among the grids, the new boundary is
   *     invalid or does not overlap the grid, or it would swallow a neighbour whole (merge instead)
   */
  public static Map<String, Geometry> replace(
      String code, Geometry newBoundary, Map<String, ? extends Geometry> grids) {
    if (grids == null || !grids.containsKey(code)) {
      throw new IllegalArgumentException("grid " + code + " is not among the grids");
    }
    requirePolygonal(newBoundary, "the new boundary");
    grids.forEach((key, g) -> requirePolygonal(g, "grid " + key));
    Geometry old = grids.get(code);
    if (overlapArea(old, newBoundary) <= 0) {
      throw new IllegalArgumentException("the new boundary does not overlap grid " + code);
    }
    List<String> keys = new ArrayList<>(grids.keySet());
    List<Geometry> linework = new ArrayList<>();
    grids.values().forEach(g -> linework.add(g.getBoundary()));
    linework.add(newBoundary.getBoundary());
    List<Geometry> all = new ArrayList<>(grids.values());
    all.add(newBoundary);
    LocalMetres metric = LocalMetres.around(union(all));

    IndexedPointInAreaLocator inNew = new IndexedPointInAreaLocator(newBoundary);
    Map<String, IndexedPointInAreaLocator> in = new HashMap<>();
    grids.forEach((key, g) -> in.put(key, new IndexedPointInAreaLocator(g)));
    Map<String, List<Polygon>> faces = new LinkedHashMap<>();
    keys.forEach(k -> faces.put(k, new ArrayList<>()));
    List<Polygon> givenUp = new ArrayList<>();
    for (Polygon face : faces(linework)) {
      Coordinate p = face.getInteriorPoint().getCoordinate();
      if (inNew.locate(p) == Location.INTERIOR) {
        faces.get(code).add(face);
        continue;
      }
      String owner = null;
      boolean wasEdited = false;
      for (String key : keys) {
        if (in.get(key).locate(p) == Location.INTERIOR) {
          if (key.equals(code)) {
            wasEdited = true;
          } else {
            owner = key;
            break;
          }
        }
      }
      if (owner != null) {
        faces.get(owner).add(face);
      } else if (wasEdited) {
        givenUp.add(face);
      }
    }
    for (String key : keys) {
      if (faces.get(key).isEmpty() && !key.equals(code)) {
        throw new IllegalArgumentException(
            "the new boundary of grid " + code + " covers all of grid " + key + ": merge them instead");
      }
    }
    if (!givenUp.isEmpty()) {
      Geometry pieces = dissolveFaces(givenUp);
      Map<String, Geometry> current = new HashMap<>();
      for (int i = 0; i < pieces.getNumGeometries(); i++) {
        Geometry piece = pieces.getGeometryN(i);
        IndexedPointInAreaLocator inPiece = new IndexedPointInAreaLocator(piece);
        List<Polygon> pieceFaces =
            givenUp.stream()
                .filter(f -> inPiece.locate(f.getInteriorPoint().getCoordinate()) == Location.INTERIOR)
                .toList();
        String best = code;
        double bestMetres = MIN_SHARED_EDGE_METRES;
        for (String key : keys) {
          if (key.equals(code)) {
            continue;
          }
          Geometry now = current.computeIfAbsent(key, k -> dissolveFaces(faces.get(k)));
          double shared = sharedEdgeMetres(piece, now, metric);
          if (shared >= bestMetres) {
            best = key;
            bestMetres = shared;
          }
        }
        faces.get(best).addAll(pieceFaces);
        current.remove(best);
      }
    }
    Map<String, Geometry> result = new LinkedHashMap<>();
    for (String key : keys) {
      Geometry before = grids.get(key);
      Geometry after = dissolveFaces(faces.get(key));
      boolean same =
          after.getNumPoints() == before.getNumPoints()
              && Math.abs(after.getArea() - before.getArea()) <= before.getArea() * 1e-12
              && after.equalsTopo(before);
      result.put(key, same ? before : after);
    }
    return result;
  }

  // ---------------------------------------------------------------- balanced split

  /**
   * Suggests a split of a grid into {@code parts} pieces balanced by households, following its
   * addresses and staying inside its community.
   *
   * <p>The region is {@code grid ∩ community} (the grid itself when the community covers it, as
   * it should; what lies outside the community is left out of every part). It is cut by recursive
   * weighted bisection: to make {@code k} parts, the longer side of the region's extent (in
   * metres) is cut by a straight line across it, halfway between two consecutive addresses along
   * that axis, where the households on the first side come closest to {@code floor(k/2)/k} of the
   * region's, leaving at least as many addresses on each side as parts to make there; then each
   * side is split the same way. Addresses at the same position along the axis are never separated
   * (the other axis is tried when no cut is possible). When a straight cut leaves a side in several
   * pieces (a concave grid), the smaller pieces go to the part they share the longest edge with,
   * so every part is one polygon; the households are counted again afterwards.
   *
   * @param grid the grid (valid Polygon or MultiPolygon, lon/lat)
   * @param community its community, or null to use the grid alone; {@code grid ∩ community} must
   *     be one polygon
   * @param lons longitudes of the addresses (degrees)
   * @param lats latitudes of the addresses (degrees), same length
   * @param households households per address (&ge; 0), same length; addresses outside the region
   *     are ignored
   * @param parts the number of parts, 2 at least and at most the number of addresses inside
   * @return the parts in {@link GridNumbering} order, their households and the imbalance
   * @throws IllegalArgumentException for mismatched arrays, negative households, too few or too
   *     many parts, no household inside, a region in several pieces, or addresses so close that
   *     they cannot be separated
   */
  public static BalancedSplit balancedSplit(
      Geometry grid,
      Geometry community,
      double[] lons,
      double[] lats,
      int[] households,
      int parts) {
    requirePolygonal(grid, "grid");
    if (community != null) {
      requirePolygonal(community, "community");
    }
    if (lons == null || lats == null || households == null) {
      throw new IllegalArgumentException("the addresses are missing");
    }
    if (lons.length != lats.length || lons.length != households.length) {
      throw new IllegalArgumentException(
          "lons, lats and households differ in length: "
              + lons.length + ", " + lats.length + ", " + households.length);
    }
    if (parts < 2) {
      throw new IllegalArgumentException("parts must be at least 2, not " + parts);
    }
    Geometry region =
        community == null || community.covers(grid)
            ? grid
            : Wgs84.FACTORY.createGeometry(
                OverlayNGRobust.overlay(grid, community, OverlayNG.INTERSECTION));
    if (region.getNumGeometries() == 1) {
      region = region.getGeometryN(0);
    }
    if (region.isEmpty() || !(region instanceof Polygon)) {
      throw new IllegalArgumentException(
          region.isEmpty()
              ? "the grid does not overlap its community"
              : "the grid inside its community is in several pieces: split them by hand");
    }
    LocalMetres metric = LocalMetres.around(region);
    IndexedPointInAreaLocator inRegion = new IndexedPointInAreaLocator(region);
    int n = 0;
    long total = 0;
    int[] inside = new int[lons.length];
    for (int i = 0; i < lons.length; i++) {
      if (households[i] < 0) {
        throw new IllegalArgumentException("households[" + i + "] is negative: " + households[i]);
      }
      if (!Wgs84.isValidLonLat(lons[i], lats[i])) {
        throw new IllegalArgumentException(
            "address " + i + " is outside lon/lat range: " + lons[i] + " " + lats[i]);
      }
      if (inRegion.locate(new Coordinate(lons[i], lats[i])) != Location.EXTERIOR) {
        inside[n++] = i;
        total += households[i];
      }
    }
    if (parts > n) {
      throw new IllegalArgumentException(
          "parts (" + parts + ") exceeds the number of addresses inside the grid (" + n + ")");
    }
    if (total == 0) {
      throw new IllegalArgumentException("there are no households inside the grid");
    }
    Bisection bisection = new Bisection(metric, lons, lats, households);
    List<Geometry> leaves = new ArrayList<>();
    bisection.split(region, Arrays.copyOf(inside, n), parts, leaves);
    List<Polygon> polygons = singlePolygons(leaves, metric);
    polygons = GridNumbering.sort(polygons);
    int[] counts = new int[polygons.size()];
    List<IndexedPointInAreaLocator> locators =
        polygons.stream().map(IndexedPointInAreaLocator::new).toList();
    for (int j = 0; j < n; j++) {
      int i = inside[j];
      Coordinate c = new Coordinate(lons[i], lats[i]);
      for (int p = 0; p < locators.size(); p++) {
        if (locators.get(p).locate(c) != Location.EXTERIOR) {
          counts[p] += households[i];
          break;
        }
      }
    }
    int max = Arrays.stream(counts).max().orElse(0);
    int min = Arrays.stream(counts).min().orElse(0);
    double mean = (double) total / parts;
    return new BalancedSplit(polygons, counts, (max - min) / mean);
  }

  /** Recursive weighted bisection; points are indexes into the address arrays. */
  private record Bisection(LocalMetres metric, double[] lons, double[] lats, int[] households) {

    void split(Geometry region, int[] points, int k, List<Geometry> out) {
      if (k == 1) {
        out.add(region);
        return;
      }
      Envelope extent = metric.toMetres(region).getEnvelopeInternal();
      boolean alongX = extent.getWidth() >= extent.getHeight();
      Cut cut = cut(points, k, alongX);
      if (cut == null) {
        alongX = !alongX;
        cut = cut(points, k, alongX);
      }
      if (cut == null) {
        throw new IllegalArgumentException(
            "the addresses lie too close together to split the grid into " + k + " parts");
      }
      double margin = 10;
      Coordinate[] ends =
          alongX
              ? new Coordinate[] {
                new Coordinate(metric.lon(cut.at()), metric.lat(extent.getMinY() - margin)),
                new Coordinate(metric.lon(cut.at()), metric.lat(extent.getMaxY() + margin))
              }
              : new Coordinate[] {
                new Coordinate(metric.lon(extent.getMinX() - margin), metric.lat(cut.at())),
                new Coordinate(metric.lon(extent.getMaxX() + margin), metric.lat(cut.at()))
              };
      LineString line = Wgs84.FACTORY.createLineString(ends);
      List<Polygon> first = new ArrayList<>();
      List<Polygon> second = new ArrayList<>();
      for (Polygon face : facesInside(region, List.of(region.getBoundary(), line))) {
        Coordinate p = face.getInteriorPoint().getCoordinate();
        double along = alongX ? metric.x(p.x) : metric.y(p.y);
        (along < cut.at() ? first : second).add(face);
      }
      int k1 = k / 2;
      split(dissolveFaces(first), cut.first(), k1, out);
      split(dissolveFaces(second), cut.second(), k - k1, out);
    }

    private record Cut(double at, int[] first, int[] second) {}

    private Cut cut(int[] points, int k, boolean alongX) {
      int n = points.length;
      double[] along = new double[n];
      Integer[] order = new Integer[n];
      for (int j = 0; j < n; j++) {
        int i = points[j];
        along[j] = alongX ? metric.x(lons[i]) : metric.y(lats[i]);
        order[j] = j;
      }
      Arrays.sort(order, Comparator.comparingDouble(j -> along[j]));
      long total = 0;
      for (int i : points) {
        total += households[i];
      }
      int k1 = k / 2;
      double target = (double) total * k1 / k;
      long cumulative = 0;
      int best = -1;
      double bestError = Double.POSITIVE_INFINITY;
      for (int m = 1; m < n; m++) {
        cumulative += households[points[order[m - 1]]];
        if (m < k1 || n - m < k - k1 || along[order[m]] <= along[order[m - 1]]) {
          continue;
        }
        double error = Math.abs(cumulative - target);
        if (error < bestError) {
          bestError = error;
          best = m;
        }
      }
      if (best < 0) {
        return null;
      }
      double at = (along[order[best - 1]] + along[order[best]]) / 2;
      int[] first = new int[best];
      int[] second = new int[n - best];
      for (int m = 0; m < n; m++) {
        int i = points[order[m]];
        if (m < best) {
          first[m] = i;
        } else {
          second[m - best] = i;
        }
      }
      return new Cut(at, first, second);
    }
  }

  /**
   * The leaves made to share vertices, each reduced to one polygon: smaller pieces of a leaf go to
   * the leaf they share the longest edge with.
   */
  private static List<Polygon> singlePolygons(List<Geometry> leaves, LocalMetres metric) {
    Map<Integer, Geometry> byIndex = new LinkedHashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      byIndex.put(i, leaves.get(i));
    }
    Map<Integer, Geometry> shared = shareVertices(byIndex);
    List<Geometry> current = new ArrayList<>(shared.values());
    for (int i = 0; i < current.size(); i++) {
      Geometry leaf = current.get(i);
      if (leaf.getNumGeometries() == 1) {
        continue;
      }
      int main = 0;
      for (int g = 1; g < leaf.getNumGeometries(); g++) {
        if (leaf.getGeometryN(g).getArea() > leaf.getGeometryN(main).getArea()) {
          main = g;
        }
      }
      for (int g = 0; g < leaf.getNumGeometries(); g++) {
        if (g == main) {
          continue;
        }
        Geometry piece = leaf.getGeometryN(g);
        int best = -1;
        double bestMetres = 0;
        for (int j = 0; j < current.size(); j++) {
          if (j != i) {
            double metres = sharedEdgeMetres(piece, current.get(j), metric);
            if (metres > bestMetres) {
              best = j;
              bestMetres = metres;
            }
          }
        }
        if (best < 0) {
          throw new IllegalArgumentException(
              "the grid's shape cannot be cut into " + leaves.size() + " single polygons: split it by hand");
        }
        current.set(best, dissolve(List.of(current.get(best), piece)));
      }
      current.set(i, leaf.getGeometryN(main));
    }
    Map<Integer, Geometry> again = new LinkedHashMap<>();
    for (int i = 0; i < current.size(); i++) {
      again.put(i, current.get(i));
    }
    List<Polygon> result = new ArrayList<>();
    for (Geometry g : shareVertices(again).values()) {
      result.add((Polygon) g.getGeometryN(0));
    }
    return result;
  }

  // ---------------------------------------------------------------- shared vertices

  /**
   * Whether {@code after} is {@code before} with at most some vertices inserted on its edges (what
   * {@link #shareVertices} does to a neighbour): every vertex of {@code before} is a vertex of
   * {@code after}, every other vertex of {@code after} lies within {@link #ON_EDGE_METRES} of
   * {@code before}'s boundary, and the areas agree to a relative 1e-9.
   *
   * @param before a grid (Polygon or MultiPolygon, lon/lat)
   * @param after the same grid after an edit
   */
  public static boolean sameShape(Geometry before, Geometry after) {
    if (before.equalsExact(after)) {
      return true;
    }
    if (after.getNumPoints() < before.getNumPoints()
        || !before.getEnvelopeInternal().equals(after.getEnvelopeInternal())
        || Math.abs(before.getArea() - after.getArea()) > 1e-9 * before.getArea()) {
      return false;
    }
    Set<Coordinate> vertices = new HashSet<>(Arrays.asList(after.getCoordinates()));
    for (Coordinate c : before.getCoordinates()) {
      if (!vertices.contains(c)) {
        return false;
      }
    }
    Set<Coordinate> old = new HashSet<>(Arrays.asList(before.getCoordinates()));
    double eps = LocalMetres.around(before).degrees(ON_EDGE_METRES);
    Geometry edges = before.getBoundary();
    for (Coordinate c : after.getCoordinates()) {
      if (!old.contains(c) && !edges.isWithinDistance(before.getFactory().createPoint(c), eps)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Makes grids that touch share their vertices: every vertex of one grid that lies on an edge of
   * another (within {@link #ON_EDGE_METRES}) but is not a vertex of it is inserted into that edge.
   * Call it on a plan's grids after an edit, so the neighbours of an edited grid gain the new
   * vertices where a cut ended on their common edge. Inserting a vertex that lies on an edge
   * changes no area beyond rounding.
   *
   * @param grids key → grid (Polygon or MultiPolygon, lon/lat)
   * @return the same keys in the same iteration order; a grid that needs no new vertex is returned
   *     as the same instance
   */
  public static <K> Map<K, Geometry> shareVertices(Map<K, ? extends Geometry> grids) {
    STRtree vertices = new STRtree();
    for (Geometry g : grids.values()) {
      for (Coordinate c : g.getCoordinates()) {
        vertices.insert(new Envelope(c), c);
      }
    }
    double eps = LocalMetres.around(union(new ArrayList<>(grids.values()))).degrees(ON_EDGE_METRES);
    Map<K, Geometry> result = new LinkedHashMap<>();
    grids.forEach((key, g) -> result.put(key, withVerticesOn(g, vertices, eps)));
    return result;
  }

  private static Geometry withVerticesOn(Geometry g, STRtree vertices, double eps) {
    List<Polygon> polygons = new ArrayList<>();
    boolean changed = false;
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Polygon p = (Polygon) g.getGeometryN(i);
      LinearRing shell = withVerticesOn(p.getExteriorRing(), vertices, eps);
      changed |= shell != p.getExteriorRing();
      LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
      for (int h = 0; h < holes.length; h++) {
        holes[h] = withVerticesOn(p.getInteriorRingN(h), vertices, eps);
        changed |= holes[h] != p.getInteriorRingN(h);
      }
      polygons.add(Wgs84.FACTORY.createPolygon(shell, holes));
    }
    if (!changed) {
      return g;
    }
    return g instanceof Polygon
        ? polygons.getFirst()
        : Wgs84.FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
  }

  private static LinearRing withVerticesOn(LinearRing ring, STRtree vertices, double eps) {
    Coordinate[] pts = ring.getCoordinates();
    CoordinateList out = new CoordinateList();
    boolean changed = false;
    for (int i = 0; i + 1 < pts.length; i++) {
      Coordinate p0 = pts[i];
      Coordinate p1 = pts[i + 1];
      out.add(p0, false);
      LineSegment seg = new LineSegment(p0, p1);
      Envelope env = new Envelope(p0, p1);
      env.expandBy(eps);
      List<Coordinate> on = new ArrayList<>();
      for (Object o : vertices.query(env)) {
        Coordinate c = (Coordinate) o;
        if (!c.equals2D(p0) && !c.equals2D(p1) && seg.distance(c) <= eps) {
          double f = seg.projectionFactor(c);
          if (f > 0 && f < 1) {
            on.add(c);
          }
        }
      }
      if (!on.isEmpty()) {
        on.sort(Comparator.comparingDouble(seg::projectionFactor));
        for (Coordinate c : on) {
          out.add(new Coordinate(c), false);
        }
        changed = true;
      }
    }
    out.add(pts[pts.length - 1], false);
    if (!changed) {
      return ring;
    }
    out.closeRing();
    return Wgs84.FACTORY.createLinearRing(out.toCoordinateArray());
  }

  // ---------------------------------------------------------------- helpers

  /** Nodes the linework once and returns the faces whose interior lies inside {@code area}. */
  static List<Polygon> facesInside(Geometry area, List<Geometry> linework) {
    IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(area);
    List<Polygon> result = new ArrayList<>();
    for (Polygon face : faces(linework)) {
      if (inside.locate(face.getInteriorPoint().getCoordinate()) == Location.INTERIOR) {
        result.add(face);
      }
    }
    return result;
  }

  /** All faces of the noded linework. */
  @SuppressWarnings("unchecked")
  static List<Polygon> faces(List<Geometry> linework) {
    List<Geometry> lines = new ArrayList<>();
    for (Geometry g : linework) {
      for (int i = 0; i < g.getNumGeometries(); i++) {
        lines.add(Wgs84.FACTORY.createGeometry(g.getGeometryN(i)));
      }
    }
    Geometry noded =
        OverlayNGRobust.union(Wgs84.FACTORY.createGeometryCollection(lines.toArray(Geometry[]::new)));
    Polygonizer polygonizer = new Polygonizer();
    polygonizer.add(noded);
    return new ArrayList<>((Collection<Polygon>) polygonizer.getPolygons());
  }

  /** The union of faces (or grids) that share their vertices exactly: inner edges dissolved. */
  static Geometry dissolveFaces(List<? extends Geometry> faces) {
    Geometry union = CoverageUnion.union(faces.toArray(Geometry[]::new));
    return Wgs84.FACTORY.createGeometry(union);
  }

  /** The union of arbitrary grids, noded first so that it does not depend on matching vertices. */
  static Geometry dissolve(List<? extends Geometry> grids) {
    List<Geometry> linework = new ArrayList<>();
    grids.forEach(g -> linework.add(g.getBoundary()));
    return dissolveFaces(facesInside(union(grids), linework));
  }

  /** A plain union for decisions (never for results). */
  static Geometry union(List<? extends Geometry> geometries) {
    return OverlayNGRobust.union(
        Wgs84.FACTORY.createGeometryCollection(
            geometries.stream().map(Wgs84.FACTORY::createGeometry).toArray(Geometry[]::new)));
  }

  static double overlapArea(Geometry a, Geometry b) {
    if (!a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) {
      return 0;
    }
    return OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION).getArea();
  }

  /** Length in metres of the boundary of {@code a} lying within 1 mm of {@code b}. */
  static double sharedEdgeMetres(Geometry a, Geometry b, LocalMetres metric) {
    double eps = metric.degrees(0.001);
    Envelope ea = a.getEnvelopeInternal().copy();
    ea.expandBy(eps * 2);
    if (!ea.intersects(b.getEnvelopeInternal()) || a.distance(b) > eps) {
      return 0;
    }
    Geometry am = metric.toMetres(a);
    Geometry bm = metric.toMetres(b);
    return OverlayNGRobust.overlay(am.getBoundary(), bm.buffer(0.001), OverlayNG.INTERSECTION)
        .getLength();
  }

  private static void requireConnected(List<? extends Geometry> grids, LocalMetres metric) {
    int n = grids.size();
    boolean[] reached = new boolean[n];
    reached[0] = true;
    ArrayList<Integer> queue = new ArrayList<>(List.of(0));
    while (!queue.isEmpty()) {
      int i = queue.removeLast();
      for (int j = 0; j < n; j++) {
        if (!reached[j]
            && sharedEdgeMetres(grids.get(i), grids.get(j), metric) >= MIN_SHARED_EDGE_METRES) {
          reached[j] = true;
          queue.add(j);
        }
      }
    }
    for (int j = 0; j < n; j++) {
      if (!reached[j]) {
        throw new IllegalArgumentException(
            "the grids are not adjacent: grid "
                + (j + 1)
                + " shares no edge with the others (touching at a corner is not enough)");
      }
    }
  }

  static void requirePolygonal(Geometry g, String what) {
    if (g == null || g.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (!(g instanceof Polygonal)) {
      throw new IllegalArgumentException(
          what + " must be a Polygon or MultiPolygon, not a " + g.getGeometryType());
    }
    for (Coordinate c : g.getCoordinates()) {
      if (!Wgs84.isValidLonLat(c.x, c.y)) {
        throw new IllegalArgumentException(what + " has a vertex outside lon/lat range: " + c);
      }
    }
    TopologyValidationError error = new IsValidOp(g).getValidationError();
    if (error != null) {
      throw new IllegalArgumentException(
          what
              + " is not a valid polygon: "
              + error.getMessage()
              + " at "
              + error.getCoordinate().x
              + " "
              + error.getCoordinate().y);
    }
  }

  private static void requireLine(LineString line) {
    if (line == null || line.isEmpty() || line.getNumPoints() < 2 || line.getLength() == 0) {
      throw new IllegalArgumentException("the line needs at least two distinct points");
    }
    for (Coordinate c : line.getCoordinates()) {
      if (!Wgs84.isValidLonLat(c.x, c.y)) {
        throw new IllegalArgumentException("the line has a point outside lon/lat range: " + c);
      }
    }
  }

  /** The line snapped to the grid's vertices and extended at both ends. */
  private static LineString prepareLine(LineString line, Geometry grid, LocalMetres metric) {
    double tolerance = metric.degrees(SNAP_TOLERANCE_METRES);
    Geometry snapped = new GeometrySnapper(Wgs84.FACTORY.createGeometry(line)).snapTo(grid, tolerance);
    Coordinate[] pts = snapped.getCoordinates();
    if (pts.length < 2) {
      pts = line.getCoordinates();
    }
    pts = pts.clone();
    pts[0] = extended(pts[0], pts[1], metric);
    pts[pts.length - 1] = extended(pts[pts.length - 1], pts[pts.length - 2], metric);
    return Wgs84.FACTORY.createLineString(pts);
  }

  /** {@code end} moved away from {@code before} by the snap tolerance. */
  private static Coordinate extended(Coordinate end, Coordinate before, LocalMetres metric) {
    double dx = metric.x(end.x) - metric.x(before.x);
    double dy = metric.y(end.y) - metric.y(before.y);
    double length = Math.hypot(dx, dy);
    if (length == 0) {
      return end;
    }
    double f = SNAP_TOLERANCE_METRES / length;
    return new Coordinate(
        metric.lon(metric.x(end.x) + dx * f), metric.lat(metric.y(end.y) + dy * f));
  }

  private static void requireMinimumArea(List<? extends Geometry> parts, LocalMetres metric) {
    for (Geometry part : parts) {
      double m2 = metric.squareMetres(part);
      if (m2 < MIN_PART_SQUARE_METRES) {
        throw new IllegalArgumentException(
            String.format(
                "the line cuts off a piece of only %.2f m² (at least %.0f m²): draw it clear of"
                    + " the corner",
                m2, MIN_PART_SQUARE_METRES));
      }
    }
  }
}
