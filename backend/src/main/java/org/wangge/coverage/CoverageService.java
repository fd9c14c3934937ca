package org.wangge.coverage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.address.Geocoder;
import org.wangge.area.GridLocator;
import org.wangge.area.GridMatch;
import org.wangge.coverage.CoverageReport.AreaScore;
import org.wangge.coverage.CoverageReport.Kind;
import org.wangge.coverage.CoverageReport.LevelScore;
import org.wangge.coverage.CoverageReport.Problem;
import org.wangge.gisdata.crs.LocalMetres;
import org.wangge.gisdata.grid.GridIndex;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.security.Jurisdiction;
import org.wangge.web.NotFoundException;

/**
 * Makes the coverage report of an area ({@link CoverageReport}): every level below it checked with
 * {@link CoverageCheck} (each parent against its children, in parallel), its addresses located in
 * the grids, and the staffing and load of its grids.
 *
 * <p><b>Addresses</b> come from the geocoder's in-memory snapshot ({@link Geocoder#forEachPoint})
 * and are located in one {@link GridLocator#snapshot() snapshot} of the in-memory grid locator: no
 * per-address SQL, no table scan. A point inside the area that no current grid covers is
 * ADDRESS_IN_NO_GRID (grouped by the smallest area of the subtree that holds it). A point can only
 * lie in two grids where grids overlap or a grid leaves its parent, so only points located in such
 * a grid (or in a grid of an area that overlaps or leaves its own parent) are asked for every grid
 * holding them inside; two or more grids of the subtree holding the point in their interior make
 * it ADDRESS_IN_SEVERAL_GRIDS (grouped by those grids). A grid's households are those of the
 * addresses the locator routes to it: a point on an edge or vertex shared by several grids goes to
 * the lowest code ({@link org.wangge.gisdata.grid.GridIndex}'s rule, as for cases), so an address on
 * the outline of the area that the rule gives to a neighbouring area's grid is that area's.
 *
 * <p><b>Staffing and load</b>: a grid's members are those serving its code ({@code member_grid}),
 * judged by the one {@link StaffingRule} (NO_LEADER, NO_FULL_TIME_MEMBER, OVERLOADED, UNDERLOADED;
 * plans use the same rule). An address problem
 * is HIGH. A non-grid area without any child is one GAP (its whole area).
 *
 * <p>Jurisdiction: an area outside the caller's subtree answers like a missing one (404).
 * Thread-safe.
 */
@Service
@Transactional(readOnly = true)
public class CoverageService {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CoverageService.class);
  private static final List<AreaLevel> LEVELS = List.of(AreaLevel.values());

  private final JdbcTemplate jdbc;
  private final GridLocator gridLocator;
  private final Geocoder geocoder;
  private final CoverageProperties properties;
  private final CoverageCheck check;
  private final StaffingRule staffingRule;

  CoverageService(
      JdbcTemplate jdbc, GridLocator gridLocator, Geocoder geocoder, CoverageProperties properties, StaffingRule staffingRule) {
    this.jdbc = jdbc;
    this.staffingRule = staffingRule;
    this.gridLocator = gridLocator;
    this.geocoder = geocoder;
    this.properties = properties;
    this.check = CoverageCheck.withTolerances(properties.toleranceMetres(), properties.sliverWidthMetres());
  }

  /** The report of an area and everything below it. */
  public CoverageReport report(String areaCode, Jurisdiction jurisdiction) {
    return report(areaCode, null, jurisdiction);
  }

  /**
   * The report of an area, its problems limited to one level (scores and counts of areas are
   * always of the whole subtree; {@code counts} are of the problems listed).
   *
   * @param level the level whose problems to list, or {@code null} for all
   * @throws NotFoundException when no current area has that code or it lies outside the
   *     jurisdiction
   */
  public CoverageReport report(String areaCode, AreaLevel level, Jurisdiction jurisdiction) {
    if (areaCode == null || !jurisdiction.covers(areaCode)) {
      throw new NotFoundException("No area " + areaCode);
    }
    Instant checkedAt = Instant.now();
    long t0 = System.nanoTime();
    Tree tree = load(areaCode);
    long t1 = System.nanoTime();
    Node root = tree.byCode.get(areaCode);
    if (root == null) {
      throw new NotFoundException("No area " + areaCode);
    }
    List<Draft> drafts = new ArrayList<>(geometryProblems(tree));
    long t2 = System.nanoTime();
    Counts counts = addresses(tree, root, drafts);
    long t3 = System.nanoTime();
    List<CoverageReport.GridStaffing> gridStaffing = new ArrayList<>();
    List<CoverageReport.GridLoad> loads = staffing(tree, areaCode, counts, drafts, gridStaffing);
    long t4 = System.nanoTime();
    log.debug("Coverage of {}: {} areas read in {} ms, checked in {} ms, addresses {} ms, staffing {} ms",
        areaCode, tree.byCode.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);

    drafts.sort(
        Comparator.comparing((Draft d) -> d.severity)
            .thenComparing(d -> d.kind)
            .thenComparing(d -> d.codes.isEmpty() ? d.parentCode : d.codes.getFirst())
            .thenComparing(d -> String.join(",", d.codes)));

    // Scores over every problem, whatever the level filter.
    Map<String, Integer> penalties = new HashMap<>();
    Map<String, Integer> problemsBelow = new HashMap<>();
    for (Draft d : drafts) {
      int penalty =
          switch (d.severity) {
            case HIGH -> CoverageReport.HIGH_PENALTY;
            case MEDIUM -> CoverageReport.MEDIUM_PENALTY;
            case LOW -> CoverageReport.LOW_PENALTY;
          };
      List<String> concerned = d.kind == Kind.GAP || d.kind == Kind.ADDRESS_IN_NO_GRID ? List.of(d.parentCode) : d.codes;
      Set<String> counted = new HashSet<>();
      for (String code : concerned) {
        penalties.merge(code, penalty, Integer::sum);
        for (Node n = tree.byCode.get(code); n != null && counted.add(n.code); n = tree.byCode.get(n.parentCode)) {
          problemsBelow.merge(n.code, 1, Integer::sum);
        }
      }
    }
    Map<String, Double> scores = new HashMap<>();
    score(root, penalties, scores);

    List<AreaScore> areas = new ArrayList<>();
    areas.add(areaScore(root, scores, problemsBelow));
    tree.byCode.values().stream()
        .filter(n -> n != root)
        .sorted(Comparator.comparing((Node n) -> n.code))
        .forEach(n -> areas.add(areaScore(n, scores, problemsBelow)));

    Map<AreaLevel, List<Node>> byLevel = new EnumMap<>(AreaLevel.class);
    tree.byCode.values().stream().filter(n -> n != root).forEach(n -> byLevel.computeIfAbsent(n.level, x -> new ArrayList<>()).add(n));
    Map<AreaLevel, Integer> problemsOfLevel = new EnumMap<>(AreaLevel.class);
    drafts.forEach(d -> problemsOfLevel.merge(d.level, 1, Integer::sum));
    List<LevelScore> levels = new ArrayList<>();
    for (AreaLevel l : LEVELS) {
      if (l.ordinal() <= root.level.ordinal()) {
        continue;
      }
      List<Node> nodes = byLevel.getOrDefault(l, List.of());
      double mean = nodes.stream().mapToDouble(n -> scores.get(n.code)).average().orElse(100);
      levels.add(new LevelScore(l.name(), nodes.size(), problemsOfLevel.getOrDefault(l, 0), round(mean)));
    }

    List<Draft> listed = level == null ? drafts : drafts.stream().filter(d -> d.level == level).toList();
    Map<Kind, Integer> rank = new EnumMap<>(Kind.class);
    List<Problem> problems = new ArrayList<>(listed.size());
    for (Draft d : listed) {
      int n = rank.merge(d.kind, 1, Integer::sum);
      problems.add(d.toProblem(d.kind.name() + "-" + n, tree));
    }
    Map<String, Integer> countsByKind = new LinkedHashMap<>();
    for (Kind k : Kind.values()) {
      countsByKind.put(k.name(), 0);
    }
    listed.forEach(d -> countsByKind.merge(d.kind.name(), 1, Integer::sum));

    List<CoverageReport.GridLoad> most =
        loads.stream()
            .sorted(Comparator.comparingDouble(CoverageReport.GridLoad::householdsPerFullTimeMember).reversed()
                .thenComparing(CoverageReport.GridLoad::code))
            .limit(5)
            .toList();
    List<CoverageReport.GridLoad> least =
        loads.stream()
            .sorted(Comparator.comparingDouble(CoverageReport.GridLoad::householdsPerFullTimeMember)
                .thenComparing(CoverageReport.GridLoad::code))
            .limit(5)
            .toList();
    return new CoverageReport(
        new CoverageReport.AreaRef(root.code, root.name, root.level.name()),
        checkedAt,
        new CoverageReport.Norm(staffingRule.norm(), staffingRule.underloadFraction()),
        round(scores.get(root.code)),
        levels,
        areas,
        countsByKind,
        problems,
        new CoverageReport.Load(loads.size(), most, least, gridStaffing),
        CoverageReport.Scoring.RULE);
  }

  // --- the area tree ---------------------------------------------------------------------------

  /** One current area of the subtree. */
  static final class Node {
    final String code;
    final String name;
    final AreaLevel level;
    final String parentCode;
    final Geometry boundary;
    final List<Node> children = new ArrayList<>();

    Node(String code, String name, AreaLevel level, String parentCode, Geometry boundary) {
      this.code = code;
      this.name = name;
      this.level = level;
      this.parentCode = parentCode;
      this.boundary = boundary;
    }
  }

  record Tree(Map<String, Node> byCode, List<Node> grids) {}

  private Tree load(String areaCode) {
    Map<String, Node> byCode = new HashMap<>();
    WKBReader wkb = new WKBReader(LocalMetres.LON_LAT);
    jdbc.query(
        """
        SELECT code, name, level, parent_code, ST_AsBinary(boundary) FROM area
        WHERE valid_to IS NULL AND code LIKE ?""",
        rs -> {
          Geometry boundary;
          try {
            boundary = wkb.read(rs.getBytes(5));
          } catch (ParseException e) {
            throw new IllegalStateException("Unreadable boundary of area " + rs.getString(1), e);
          }
          boundary.setSRID(4326);
          Node n = new Node(rs.getString(1), rs.getString(2), AreaLevel.valueOf(rs.getString(3)), rs.getString(4), boundary);
          byCode.put(n.code, n);
        },
        areaCode + "%");
    List<Node> grids = new ArrayList<>();
    for (Node n : byCode.values()) {
      Node parent = n.code.equals(areaCode) ? null : byCode.get(n.parentCode);
      if (parent != null) {
        parent.children.add(n);
      }
      if (n.level == AreaLevel.GRID) {
        grids.add(n);
      }
    }
    grids.sort(Comparator.comparing(n -> n.code));
    return new Tree(byCode, grids);
  }

  // --- geometry ----------------------------------------------------------------------------------

  private List<Draft> geometryProblems(Tree tree) {
    List<Node> parents = tree.byCode.values().stream().filter(n -> n.level != AreaLevel.GRID).toList();
    return parents.parallelStream()
        .flatMap(
            parent -> {
              AreaLevel childLevel = parent.level.child();
              if (parent.children.isEmpty()) {
                double area = LocalMetres.around(parent.boundary.getEnvelopeInternal()).squareMetres(parent.boundary);
                Draft d = new Draft(Kind.GAP, severityBySize(area), childLevel, parent.code, List.of(),
                    String.format(Locale.ROOT, "%s has no %s: all of its %.1f m² lie in none", parent.code,
                        childLevel.name().toLowerCase(Locale.ROOT), area));
                d.area = area;
                d.geometry = parent.boundary;
                return java.util.stream.Stream.of(d);
              }
              Map<String, Geometry> children = new TreeMap<>();
              parent.children.forEach(c -> children.put(c.code, c.boundary));
              return check.check(parent.boundary, children).stream()
                  .map(
                      p -> {
                        Draft d = new Draft(Kind.valueOf(p.kind().name()), p.severity(), childLevel, parent.code, p.codes(), p.message());
                        d.area = p.areaSquareMetres();
                        d.geometry = p.geometry();
                        return d;
                      });
            })
        .toList();
  }

  private static CoverageProblem.Severity severityBySize(double area) {
    if (area >= CoverageCheck.HIGH_AREA_SQUARE_METRES) {
      return CoverageProblem.Severity.HIGH;
    }
    return area >= CoverageCheck.MEDIUM_AREA_SQUARE_METRES ? CoverageProblem.Severity.MEDIUM : CoverageProblem.Severity.LOW;
  }

  // --- addresses ---------------------------------------------------------------------------------

  /** Addresses and households per grid of the subtree, by the grid's index in {@code tree.grids}. */
  record Counts(long[] addresses, long[] households) {}

  private Counts addresses(Tree tree, Node root, List<Draft> drafts) {
    int gridCount = tree.grids.size();
    Map<String, Integer> gridIndex = new HashMap<>(gridCount * 2);
    for (int i = 0; i < gridCount; i++) {
      gridIndex.put(tree.grids.get(i).code, i);
    }
    // Grids that may share points with another grid: those in an overlap, leaving their parent or
    // invalid, and every grid below an area that is.
    Set<String> suspectAreas = new HashSet<>();
    for (Draft d : drafts) {
      if (d.kind == Kind.OVERLAP || d.kind == Kind.NOT_NESTED || d.kind == Kind.INVALID) {
        suspectAreas.addAll(d.codes);
      }
    }
    boolean[] suspect = new boolean[gridCount];
    for (int i = 0; i < gridCount; i++) {
      for (Node n = tree.grids.get(i); n != null; n = tree.byCode.get(n.parentCode)) {
        if (suspectAreas.contains(n.code)) {
          suspect[i] = true;
          break;
        }
        if (n == root) {
          break;
        }
      }
    }
    long[] addresses = new long[gridCount];
    long[] households = new long[gridCount];
    // One snapshot of the current grids for the whole pass: every address is located in the same
    // boundaries, by the one shared-edge rule (the grid locator's, as for cases).
    AddressPlacer placer = new AddressPlacer(gridLocator.snapshot(), gridIndex, suspect, root.boundary);
    List<double[]> noGrid = new ArrayList<>();
    Map<List<String>, List<double[]>> severalGrids = new TreeMap<>(Comparator.comparing(l -> String.join(",", l)));
    List<Integer> holding = new ArrayList<>(2);
    geocoder.forEachPoint(
        (lon, lat, hh) -> {
          int g = placer.place(lon, lat, holding);
          if (g == AddressPlacer.NO_GRID) {
            noGrid.add(new double[] {lon, lat, hh});
          }
          if (g < 0) {
            return;
          }
          addresses[g]++;
          households[g] += hh;
          if (holding.size() > 1) {
            List<String> codes = holding.stream().map(i -> tree.grids.get(i).code).toList();
            severalGrids.computeIfAbsent(codes, x -> new ArrayList<>()).add(new double[] {lon, lat, hh});
          }
        });

    if (!noGrid.isEmpty()) {
      // Group by the smallest area of the subtree holding the point: the deepest level whose
      // areas (one grid index per level, the same shared-edge rule) cover it, else the root.
      List<GridIndex<Node>> levels = new ArrayList<>();
      for (int l = AreaLevel.GRID.ordinal() - 1; l > root.level.ordinal(); l--) {
        AreaLevel level = AreaLevel.values()[l];
        List<Node> areas =
            tree.byCode.values().stream().filter(n -> n.level == level && n.boundary instanceof Polygonal).toList();
        levels.add(GridIndex.of(areas, n -> n.code, n -> n.boundary));
      }
      Map<String, List<double[]>> byArea = new TreeMap<>();
      for (double[] p : noGrid) {
        Node smallest = root;
        for (GridIndex<Node> level : levels) {
          int r = level.locate(p[0], p[1]);
          if (r != GridIndex.NONE) {
            smallest = level.area(r);
            break;
          }
        }
        byArea.computeIfAbsent(smallest.code, x -> new ArrayList<>()).add(p);
      }
      byArea.forEach(
          (code, points) -> {
            long hh = points.stream().mapToLong(p -> (long) p[2]).sum();
            Draft d = new Draft(Kind.ADDRESS_IN_NO_GRID, CoverageProblem.Severity.HIGH, AreaLevel.GRID, code, List.of(),
                String.format(Locale.ROOT, "%d addresses (%d households) of %s lie in no grid", points.size(), hh, code));
            d.households = hh;
            d.addresses = points.size();
            d.geometry = multiPoint(points);
            drafts.add(d);
          });
    }
    severalGrids.forEach(
        (codes, points) -> {
          long hh = points.stream().mapToLong(p -> (long) p[2]).sum();
          Node first = tree.byCode.get(codes.getFirst());
          Draft d = new Draft(Kind.ADDRESS_IN_SEVERAL_GRIDS, CoverageProblem.Severity.HIGH, AreaLevel.GRID, first.parentCode, codes,
              String.format(Locale.ROOT, "%d addresses (%d households) lie in %d grids at once: %s", points.size(), hh, codes.size(),
                  String.join(", ", codes)));
          d.households = hh;
          d.addresses = points.size();
          d.geometry = multiPoint(points);
          drafts.add(d);
        });
    return new Counts(addresses, households);
  }

  /**
   * Places addresses in the grids of a subtree, from one snapshot of the grid locator: the grid the
   * locator's shared-edge rule gives the point, when it is a grid of the subtree. Points in a
   * suspect grid (one that may overlap another) are also asked for every grid of the subtree
   * holding them inside. Not thread-safe (it remembers the last match).
   */
  static final class AddressPlacer {

    /** The point lies in a grid of another area, or outside the subtree's root. */
    static final int OTHER_AREA = -1;

    /** The point lies inside the root and no current grid covers it. */
    static final int NO_GRID = -2;

    private final GridLocator.Snapshot boundaries;
    private final Map<String, Integer> gridIndex;
    private final boolean[] suspect;
    private final Envelope extent;
    private final IndexedPointInAreaLocator inRoot;
    private final Coordinate probe = new Coordinate();
    private GridMatch lastMatch;
    private Integer lastIndex;

    /**
     * @param gridIndex the subtree's grids: code → index
     * @param suspect by index: whether the grid may overlap another
     * @param root the subtree's root boundary, lon/lat
     */
    AddressPlacer(GridLocator.Snapshot boundaries, Map<String, Integer> gridIndex, boolean[] suspect, Geometry root) {
      this.boundaries = boundaries;
      this.gridIndex = gridIndex;
      this.suspect = suspect;
      this.extent = root.getEnvelopeInternal();
      this.inRoot = new IndexedPointInAreaLocator(root);
    }

    /**
     * The index of the subtree's grid the address counts in, or {@link #OTHER_AREA} or {@link
     * #NO_GRID}. {@code holding} is cleared, then, for a point in a suspect grid, filled with the
     * indexes (in code order) of the subtree's grids holding the point inside.
     */
    int place(double lon, double lat, List<Integer> holding) {
      holding.clear();
      if (!extent.contains(lon, lat)) {
        return OTHER_AREA;
      }
      GridMatch match = boundaries.match(lon, lat);
      Integer g;
      if (match != null && match == lastMatch) {
        g = lastIndex; // the geocoder's snapshot is in address-code order: neighbours share a grid
      } else {
        g = match == null ? null : gridIndex.get(match.code());
        lastMatch = match;
        lastIndex = g;
      }
      if (g != null && !suspect[g]) {
        return g;
      }
      if (match == null) {
        probe.x = lon;
        probe.y = lat;
        return inRoot.locate(probe) == Location.EXTERIOR ? OTHER_AREA : NO_GRID;
      }
      for (GridMatch m : boundaries.holdingInside(lon, lat)) {
        Integer i = gridIndex.get(m.code());
        if (i != null) {
          holding.add(i);
        }
      }
      if (g == null) {
        // The rule gives the point to a grid of another area: on the outline it is that area's;
        // inside a grid of this area as well, the two grids overlap across the outline.
        return holding.isEmpty() ? OTHER_AREA : holding.getFirst();
      }
      return g;
    }
  }

  private static Geometry multiPoint(List<double[]> points) {
    Coordinate[] c = points.stream().map(p -> new Coordinate(p[0], p[1])).toArray(Coordinate[]::new);
    return LocalMetres.LON_LAT.createMultiPointFromCoords(c);
  }

  // --- staffing and load -------------------------------------------------------------------------

  private List<CoverageReport.GridLoad> staffing(
      Tree tree, String areaCode, Counts counts, List<Draft> drafts, List<CoverageReport.GridStaffing> grids) {
    // Two plain reads joined here: on H2 a hash join in Java is several times faster than the
    // nested-loop join of the same query in SQL.
    Map<Long, Integer> roleOf = new HashMap<>(); // member id -> 0 leader, 1 full-time
    jdbc.query(
        "SELECT id, role FROM member WHERE role IN ('GRID_LEADER', 'FULL_TIME')",
        rs -> {
          roleOf.put(rs.getLong(1), "GRID_LEADER".equals(rs.getString(2)) ? 0 : 1);
        });
    Map<String, int[]> staff = new HashMap<>(); // grid code -> {leaders, full-time}
    jdbc.query(
        "SELECT member_id, grid_code FROM member_grid WHERE grid_code LIKE ?",
        rs -> {
          Integer role = roleOf.get(rs.getLong(1));
          if (role != null) {
            staff.computeIfAbsent(rs.getString(2), x -> new int[2])[role]++;
          }
        },
        areaCode + "%");
    List<CoverageReport.GridLoad> loads = new ArrayList<>();
    for (int i = 0; i < tree.grids.size(); i++) {
      Node grid = tree.grids.get(i);
      int[] s = staff.getOrDefault(grid.code, new int[2]);
      long hh = counts.households[i];
      long addresses = counts.addresses[i];
      for (StaffingRule.Finding f : staffingRule.check(grid.code, s[0], s[1], hh)) {
        drafts.add(staffDraft(f.kind(), f.severity(), grid, hh, addresses, f.message()));
      }
      grids.add(new CoverageReport.GridStaffing(grid.code, grid.name, hh, addresses, s[0], s[1],
          s[1] == 0 ? null : round((double) hh / s[1])));
      if (s[1] > 0) {
        loads.add(new CoverageReport.GridLoad(grid.code, grid.name, hh, s[1], round((double) hh / s[1])));
      }
    }
    return loads;
  }

  private static Draft staffDraft(Kind kind, CoverageProblem.Severity severity, Node grid, long hh, long addresses, String message) {
    Draft d = new Draft(kind, severity, AreaLevel.GRID, grid.parentCode, List.of(grid.code), message);
    d.households = hh;
    d.addresses = addresses;
    return d;
  }

  // --- scores ------------------------------------------------------------------------------------

  /** Scores of {@code n} and everything below it, unrounded (rounded to 0.1 on output only). */
  private static double score(Node n, Map<String, Integer> penalties, Map<String, Double> scores) {
    double base;
    if (n.children.isEmpty()) {
      base = 100;
    } else {
      double sum = 0;
      for (Node c : n.children) {
        sum += score(c, penalties, scores);
      }
      base = sum / n.children.size();
    }
    double s = Math.max(0, base - penalties.getOrDefault(n.code, 0));
    scores.put(n.code, s);
    return s;
  }

  private static AreaScore areaScore(Node n, Map<String, Double> scores, Map<String, Integer> problemsBelow) {
    return new AreaScore(n.code, n.name, n.level.name(), round(scores.get(n.code)), problemsBelow.getOrDefault(n.code, 0));
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** A problem before it is numbered. */
  private static final class Draft {
    final Kind kind;
    final CoverageProblem.Severity severity;
    final AreaLevel level;
    final String parentCode;
    final List<String> codes;
    final String message;
    double area;
    long households;
    long addresses;
    Geometry geometry;

    Draft(Kind kind, CoverageProblem.Severity severity, AreaLevel level, String parentCode, List<String> codes, String message) {
      this.kind = kind;
      this.severity = severity;
      this.level = level;
      this.parentCode = parentCode;
      this.codes = List.copyOf(codes);
      this.message = message;
    }

    Problem toProblem(String id, Tree tree) {
      Envelope box = new Envelope();
      if (geometry != null && !geometry.isEmpty()) {
        box.expandToInclude(geometry.getEnvelopeInternal());
      } else {
        for (String code : codes) {
          Node n = tree.byCode.get(code);
          if (n != null) {
            box.expandToInclude(n.boundary.getEnvelopeInternal());
          }
        }
        if (box.isNull() && tree.byCode.get(parentCode) != null) {
          box.expandToInclude(tree.byCode.get(parentCode).boundary.getEnvelopeInternal());
        }
      }
      double[] bbox = box.isNull() ? null : new double[] {box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY()};
      return new Problem(id, kind.name(), severity.name(), level.name(), parentCode, codes, message,
          round(area), households, addresses, bbox, geometry);
    }
  }
}
