package org.wangge.gisdata.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.LinearComponentExtracter;

/**
 * The one answer to "which grid holds this point?": an immutable point-in-area index over one level
 * of areas that tile space without overlapping (grids today; communities, streets or districts work
 * the same way), with the shared-edge rule below. The backend's grid locator (routing, {@code
 * /api/locate}), the import, the coverage report, plan impacts and the synthetic-city generator all
 * locate points through this class, so they all give the same grid for the same point. Built once
 * per set of boundaries and replaced as a whole when boundaries change; safe for concurrent
 * lookups; {@link #locate} allocates nothing.
 *
 * <p><b>Shared-edge rule.</b> Areas tile their parent, so a point on an edge or vertex shared by
 * several areas is covered by all of them. It goes to the covering area with the <em>lowest
 * code</em> ({@link String#compareTo}; for codes of equal length made of digits that is numeric
 * order; among equal codes the first given wins). A point strictly inside an area goes to that
 * area. The rule is deterministic and does not depend on index order. Holes belong to no area. A
 * point covered by no area (outside every area, in a hole, NaN) has no match ({@link #NONE}, {@code
 * null}): what happens then is the caller's policy (the backend routes it to the nearest grid within
 * a tolerance, else to the smallest area above the grids that covers it).
 *
 * <p><b>Ranks.</b> Areas are numbered by their rank in code order, 0 to {@link #size()} - 1;
 * {@link #area(int)} gives the area back. Answers are ranks, so hot loops read no objects.
 *
 * <p><b>Design.</b> The extent of all boundaries is cut into about {@value #CELLS_PER_AREA} cells
 * per area (at most {@value #MAX_CELLS} in all), each one of three kinds:
 *
 * <ul>
 *   <li><em>inside</em> one area: no boundary comes near the cell and its centre is inside that
 *       area, so every point of the cell is too. The answer is the area's rank, with no geometry
 *       test.
 *   <li><em>empty</em>: no boundary comes near the cell and no area holds its centre.
 *   <li><em>boundary</em>: some boundary passes through or near the cell. The cell keeps the areas
 *       concerned (in code order) and, for each, only the boundary segments that can cross a ray
 *       from a point of the cell towards +x: those whose latitude range meets the cell's row and
 *       that do not lie wholly west of the cell. Each candidate is tested with JTS's ray-crossing
 *       rule ({@code RayCrossingCounter}, the algorithm of {@code IndexedPointInAreaLocator} and of
 *       prepared {@code covers}), copied here over flat arrays so that the hot path reads
 *       primitives only. Skipped segments cannot change that count, so the answers are exactly
 *       those of {@code IndexedPointInAreaLocator}, including on edges and vertices.
 * </ul>
 *
 * <p>Cells are classified against the cell widened by a margin of a millionth of the cell size
 * (and at least a thousand ulps of the coordinates), so rounding when a point is mapped to its cell
 * can never place it outside the region that was classified; this only makes a few more cells
 * boundary cells. Orientation tests use JTS's robust {@link CGAlgorithmsDD}.
 *
 * <p><b>Limits.</b> Memory grows with the number of boundary cells times the segments each keeps:
 * 4 bytes per cell, 4 bytes per kept segment reference and a 16-byte copy of every vertex. For the
 * generated city of 20,000 grids (12–38 vertices each) that is 320,150 cells of which 141,879 are
 * boundary cells: 1.3 MB of cells, 8.5 MB of candidate lists and 6.3 MB of vertices, about 17 MB,
 * built in about 0.5 s. A layer that is mostly empty (a few areas far apart) wastes cells on the
 * gaps, and one area with very many vertices may keep many segments per cell, which makes lookups
 * near it slower but not wrong. Overlapping areas (an invalid coverage) are still answered: a point
 * inside any area goes to the lowest-code area holding it inside, and {@link #holdingInside} lists
 * every area holding it inside.
 *
 * <p>Coordinates are longitude/latitude (EPSG:4326, or any planar x/y: nothing here measures
 * distance), x = longitude. Areas must be polygonal; empty ones are never matched. Codes must not
 * be null.
 *
 * @param <T> what the caller indexes (a grid row, a generator node, a plan grid); kept as given
 */
public final class GridIndex<T> {

  /** The rank {@link #locate} answers for a point no area covers. */
  public static final int NONE = -1;

  /**
   * Where a point lies.
   *
   * @param rank the rank (in code order) of the area the point goes to
   * @param onBoundary whether the point lies on that area's boundary rather than inside it
   * @param coveringAreas how many areas cover the point: 1 inside an area, 2 or more on a shared
   *     edge or vertex (where the lowest code wins), 1 on an outer edge
   */
  public record Match(int rank, boolean onBoundary, int coveringAreas) {}

  /** Target number of cells per area; more cells make more of them inside cells. */
  static final int CELLS_PER_AREA = 16;

  /** Upper bound on the number of cells, whatever the number of areas. */
  static final int MAX_CELLS = 1 << 22;

  private static final int INTERIOR = 0;
  private static final int BOUNDARY = 1;
  private static final int EXTERIOR = 2;

  /** Cell value of an empty cell; inside cells hold the area's rank, boundary cells -2 - offset. */
  private static final int EMPTY = -1;

  /** Areas in code order; the index of an area in these arrays is its rank. */
  private final List<T> areas;

  private final String[] codes;
  private final Geometry[] boundaries;

  /** The match for a point strictly inside each area (one shared instance per area). */
  private final Match[] insideMatches;

  /** Vertices of all closed rings, interleaved x, y; segment j runs from vertex j to j + 1. */
  private final double[] coords;

  private final double minX;
  private final double minY;
  private final double maxX;
  private final double maxY;
  private final int columns;
  private final int rows;
  private final double columnsPerUnitX;
  private final double rowsPerUnitY;

  /** Per cell (row-major): an area rank (inside), {@link #EMPTY}, or -2 - offset in program. */
  private final int[] cells;

  /**
   * Boundary cells: at each offset, the number of candidates, then per candidate its area rank,
   * its number of segments and the first-vertex index of each segment.
   */
  private final int[] program;

  private final int boundaryCells;

  /**
   * Indexes the areas.
   *
   * @param areas the areas of one level, in any order
   * @param code each area's code (the shared-edge rule's order), not null
   * @param boundary each area's boundary: Polygon or MultiPolygon (or a LinearRing), lon/lat
   * @throws IllegalArgumentException when a boundary is not polygonal
   * @throws NullPointerException when a code or boundary is null
   */
  public static <T> GridIndex<T> of(
      Collection<? extends T> areas,
      Function<? super T, String> code,
      Function<? super T, ? extends Geometry> boundary) {
    return new GridIndex<>(areas, code, boundary);
  }

  private GridIndex(
      Collection<? extends T> input,
      Function<? super T, String> code,
      Function<? super T, ? extends Geometry> boundary) {
    record Entry<A>(A area, String code, Geometry boundary) {}
    List<Entry<T>> entries = new ArrayList<>(input.size());
    for (T area : input) {
      entries.add(
          new Entry<>(
              area,
              Objects.requireNonNull(code.apply(area), "code"),
              Objects.requireNonNull(boundary.apply(area), "boundary")));
    }
    entries.sort(Comparator.comparing(Entry::code)); // stable: equal codes keep their order
    int n = entries.size();
    this.areas = entries.stream().map(Entry::area).toList();
    this.codes = entries.stream().map(Entry::code).toArray(String[]::new);
    this.boundaries = entries.stream().map(Entry::boundary).toArray(Geometry[]::new);

    this.insideMatches = new Match[n];
    for (int g = 0; g < n; g++) {
      insideMatches[g] = new Match(g, false, 1);
    }

    // Flatten every closed ring (the linework IndexedPointInAreaLocator counts crossings on).
    var lines = new ArrayList<List<LineString>>(n);
    int vertices = 0;
    var extent = new Envelope();
    for (int g = 0; g < n; g++) {
      Geometry b = boundaries[g];
      if (!(b instanceof Polygonal || b instanceof LinearRing)) {
        throw new IllegalArgumentException(
            "Boundary of " + codes[g] + " is not polygonal: " + b.getGeometryType());
      }
      List<LineString> rings = new ArrayList<>();
      for (Object component : LinearComponentExtracter.getLines(b)) {
        LineString line = (LineString) component;
        if (line.isClosed()) {
          rings.add(line);
          vertices += line.getNumPoints();
        }
      }
      lines.add(rings);
      if (!b.isEmpty()) {
        extent.expandToInclude(b.getEnvelopeInternal());
      }
    }
    this.coords = new double[2 * vertices];
    int[] segmentStart = new int[n + 1]; // per area, into segments
    int segmentCount = 0;
    for (List<LineString> rings : lines) {
      for (LineString ring : rings) {
        segmentCount += Math.max(0, ring.getNumPoints() - 1);
      }
    }
    int[] segments = new int[segmentCount]; // first-vertex index of each segment, by area
    int v = 0;
    int s = 0;
    for (int g = 0; g < n; g++) {
      segmentStart[g] = s;
      for (LineString ring : lines.get(g)) {
        var seq = ring.getCoordinateSequence();
        int k0 = seq.size();
        for (int k = 0; k < k0; k++) {
          coords[2 * (v + k)] = seq.getX(k);
          coords[2 * (v + k) + 1] = seq.getY(k);
          if (k + 1 < k0) {
            segments[s++] = v + k;
          }
        }
        v += k0;
      }
    }
    segmentStart[n] = s;

    if (extent.isNull()) {
      this.minX = 0;
      this.minY = 0;
      this.maxX = -1; // nothing is inside an inverted extent
      this.maxY = -1;
      this.columns = 1;
      this.rows = 1;
      this.columnsPerUnitX = 0;
      this.rowsPerUnitY = 0;
      this.cells = new int[] {EMPTY};
      this.program = new int[0];
      this.boundaryCells = 0;
      return;
    }
    this.minX = extent.getMinX();
    this.minY = extent.getMinY();
    this.maxX = extent.getMaxX();
    this.maxY = extent.getMaxY();
    double width = extent.getWidth();
    double height = extent.getHeight();
    long target = Math.clamp((long) CELLS_PER_AREA * n, 1, MAX_CELLS);
    int cols;
    int rws;
    if (width > 0 && height > 0) {
      double side = Math.sqrt(width * height / target);
      cols = (int) Math.clamp(Math.ceil(width / side), 1, MAX_CELLS);
      rws = (int) Math.clamp(Math.ceil(height / side), 1, MAX_CELLS / cols);
    } else {
      cols = width > 0 ? (int) target : 1;
      rws = height > 0 ? (int) target : 1;
    }
    this.columns = cols;
    this.rows = rws;
    this.columnsPerUnitX = width > 0 ? cols / width : 0;
    this.rowsPerUnitY = height > 0 ? rws / height : 0;

    var builder = new Builder(segments, segmentStart);
    this.cells = builder.cells;
    this.program = builder.program;
    this.boundaryCells = builder.boundaryCells;
  }

  /** Number of areas indexed. */
  public int size() {
    return codes.length;
  }

  /** The areas in code order (rank order), as given. */
  public List<T> areas() {
    return areas;
  }

  /** The area of a rank. */
  public T area(int rank) {
    return areas.get(rank);
  }

  /** The code of the area of a rank. */
  public String code(int rank) {
    return codes[rank];
  }

  /** The boundary of the area of a rank. */
  public Geometry boundary(int rank) {
    return boundaries[rank];
  }

  /**
   * The rank of the area the point goes to by the shared-edge rule, or {@link #NONE} when no area
   * covers it. Allocates nothing.
   *
   * @param lon longitude (x), degrees
   * @param lat latitude (y), degrees
   */
  public int locate(double lon, double lat) {
    int cell = cellOf(lon, lat);
    if (cell >= 0) {
      return cell;
    }
    if (cell == EMPTY) {
      return NONE;
    }
    return (int) scan(-2 - cell, lon, lat);
  }

  /**
   * Where the point lies: the area it goes to by the shared-edge rule, whether on its boundary, and
   * how many areas cover it; {@code null} when no area covers it. Allocates only for points on a
   * boundary (a point inside an area gets that area's one shared instance).
   */
  public Match match(double lon, double lat) {
    long found = locateWithCount(lon, lat);
    if (found < 0) {
      return null;
    }
    int covering = coveringAreas(found);
    return covering == 0 ? insideMatches[rank(found)] : new Match(rank(found), true, covering);
  }

  /**
   * {@link #match} as one primitive, for hot loops that must not allocate nor follow a pointer:
   * negative when no area covers the point; else the rank of the area it goes to in the low 32 bits
   * ({@link #rank(long)}) and, when the point lies on a boundary, the number of areas covering it
   * in the high 32 bits ({@link #coveringAreas(long)}; 0 for a point strictly inside).
   */
  public long locateWithCount(double lon, double lat) {
    int cell = cellOf(lon, lat);
    if (cell >= 0) {
      return cell;
    }
    if (cell == EMPTY) {
      return -1;
    }
    return scan(-2 - cell, lon, lat);
  }

  /** The rank in a {@link #locateWithCount} answer (which must not be negative). */
  public static int rank(long found) {
    return (int) found;
  }

  /**
   * The number of areas covering the point in a {@link #locateWithCount} answer: 0 when the point
   * lies strictly inside its area, else 1 or more (on a boundary).
   */
  public static int coveringAreas(long found) {
    return (int) (found >>> 32);
  }

  /**
   * The ranks, ascending, of every area holding the point in its interior: one in a valid
   * coverage, several where areas overlap, none on a boundary or outside. For overlap checks, not
   * for hot loops (it allocates).
   */
  public int[] holdingInside(double lon, double lat) {
    int cell = cellOf(lon, lat);
    if (cell >= 0) {
      return new int[] {cell};
    }
    if (cell == EMPTY) {
      return new int[0];
    }
    int[] prog = program;
    int p = -2 - cell;
    int candidates = prog[p++];
    int[] found = new int[candidates];
    int count = 0;
    for (int c = 0; c < candidates; c++) {
      int area = prog[p];
      int segmentCount = prog[p + 1];
      p += 2;
      if (locateInSegments(prog, p, segmentCount, lon, lat) == INTERIOR) {
        found[count++] = area;
      }
      p += segmentCount;
    }
    return Arrays.copyOf(found, count);
  }

  /** The cell value of the point's cell, or {@link #EMPTY} outside the extent (also NaN). */
  private int cellOf(double lon, double lat) {
    if (!(lon >= minX && lon <= maxX && lat >= minY && lat <= maxY)) {
      return EMPTY;
    }
    int column = Math.min((int) ((lon - minX) * columnsPerUnitX), columns - 1);
    int row = Math.min((int) ((lat - minY) * rowsPerUnitY), rows - 1);
    return cells[row * columns + column];
  }

  /**
   * Tests the candidates of a boundary cell: -1 when none covers the point; the rank of the first
   * one holding it inside (high half 0); else the lowest-code covering area's rank with the number
   * of covering areas in the high half.
   */
  private long scan(int offset, double x, double y) {
    int[] prog = program;
    int p = offset;
    int candidates = prog[p++];
    int best = -1;
    int covering = 0;
    for (int c = 0; c < candidates; c++) {
      int area = prog[p];
      int segmentCount = prog[p + 1];
      p += 2;
      int location = locateInSegments(prog, p, segmentCount, x, y);
      p += segmentCount;
      if (location == INTERIOR) {
        return area; // inside one area of a valid coverage: in no other
      }
      if (location == BOUNDARY) {
        covering++;
        if (best < 0) {
          best = area; // candidates are in code order
        }
      }
    }
    return best < 0 ? -1 : ((long) covering << 32) | best;
  }

  /**
   * JTS's {@code RayCrossingCounter} over the given segments: the location of (x, y) relative to
   * the rings they belong to, counting crossings of the ray from the point towards +x.
   */
  private int locateInSegments(int[] refs, int from, int count, double x, double y) {
    double[] xy = coords;
    int crossings = 0;
    for (int i = from, end = from + count; i < end; i++) {
      int j = refs[i] << 1;
      double x1 = xy[j];
      double y1 = xy[j + 1];
      double x2 = xy[j + 2];
      double y2 = xy[j + 3];
      if (x1 < x && x2 < x) {
        continue; // wholly west of the point
      }
      if (x == x2 && y == y2) {
        return BOUNDARY; // on a vertex
      }
      if (y1 == y && y2 == y) { // horizontal, at the point's latitude
        double lo = Math.min(x1, x2);
        double hi = Math.max(x1, x2);
        if (x >= lo && x <= hi) {
          return BOUNDARY;
        }
        continue;
      }
      if ((y1 > y && y2 <= y) || (y2 > y && y1 <= y)) {
        int orientation = CGAlgorithmsDD.orientationIndex(x1, y1, x2, y2, x, y);
        if (orientation == 0) {
          return BOUNDARY;
        }
        if (y2 < y1) {
          orientation = -orientation;
        }
        if (orientation == 1) {
          crossings++;
        }
      }
    }
    return (crossings & 1) == 1 ? INTERIOR : EXTERIOR;
  }

  /** Columns of the cell index (for tests). */
  public int columns() {
    return columns;
  }

  /** Rows of the cell index (for tests). */
  public int rows() {
    return rows;
  }

  /** The extent the cells cut up, or a null envelope when the index is empty (for tests). */
  public Envelope extent() {
    return maxX < minX ? new Envelope() : new Envelope(minX, maxX, minY, maxY);
  }

  /** Approximate heap bytes of the cell index itself (cells, candidates, flattened vertices). */
  public long cellIndexBytes() {
    return 4L * cells.length + 4L * program.length + 8L * coords.length + 32L * codes.length;
  }

  @Override
  public String toString() {
    return String.format(
        "GridIndex[%d areas, %d x %d cells, %d boundary cells, %.1f MB]",
        codes.length, columns, rows, boundaryCells, cellIndexBytes() / 1e6);
  }

  /** Classifies every cell; runs once, in the constructor. */
  private final class Builder {
    final int[] cells = new int[columns * rows];
    int[] program = new int[1024];
    int used;
    int boundaryCells;

    private final int[] segments;
    private final int[] segmentStart;
    private final double cellWidth;
    private final double cellHeight;

    /** Points mapped to a cell lie within its bounds widened by this; classification uses twice it. */
    private final double margin;

    /** Pairs (cell, area, inside?) as cell << 32 | area << 1 | (inside ? 0 : 1), sorted later. */
    private long[] pairs = new long[1024];

    private int pairCount;
    private boolean[] touched = new boolean[64];

    Builder(int[] segments, int[] segmentStart) {
      this.segments = segments;
      this.segmentStart = segmentStart;
      this.cellWidth = (maxX - minX) / columns;
      this.cellHeight = (maxY - minY) / rows;
      double largest =
          Math.max(
              Math.max(Math.abs(minX), Math.abs(maxX)), Math.max(Math.abs(minY), Math.abs(maxY)));
      this.margin = Math.max(1e-6 * Math.max(cellWidth, cellHeight), 1024 * Math.ulp(largest));
      for (int g = 0; g < codes.length; g++) {
        if (segmentStart[g] < segmentStart[g + 1]) {
          classify(g);
        }
      }
      Arrays.sort(pairs, 0, pairCount);
      Arrays.fill(cells, EMPTY);
      int i = 0;
      while (i < pairCount) {
        int cell = (int) (pairs[i] >>> 32);
        int j = i;
        while (j < pairCount && (int) (pairs[j] >>> 32) == cell) {
          j++;
        }
        if (j == i + 1 && (pairs[i] & 1) == 0) {
          cells[cell] = ((int) pairs[i]) >>> 1;
        } else {
          cells[cell] = -2 - used;
          writeCandidates(cell, i, j);
          boundaryCells++;
        }
        i = j;
      }
      program = Arrays.copyOf(program, used);
      pairs = null;
    }

    private double cellMinX(int column) {
      return minX + column * cellWidth;
    }

    private double cellMinY(int row) {
      return minY + row * cellHeight;
    }

    private int column(double x) {
      return (int) Math.clamp(Math.floor((x - minX) * columnsPerUnitX), 0, columns - 1);
    }

    private int row(double y) {
      return (int) Math.clamp(Math.floor((y - minY) * rowsPerUnitY), 0, rows - 1);
    }

    /** Records the cells that area g's boundary comes near, and those wholly inside it. */
    private void classify(int g) {
      double m2 = 2 * margin;
      double m3 = 3 * margin;
      double gMinX = Double.POSITIVE_INFINITY;
      double gMinY = Double.POSITIVE_INFINITY;
      double gMaxX = Double.NEGATIVE_INFINITY;
      double gMaxY = Double.NEGATIVE_INFINITY;
      for (int s = segmentStart[g]; s < segmentStart[g + 1]; s++) {
        int j = segments[s] << 1;
        gMinX = Math.min(gMinX, Math.min(coords[j], coords[j + 2]));
        gMaxX = Math.max(gMaxX, Math.max(coords[j], coords[j + 2]));
        gMinY = Math.min(gMinY, Math.min(coords[j + 1], coords[j + 3]));
        gMaxY = Math.max(gMaxY, Math.max(coords[j + 1], coords[j + 3]));
      }
      int c0 = column(gMinX - m3);
      int c1 = column(gMaxX + m3);
      int r0 = row(gMinY - m3);
      int r1 = row(gMaxY + m3);
      int w = c1 - c0 + 1;
      int count = w * (r1 - r0 + 1);
      if (touched.length < count) {
        touched = new boolean[Math.max(count, 2 * touched.length)];
      }
      Arrays.fill(touched, 0, count, false);

      // Cells a segment passes through or near (exact orientation tests on the widened cell).
      for (int s = segmentStart[g]; s < segmentStart[g + 1]; s++) {
        int j = segments[s] << 1;
        double x1 = coords[j];
        double y1 = coords[j + 1];
        double x2 = coords[j + 2];
        double y2 = coords[j + 3];
        int sc0 = column(Math.min(x1, x2) - m3);
        int sc1 = column(Math.max(x1, x2) + m3);
        int sr0 = row(Math.min(y1, y2) - m3);
        int sr1 = row(Math.max(y1, y2) + m3);
        for (int r = sr0; r <= sr1; r++) {
          for (int c = sc0; c <= sc1; c++) {
            int local = (r - r0) * w + (c - c0);
            if (!touched[local]
                && meets(
                    x1,
                    y1,
                    x2,
                    y2,
                    cellMinX(c) - m2,
                    cellMinY(r) - m2,
                    cellMinX(c + 1) + m2,
                    cellMinY(r + 1) + m2)) {
              touched[local] = true;
            }
          }
        }
      }

      // Every other cell of the area's box is wholly inside or wholly outside it: its centre says.
      for (int r = r0; r <= r1; r++) {
        for (int c = c0; c <= c1; c++) {
          int cell = r * columns + c;
          if (touched[(r - r0) * w + (c - c0)]) {
            addPair(cell, g, false);
          } else {
            double cx = (cellMinX(c) + cellMinX(c + 1)) / 2;
            double cy = (cellMinY(r) + cellMinY(r + 1)) / 2;
            int location =
                locateInSegments(
                    segments, segmentStart[g], segmentStart[g + 1] - segmentStart[g], cx, cy);
            if (location != EXTERIOR) {
              addPair(cell, g, location == INTERIOR);
            }
          }
        }
      }
    }

    private void addPair(int cell, int area, boolean inside) {
      if (pairCount == pairs.length) {
        pairs = Arrays.copyOf(pairs, 2 * pairs.length);
      }
      pairs[pairCount++] = ((long) cell << 32) | ((long) area << 1) | (inside ? 0 : 1);
    }

    /** Writes the candidates of one boundary cell: pairs[from, to), already in code order. */
    private void writeCandidates(int cell, int from, int to) {
      int c = cell % columns;
      int r = cell / columns;
      double m2 = 2 * margin;
      double westX = cellMinX(c) - m2;
      double southY = cellMinY(r) - m2;
      double northY = cellMinY(r + 1) + m2;
      append(to - from);
      for (int i = from; i < to; i++) {
        int area = ((int) pairs[i]) >>> 1;
        append(area);
        int countAt = used;
        append(0);
        int kept = 0;
        for (int s = segmentStart[area]; s < segmentStart[area + 1]; s++) {
          int j = segments[s] << 1;
          double x1 = coords[j];
          double y1 = coords[j + 1];
          double x2 = coords[j + 2];
          double y2 = coords[j + 3];
          // Segments that cannot meet the ray from a point of the cell never change the count.
          if (Math.max(y1, y2) >= southY && Math.min(y1, y2) <= northY && Math.max(x1, x2) >= westX) {
            append(segments[s]);
            kept++;
          }
        }
        program[countAt] = kept;
      }
    }

    private void append(int value) {
      if (used == program.length) {
        program = Arrays.copyOf(program, 2 * program.length);
      }
      program[used++] = value;
    }
  }

  /**
   * Whether the segment meets the rectangle: their boxes overlap and the rectangle's corners are
   * not all strictly on one side of the segment's line (exact orientation).
   */
  private static boolean meets(
      double x1, double y1, double x2, double y2, double rx0, double ry0, double rx1, double ry1) {
    if (Math.max(x1, x2) < rx0
        || Math.min(x1, x2) > rx1
        || Math.max(y1, y2) < ry0
        || Math.min(y1, y2) > ry1) {
      return false;
    }
    int a = CGAlgorithmsDD.orientationIndex(x1, y1, x2, y2, rx0, ry0);
    int b = CGAlgorithmsDD.orientationIndex(x1, y1, x2, y2, rx1, ry0);
    int c = CGAlgorithmsDD.orientationIndex(x1, y1, x2, y2, rx1, ry1);
    int d = CGAlgorithmsDD.orientationIndex(x1, y1, x2, y2, rx0, ry1);
    return !((a > 0 && b > 0 && c > 0 && d > 0) || (a < 0 && b < 0 && c < 0 && d < 0));
  }
}
