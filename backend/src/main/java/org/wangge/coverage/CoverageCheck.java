package org.wangge.coverage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.wangge.gisdata.crs.LocalMetres;

/**
 * Checks one parent's children (a polygonal coverage: they should tile the parent without gaps or
 * overlaps) with JTS's coverage tools. Pure JTS, no Spring. Thread-safe (immutable).
 *
 * <p>Input is longitude/latitude (EPSG:4326). All measuring is done in metres, in a local
 * equirectangular projection centred on the parent (or the children) — see {@link LocalMetres};
 * problem geometries are returned in lon/lat.
 *
 * <p><b>What is reported</b> (see {@link CoverageProblem.Kind}):
 *
 * <ul>
 *   <li><b>INVALID</b>: a child that is empty, not polygonal, or not valid by {@link IsValidOp}
 *       (self-intersection, ring problems…), located at the error's coordinate. The rest of the
 *       checks use the child repaired by {@link GeometryFixer}.
 *   <li><b>SLIVER</b>: a polygon part of a child (every part of a multipart child is checked on
 *       its own) whose <em>effective width</em> {@code 2 · area / perimeter} is below the sliver
 *       width ({@value #DEFAULT_SLIVER_WIDTH_METRES} m by default). For a long strip that figure
 *       is its width; for a square it is half the side, so a tiny fragment is a sliver too.
 *   <li><b>OVERLAP</b>: each pair of children whose intersection has more than {@code
 *       tolerance²} m² and is not everywhere narrower than the tolerance (it survives an inward
 *       buffer of half the tolerance). Candidates come from {@link CoverageValidator} (a child with
 *       no invalid edge overlaps nothing) and an STR-tree of the children's envelopes.
 *   <li><b>GAP</b> (only with a parent): each polygon of {@code parent − union(children)} with the
 *       same area and width rule; an unfilled hole of a child is a gap. The union is {@link
 *       CoverageUnion}'s when the coverage is valid, else a robust overlay union. It is skipped
 *       when the coverage is valid, every child lies in the parent and the parent's area exceeds
 *       the children's total by at most tolerance² (then no gap can be larger). {@code codes}
 *       are the children within the tolerance of the gap.
 *   <li><b>NOT_NESTED</b> (only with a parent): the part of a child outside the parent, same rule,
 *       one problem per child.
 * </ul>
 *
 * <p><b>Fast path.</b> When the children plus a frame (a box with the parent cut out) form a valid
 * coverage by {@link CoverageValidator} and the parent's area exceeds the children's total by at
 * most tolerance², none of the overlays below runs: nothing can be reported but INVALID and SLIVER.
 * A coverage generated with exactly shared vertices takes this path.
 *
 * <p>Severity: see {@link CoverageProblem}. Results are sorted by severity, kind, then first code.
 *
 * <p><b>Limits.</b> Mismatched shared edges (neighbours whose common boundary has different
 * vertices, but which neither overlap nor leave a gap above the tolerance) are not reported. The
 * projection's scale error (a few parts in a thousand over a city) applies to every area.
 */
public final class CoverageCheck {

  /** Overlaps, gaps and parts outside narrower than this are ignored (metres). */
  public static final double DEFAULT_TOLERANCE_METRES = 0.5;

  /** A part whose effective width (2·area/perimeter) is below this is a sliver (metres). */
  public static final double DEFAULT_SLIVER_WIDTH_METRES = 5.0;

  /** Area from which a gap, overlap or part outside is {@code HIGH} (m², room for a house). */
  public static final double HIGH_AREA_SQUARE_METRES = 100.0;

  /** Area from which a gap, overlap or part outside is {@code MEDIUM} (m²); below: {@code LOW}. */
  public static final double MEDIUM_AREA_SQUARE_METRES = 1.0;

  private static final CoverageCheck DEFAULT =
      new CoverageCheck(DEFAULT_TOLERANCE_METRES, DEFAULT_SLIVER_WIDTH_METRES);

  private final double toleranceMetres;
  private final double sliverWidthMetres;

  private CoverageCheck(double toleranceMetres, double sliverWidthMetres) {
    if (!(toleranceMetres >= 0) || !(sliverWidthMetres >= 0)) {
      throw new IllegalArgumentException("tolerances must be finite and >= 0");
    }
    this.toleranceMetres = toleranceMetres;
    this.sliverWidthMetres = sliverWidthMetres;
  }

  /** The default tolerances. */
  public static CoverageCheck defaults() {
    return DEFAULT;
  }

  /** A check ignoring gaps, overlaps and parts outside narrower than {@code toleranceMetres}. */
  public static CoverageCheck withToleranceMetres(double toleranceMetres) {
    return new CoverageCheck(toleranceMetres, DEFAULT_SLIVER_WIDTH_METRES);
  }

  /** A check with both tolerances given, in metres. */
  public static CoverageCheck withTolerances(double toleranceMetres, double sliverWidthMetres) {
    return new CoverageCheck(toleranceMetres, sliverWidthMetres);
  }

  public double toleranceMetres() {
    return toleranceMetres;
  }

  public double sliverWidthMetres() {
    return sliverWidthMetres;
  }

  /**
   * Problems of the children of one parent.
   *
   * @param parent the parent's boundary (Polygon or MultiPolygon, lon/lat), or {@code null}: then
   *     no GAP and no NOT_NESTED check
   * @param children code → boundary (Polygon or MultiPolygon, lon/lat); codes in problems are
   *     these keys
   * @return the problems, most severe first; empty for a clean coverage
   */
  public List<CoverageProblem> check(Geometry parent, Map<String, Geometry> children) {
    if (children.isEmpty()) {
      return List.of();
    }
    Map<String, Geometry> sorted = new TreeMap<>(children);
    Envelope extent = new Envelope();
    if (parent != null && !parent.isEmpty()) {
      extent.expandToInclude(parent.getEnvelopeInternal());
    } else {
      sorted.values().stream()
          .filter(g -> g != null && !g.isEmpty())
          .forEach(g -> extent.expandToInclude(g.getEnvelopeInternal()));
    }
    if (extent.isNull()) {
      extent.expandToInclude(0, 0);
    }
    LocalMetres metric = LocalMetres.around(extent);
    double minArea = toleranceMetres * toleranceMetres;
    List<CoverageProblem> problems = new ArrayList<>();

    List<String> codes = new ArrayList<>(sorted.keySet());
    Geometry[] metres = new Geometry[codes.size()];
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i);
      Geometry child = sorted.get(code);
      if (child == null || child.isEmpty()) {
        problems.add(problem(CoverageProblem.Kind.INVALID, CoverageProblem.Severity.HIGH, List.of(code), null, 0,
            code + " has no boundary"));
        continue;
      }
      if (!(child instanceof Polygonal)) {
        problems.add(problem(CoverageProblem.Kind.INVALID, CoverageProblem.Severity.HIGH, List.of(code),
            child.getInteriorPoint(), 0, code + " is a " + child.getGeometryType() + ", not a polygon"));
        continue;
      }
      IsValidOp valid = new IsValidOp(child);
      Geometry usable = child;
      if (!valid.isValid()) {
        TopologyValidationError error = valid.getValidationError();
        Coordinate at = error.getCoordinate();
        problems.add(problem(CoverageProblem.Kind.INVALID, CoverageProblem.Severity.HIGH, List.of(code),
            at == null ? null : LocalMetres.LON_LAT.createPoint(new Coordinate(at.x, at.y)), 0,
            code + " is not a valid polygon: " + error.getMessage()));
        usable = polygonal(GeometryFixer.fix(child));
        if (usable.isEmpty()) {
          continue;
        }
      }
      metres[i] = metric.toMetres(usable);
      for (int p = 0; p < metres[i].getNumGeometries(); p++) {
        Polygon part = (Polygon) metres[i].getGeometryN(p);
        double area = part.getArea();
        double perimeter = part.getLength();
        double width = perimeter == 0 ? 0 : 2 * area / perimeter;
        if (width < sliverWidthMetres) {
          problems.add(problem(CoverageProblem.Kind.SLIVER, CoverageProblem.Severity.MEDIUM, List.of(code),
              metric.toLonLat(part), area,
              String.format(Locale.ROOT, "%s has a thin part: %.1f m wide on average (2·area/perimeter), %.1f m²",
                  code, width, area)));
        }
      }
    }

    List<Integer> present = new ArrayList<>();
    for (int i = 0; i < metres.length; i++) {
      if (metres[i] != null) {
        present.add(i);
      }
    }
    Geometry[] coverage = present.stream().map(i -> metres[i]).toArray(Geometry[]::new);
    boolean withParent = parent != null && !parent.isEmpty() && coverage.length > 0;
    Geometry parentMetres =
        withParent ? metric.toMetres(parent.isValid() ? parent : polygonal(GeometryFixer.fix(parent))) : null;
    if (withParent && tilesExactly(parentMetres, coverage, minArea)) {
      return sorted(problems);
    }
    Geometry[] invalidEdges = CoverageValidator.validate(coverage, toleranceMetres);
    boolean validCoverage = true;
    STRtree tree = new STRtree();
    for (int k = 0; k < coverage.length; k++) {
      if (invalidEdges[k] != null) {
        validCoverage = false;
      }
      tree.insert(coverage[k].getEnvelopeInternal(), k);
    }

    // Overlaps: only children with invalid edges can overlap.
    if (!validCoverage) {
      for (int k = 0; k < coverage.length; k++) {
        if (invalidEdges[k] == null) {
          continue;
        }
        PreparedGeometry a = PreparedGeometryFactory.prepare(coverage[k]);
        for (Object o : tree.query(coverage[k].getEnvelopeInternal())) {
          int j = (Integer) o;
          boolean pairSeenFromJ = invalidEdges[j] != null && j < k;
          if (j == k || pairSeenFromJ || !a.intersects(coverage[j])) {
            continue;
          }
          Geometry shared = polygonal(OverlayNGRobust.overlay(coverage[k], coverage[j], OverlayNG.INTERSECTION));
          double area = shared.getArea();
          if (area > minArea && wide(shared)) {
            String ck = codes.get(present.get(Math.min(k, j)));
            String cj = codes.get(present.get(Math.max(k, j)));
            problems.add(problem(CoverageProblem.Kind.OVERLAP, bySize(area), List.of(ck, cj), metric.toLonLat(shared), area,
                String.format(Locale.ROOT, "%s and %s overlap by %.1f m²", ck, cj, area)));
          }
        }
      }
    }

    if (withParent) {
      PreparedGeometry inside = PreparedGeometryFactory.prepare(parentMetres);
      boolean allNested = true;
      double childrenArea = 0;
      for (int k = 0; k < coverage.length; k++) {
        childrenArea += coverage[k].getArea();
        if (inside.covers(coverage[k])) {
          continue;
        }
        allNested = false;
        Geometry outside = polygonal(OverlayNGRobust.overlay(coverage[k], parentMetres, OverlayNG.DIFFERENCE));
        List<Geometry> kept = new ArrayList<>();
        double area = 0;
        for (int p = 0; p < outside.getNumGeometries(); p++) {
          Geometry part = outside.getGeometryN(p);
          if (part.getArea() > minArea && wide(part)) {
            kept.add(part);
            area += part.getArea();
          }
        }
        if (!kept.isEmpty()) {
          String code = codes.get(present.get(k));
          Geometry where = LocalMetres.LON_LAT.buildGeometry(kept);
          problems.add(problem(CoverageProblem.Kind.NOT_NESTED, bySize(area), List.of(code), metric.toLonLat(where), area,
              String.format(Locale.ROOT, "%.1f m² of %s lie outside its parent", area, code)));
        }
      }
      // Children that neither overlap nor leave the parent cover parent.area − Σ their areas less
      // than the parent: when that is under tolerance², no gap can be above it (the usual case,
      // and it spares the union).
      boolean noGapAboveTolerance = validCoverage && allNested && parentMetres.getArea() - childrenArea <= minArea;
      if (!noGapAboveTolerance) {
        Geometry union =
            validCoverage
                ? CoverageUnion.union(coverage)
                : OverlayNGRobust.union(LocalMetres.LON_LAT.createGeometryCollection(coverage));
        if (!sameShape(union, parentMetres)) {
          Geometry gaps = polygonal(OverlayNGRobust.overlay(parentMetres, union, OverlayNG.DIFFERENCE));
          for (int p = 0; p < gaps.getNumGeometries(); p++) {
            Geometry gap = gaps.getGeometryN(p);
            double area = gap.getArea();
            if (area <= minArea || !wide(gap)) {
              continue;
            }
            Envelope near = new Envelope(gap.getEnvelopeInternal());
            near.expandBy(toleranceMetres);
            List<String> neighbours = new ArrayList<>();
            for (Object o : tree.query(near)) {
              int k = (Integer) o;
              if (coverage[k].isWithinDistance(gap, toleranceMetres)) {
                neighbours.add(codes.get(present.get(k)));
              }
            }
            neighbours.sort(Comparator.naturalOrder());
            problems.add(problem(CoverageProblem.Kind.GAP, bySize(area), neighbours, metric.toLonLat(gap), area,
                String.format(Locale.ROOT, "%.1f m² of the parent lie in none of its children%s", area,
                    neighbours.isEmpty() ? "" : " (next to " + String.join(", ", neighbours) + ")")));
          }
        }
      }
    }

    return sorted(problems);
  }

  private static List<CoverageProblem> sorted(List<CoverageProblem> problems) {
    problems.sort(
        Comparator.comparing(CoverageProblem::severity)
            .thenComparing(CoverageProblem::kind)
            .thenComparing(p -> p.codes().isEmpty() ? "" : p.codes().getFirst())
            .thenComparing(p -> p.codes().size() > 1 ? p.codes().get(1) : ""));
    return List.copyOf(problems);
  }

  /**
   * The fast path for the usual case: whether the children, together with a frame (a box around
   * everything with the parent cut out of it), form a valid coverage by {@link CoverageValidator}
   * — then no child overlaps another or leaves the parent, and their edges match — and their total
   * area falls short of the parent's by at most {@code minArea} — then no gap can be larger.
   * Cheaper than the overlays of the full check, which runs when this says no.
   */
  private boolean tilesExactly(Geometry parentMetres, Geometry[] coverage, double minArea) {
    if (!(parentMetres instanceof Polygonal) || parentMetres.isEmpty()) {
      return false;
    }
    double childrenArea = 0;
    Envelope box = new Envelope(parentMetres.getEnvelopeInternal());
    for (Geometry c : coverage) {
      childrenArea += c.getArea();
      box.expandToInclude(c.getEnvelopeInternal());
    }
    if (parentMetres.getArea() - childrenArea > minArea) {
      return false;
    }
    box.expandBy(Math.max(1, box.getDiameter() * 0.01));
    var factory = parentMetres.getFactory();
    List<org.locationtech.jts.geom.LinearRing> shells = new ArrayList<>();
    List<Polygon> frameParts = new ArrayList<>();
    for (int p = 0; p < parentMetres.getNumGeometries(); p++) {
      Polygon part = (Polygon) parentMetres.getGeometryN(p);
      shells.add(part.getExteriorRing());
      for (int h = 0; h < part.getNumInteriorRing(); h++) {
        frameParts.add(factory.createPolygon(part.getInteriorRingN(h)));
      }
    }
    org.locationtech.jts.geom.LinearRing outer = ((Polygon) factory.toGeometry(box)).getExteriorRing();
    frameParts.add(factory.createPolygon(outer, shells.toArray(org.locationtech.jts.geom.LinearRing[]::new)));
    Geometry[] framed = java.util.Arrays.copyOf(coverage, coverage.length + 1);
    framed[coverage.length] = factory.buildGeometry(frameParts);
    for (Geometry invalid : CoverageValidator.validate(framed, toleranceMetres)) {
      if (invalid != null) {
        return false;
      }
    }
    return true;
  }

  private static CoverageProblem problem(
      CoverageProblem.Kind kind, CoverageProblem.Severity severity, List<String> codes, Geometry where, double area,
      String message) {
    return new CoverageProblem(kind, severity, codes, where, area, message);
  }

  private static CoverageProblem.Severity bySize(double areaSquareMetres) {
    if (areaSquareMetres >= HIGH_AREA_SQUARE_METRES) {
      return CoverageProblem.Severity.HIGH;
    }
    return areaSquareMetres >= MEDIUM_AREA_SQUARE_METRES ? CoverageProblem.Severity.MEDIUM : CoverageProblem.Severity.LOW;
  }

  /** Whether a metric polygonal geometry is somewhere at least as wide as the tolerance. */
  private boolean wide(Geometry g) {
    return toleranceMetres == 0 || !g.buffer(-toleranceMetres / 2).isEmpty();
  }

  /** The polygons of a geometry (dropping lines and points an overlay may produce), as one geometry. */
  private static Geometry polygonal(Geometry g) {
    if (g instanceof Polygonal) {
      return g;
    }
    List<Polygon> polygons = new ArrayList<>();
    PolygonExtracter.getPolygons(g, polygons);
    return g.getFactory().buildGeometry(polygons);
  }

  /** Whether two polygonal geometries have exactly the same vertices (the usual case, and cheap). */
  private static boolean sameShape(Geometry a, Geometry b) {
    Geometry x = a.getNumGeometries() == 1 ? a.getGeometryN(0) : a;
    Geometry y = b.getNumGeometries() == 1 ? b.getGeometryN(0) : b;
    return x.norm().equalsExact(y.norm());
  }
}
