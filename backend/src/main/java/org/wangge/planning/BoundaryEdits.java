package org.wangge.planning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
    LocalMetric metric = LocalMetric.around(grid);
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
    LocalMetric metric = LocalMetric.around(union(grids));
    requireConnected(grids, metric);
    return dissolve(grids);
  }

  // ---------------------------------------------------------------- shared vertices

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
    double eps = LocalMetric.around(union(new ArrayList<>(grids.values()))).degrees(ON_EDGE_METRES);
    Map<K, Geometry> result = new java.util.LinkedHashMap<>();
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
        on.sort(java.util.Comparator.comparingDouble(seg::projectionFactor));
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
  static double sharedEdgeMetres(Geometry a, Geometry b, LocalMetric metric) {
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

  private static void requireConnected(List<? extends Geometry> grids, LocalMetric metric) {
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
  private static LineString prepareLine(LineString line, Geometry grid, LocalMetric metric) {
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
  private static Coordinate extended(Coordinate end, Coordinate before, LocalMetric metric) {
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

  private static void requireMinimumArea(List<? extends Geometry> parts, LocalMetric metric) {
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
