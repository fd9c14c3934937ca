package org.wangge.gisdata.synthetic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Draws the grid polygons: an exact tiling of an irregular city outline by irregular cells.
 *
 * <ol>
 *   <li>Sites: variable-radius Poisson-disk sampling (Bridson) in metres around the centre, closer
 *       together where {@link CityShape#density} is high, inside the site domain.
 *   <li>Cells: the Voronoi diagram of the sites (JTS {@link VoronoiDiagramBuilder}); every vertex
 *       is converted to longitude/latitude and snapped to 1e-7°. A shared vertex is one object in
 *       the diagram, so it snaps identically in every cell that uses it.
 *   <li>Outline: cells are grown from the centre cell in order of {@link CityShape#radialRank} of
 *       their sites (always a neighbour of the cells taken so far) until exactly the requested
 *       number is taken; enclosed cells are then added and the outermost removable cells dropped,
 *       so the city is one polygon without holes. No cell near the domain edge is ever taken, so no
 *       clipping or overlay is needed.
 *   <li>Irregular edges: every edge longer than 60 m gets 1 (under 150 m) or 2–3 intermediate
 *       points displaced perpendicular to it by at most 8% of its length, derived from a hash of
 *       its canonical (sorted) endpoints; both cells of an edge use the same points (in reverse
 *       order), so shared edges stay identical. A cell that comes out invalid has the displacement
 *       of its edges halved (and after three halvings removed) until every cell is valid.
 * </ol>
 *
 * Not thread-safe; used once per generation.
 */
final class GridTessellation {

  /** Edges shorter than this (metres) stay straight. */
  private static final double MIN_WIGGLE_EDGE = 60;

  /** Largest perpendicular displacement, as a fraction of edge length. */
  private static final double WIGGLE_AMPLITUDE = 0.08;

  /** After this many halvings an edge is straight. */
  private static final int MAX_WIGGLE_LEVEL = 3;

  /** The tessellation: cells in longitude/latitude and their metric properties. */
  record Result(
      List<Polygon> cells,
      double[] centroidX,
      double[] centroidY,
      double[] areaSquareMetres,
      int[][] adjacency,
      int sites) {}

  private record EdgeKey(long a, long b) {
    static EdgeKey of(long u, long v) {
      return u < v ? new EdgeKey(u, v) : new EdgeKey(v, u);
    }
  }

  private final CityShape shape;
  private final LocalProjection projection;
  private final GeometryFactory factory;
  private final long seed;

  private GridTessellation(
      CityShape shape, LocalProjection projection, GeometryFactory factory, long seed) {
    this.shape = shape;
    this.projection = projection;
    this.factory = factory;
    this.seed = seed;
  }

  static Result build(
      CityShape shape, LocalProjection projection, GeometryFactory factory, int cells, long seed) {
    return new GridTessellation(shape, projection, factory, seed).build(cells);
  }

  private Result build(int n) {
    double[][] sites = poissonSites();
    double[] sx = sites[0];
    double[] sy = sites[1];
    int w = sx.length;

    // Voronoi cells of all sites, as rings of snapped vertex keys.
    List<Coordinate> coordinates = new ArrayList<>(w);
    Map<Coordinate, Integer> siteIndex = new HashMap<>(w * 2);
    for (int i = 0; i < w; i++) {
      Coordinate c = new Coordinate(sx[i], sy[i]);
      coordinates.add(c);
      siteIndex.put(c, i);
    }
    double extent = shape.domainExtent() + 4 * shape.maxSpacing();
    Envelope clip = new Envelope(-extent, extent, -extent, extent);
    VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
    builder.setSites(coordinates);
    builder.setClipEnvelope(clip);
    Geometry diagram = builder.getDiagram(new GeometryFactory());
    long[][] rings = new long[w][];
    boolean[] eligible = new boolean[w];
    for (int g = 0; g < diagram.getNumGeometries(); g++) {
      Polygon cell = (Polygon) diagram.getGeometryN(g);
      Integer site = siteIndex.get((Coordinate) cell.getUserData());
      if (site == null) {
        continue;
      }
      Coordinate[] ring = cell.getExteriorRing().getCoordinates();
      long[] keys = new long[ring.length - 1];
      int m = 0;
      boolean inside = true;
      for (int k = 0; k < ring.length - 1; k++) {
        Coordinate c = ring[k];
        if (!shape.inDomain(c.x, c.y)) {
          inside = false;
        }
        long key =
            LocalProjection.key(
                LocalProjection.e7(projection.lon(c.x)), LocalProjection.e7(projection.lat(c.y)));
        if (m == 0 || keys[m - 1] != key) {
          keys[m++] = key;
        }
      }
      while (m > 1 && keys[m - 1] == keys[0]) {
        m--;
      }
      rings[site] = Arrays.copyOf(keys, m);
      eligible[site] = inside && m >= 3;
    }

    // Edges and adjacency of the whole diagram.
    Map<EdgeKey, int[]> edgeCells = new HashMap<>(w * 4);
    for (int i = 0; i < w; i++) {
      long[] ring = rings[i];
      if (ring == null) {
        continue;
      }
      for (int k = 0; k < ring.length; k++) {
        EdgeKey e = EdgeKey.of(ring[k], ring[(k + 1) % ring.length]);
        int[] pair = edgeCells.computeIfAbsent(e, x -> new int[] {-1, -1});
        if (pair[0] < 0) {
          pair[0] = i;
        } else {
          pair[1] = i;
        }
      }
    }
    int[][] worldAdjacency = adjacency(w, rings, edgeCells);

    boolean[] selected = growOutline(n, sx, sy, eligible, worldAdjacency);

    // Irregular edges and final polygons.
    int[] cellOfSite = new int[w];
    Arrays.fill(cellOfSite, -1);
    int[] siteOfCell = new int[n];
    int count = 0;
    for (int i = 0; i < w; i++) {
      if (selected[i]) {
        cellOfSite[i] = count;
        siteOfCell[count++] = i;
      }
    }
    Map<EdgeKey, Integer> edgeLevel = new HashMap<>();
    Map<EdgeKey, long[]> edgePoints = new HashMap<>();
    Polygon[] polygons = new Polygon[n];
    int[] toCheck = new int[n];
    for (int c = 0; c < n; c++) {
      toCheck[c] = c;
    }
    int checkCount = n;
    for (int round = 0; checkCount > 0; round++) {
      List<Integer> invalid = new ArrayList<>();
      for (int t = 0; t < checkCount; t++) {
        int c = toCheck[t];
        polygons[c] = polygon(rings[siteOfCell[c]], edgeLevel, edgePoints);
        if (!polygons[c].isValid()) {
          invalid.add(c);
        }
      }
      if (invalid.isEmpty()) {
        break;
      }
      if (round > MAX_WIGGLE_LEVEL + 1) {
        throw new IllegalStateException("grid cells stay invalid with straight edges: " + invalid);
      }
      boolean[] recheck = new boolean[n];
      for (int c : invalid) {
        long[] ring = rings[siteOfCell[c]];
        for (int k = 0; k < ring.length; k++) {
          EdgeKey e = EdgeKey.of(ring[k], ring[(k + 1) % ring.length]);
          edgeLevel.merge(e, 1, Integer::sum);
          edgePoints.remove(e);
          for (int s : edgeCells.get(e)) {
            if (s >= 0 && cellOfSite[s] >= 0) {
              recheck[cellOfSite[s]] = true;
            }
          }
        }
      }
      checkCount = 0;
      for (int c = 0; c < n; c++) {
        if (recheck[c]) {
          toCheck[checkCount++] = c;
        }
      }
    }

    double[] cx = new double[n];
    double[] cy = new double[n];
    double[] area = new double[n];
    for (int c = 0; c < n; c++) {
      double[] m = Planar.areaAndCentroid(polygons[c], projection);
      area[c] = m[0];
      cx[c] = m[1];
      cy[c] = m[2];
    }
    int[][] cellAdjacency = new int[n][];
    for (int c = 0; c < n; c++) {
      int[] neighbours = worldAdjacency[siteOfCell[c]];
      int[] mapped = new int[neighbours.length];
      int k = 0;
      for (int s : neighbours) {
        if (cellOfSite[s] >= 0) {
          mapped[k++] = cellOfSite[s];
        }
      }
      cellAdjacency[c] = Arrays.copyOf(mapped, k);
      Arrays.sort(cellAdjacency[c]);
    }
    return new Result(List.of(polygons), cx, cy, area, cellAdjacency, w);
  }

  private static int[][] adjacency(int w, long[][] rings, Map<EdgeKey, int[]> edgeCells) {
    int[][] adjacency = new int[w][];
    for (int i = 0; i < w; i++) {
      long[] ring = rings[i];
      if (ring == null) {
        adjacency[i] = new int[0];
        continue;
      }
      int[] neighbours = new int[ring.length];
      int k = 0;
      for (int j = 0; j < ring.length; j++) {
        int[] pair = edgeCells.get(EdgeKey.of(ring[j], ring[(j + 1) % ring.length]));
        int other = pair[0] == i ? pair[1] : pair[0];
        if (other >= 0) {
          neighbours[k++] = other;
        }
      }
      int[] result = Arrays.copyOf(neighbours, k);
      Arrays.sort(result);
      adjacency[i] = Arrays.stream(result).distinct().toArray();
    }
    return adjacency;
  }

  /**
   * Takes exactly {@code n} eligible cells forming one region without holes, grown from the centre
   * cell in order of radial rank.
   */
  private boolean[] growOutline(
      int n, double[] sx, double[] sy, boolean[] eligible, int[][] adjacency) {
    int w = sx.length;
    double[] rank = new double[w];
    for (int i = 0; i < w; i++) {
      rank[i] = shape.radialRank(sx[i], sy[i]);
    }
    boolean[] selected = new boolean[w];
    boolean[] queued = new boolean[w];
    PriorityQueue<Integer> frontier =
        new PriorityQueue<>(
            (a, b) -> rank[a] != rank[b] ? Double.compare(rank[a], rank[b]) : a - b);
    int start = 0; // the first Poisson site is the centre
    if (!eligible[start]) {
      throw new IllegalStateException("centre cell is not eligible");
    }
    frontier.add(start);
    queued[start] = true;
    int count = 0;
    while (count < n) {
      Integer next = frontier.poll();
      if (next == null) {
        throw new IllegalStateException("site domain too small for " + n + " grids");
      }
      selected[next] = true;
      count++;
      for (int s : adjacency[next]) {
        if (eligible[s] && !queued[s]) {
          queued[s] = true;
          frontier.add(s);
        }
      }
    }
    // Fill holes: unselected cells not connected to the outside (the ineligible cells).
    boolean[] outside = markOutside(selected, eligible, adjacency);
    for (int i = 0; i < w; i++) {
      if (!selected[i] && !outside[i]) {
        selected[i] = true;
        count++;
      }
    }
    // Drop the outermost cells that can go without disconnecting the city.
    while (count > n) {
      List<Integer> candidates = new ArrayList<>();
      for (int i = 0; i < w; i++) {
        if (selected[i]) {
          for (int s : adjacency[i]) {
            if (outside[s]) {
              candidates.add(i);
              break;
            }
          }
        }
      }
      candidates.sort((a, b) -> rank[a] != rank[b] ? Double.compare(rank[b], rank[a]) : a - b);
      boolean removed = false;
      for (int c : candidates) {
        selected[c] = false;
        if (connected(selected, adjacency, count - 1)) {
          outside[c] = true;
          count--;
          removed = true;
          break;
        }
        selected[c] = true;
      }
      if (!removed) {
        throw new IllegalStateException("cannot trim the city outline to " + n + " grids");
      }
    }
    return selected;
  }

  private static boolean[] markOutside(boolean[] selected, boolean[] eligible, int[][] adjacency) {
    int w = selected.length;
    boolean[] outside = new boolean[w];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int i = 0; i < w; i++) {
      if (!eligible[i]) {
        outside[i] = true;
        queue.add(i);
      }
    }
    while (!queue.isEmpty()) {
      int i = queue.poll();
      for (int s : adjacency[i]) {
        if (!selected[s] && !outside[s]) {
          outside[s] = true;
          queue.add(s);
        }
      }
    }
    return outside;
  }

  private static boolean connected(boolean[] selected, int[][] adjacency, int count) {
    int start = -1;
    for (int i = 0; i < selected.length; i++) {
      if (selected[i]) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      return count == 0;
    }
    boolean[] seen = new boolean[selected.length];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(start);
    seen[start] = true;
    int reached = 1;
    while (!queue.isEmpty()) {
      int i = queue.poll();
      for (int s : adjacency[i]) {
        if (selected[s] && !seen[s]) {
          seen[s] = true;
          reached++;
          queue.add(s);
        }
      }
    }
    return reached == count;
  }

  private Polygon polygon(long[] ring, Map<EdgeKey, Integer> levels, Map<EdgeKey, long[]> points) {
    List<Coordinate> coordinates = new ArrayList<>(ring.length * 4);
    for (int k = 0; k < ring.length; k++) {
      long u = ring[k];
      long v = ring[(k + 1) % ring.length];
      coordinates.add(coordinate(u));
      EdgeKey e = EdgeKey.of(u, v);
      long[] interior = points.computeIfAbsent(e, x -> wiggle(x, levels.getOrDefault(x, 0)));
      if (u < v) {
        for (long p : interior) {
          coordinates.add(coordinate(p));
        }
      } else {
        for (int i = interior.length - 1; i >= 0; i--) {
          coordinates.add(coordinate(interior[i]));
        }
      }
    }
    coordinates.add(coordinate(ring[0]));
    return factory.createPolygon(coordinates.toArray(Coordinate[]::new));
  }

  private static Coordinate coordinate(long key) {
    return new Coordinate(LocalProjection.keyLon(key), LocalProjection.keyLat(key));
  }

  /** Intermediate points of an edge, from {@code e.a} to {@code e.b}, as vertex keys. */
  private long[] wiggle(EdgeKey e, int level) {
    if (level >= MAX_WIGGLE_LEVEL) {
      return new long[0];
    }
    double ax = projection.x(LocalProjection.keyLon(e.a()));
    double ay = projection.y(LocalProjection.keyLat(e.a()));
    double dx = projection.x(LocalProjection.keyLon(e.b())) - ax;
    double dy = projection.y(LocalProjection.keyLat(e.b())) - ay;
    double length = Math.hypot(dx, dy);
    if (length < MIN_WIGGLE_EDGE) {
      return new long[0];
    }
    long hash = Hashing.mix(seed, e.a(), e.b());
    int k = length < 150 ? 1 : 2 + (int) ((hash >>> 1) % 2);
    double amplitude = WIGGLE_AMPLITUDE * Math.pow(0.5, level) * length;
    long[] result = new long[k];
    int m = 0;
    long previous = e.a();
    for (int i = 0; i < k; i++) {
      long h = Hashing.mix(hash, i);
      double t = (i + 1 + (Hashing.unit(h) - 0.5) * 0.5) / (k + 1);
      double d =
          amplitude * (2 * Hashing.unit(Hashing.mix(h, 7)) - 1) * Math.sqrt(Math.sin(Math.PI * t));
      double px = ax + t * dx - d * dy / length;
      double py = ay + t * dy + d * dx / length;
      long key =
          LocalProjection.key(
              LocalProjection.e7(projection.lon(px)), LocalProjection.e7(projection.lat(py)));
      if (key != previous && key != e.b()) {
        result[m++] = key;
        previous = key;
      }
    }
    return Arrays.copyOf(result, m);
  }

  /**
   * Variable-radius Poisson-disk sampling (Bridson) inside the site domain; the first site is the
   * centre. Returns {xs, ys} in metres.
   */
  private double[][] poissonSites() {
    SplittableRandom random = Hashing.stream(seed, "sites");
    double rMin = shape.minSpacing();
    double rMax = shape.maxSpacing();
    double cellSize = rMin / Math.sqrt(2);
    double extent = shape.domainExtent() + rMax;
    int dim = (int) Math.ceil(2 * extent / cellSize) + 1;
    int[] grid = new int[dim * dim];
    Arrays.fill(grid, -1);
    int reach = (int) Math.ceil(rMax / cellSize);
    double[] xs = new double[1024];
    double[] ys = new double[1024];
    double[] rs = new double[1024];
    int[] active = new int[1024];
    int activeCount = 0;
    int count = 0;

    xs[0] = 0;
    ys[0] = 0;
    rs[0] = shape.spacing(0, 0);
    grid[cellIndex(0, 0, extent, cellSize, dim)] = 0;
    active[activeCount++] = 0;
    count = 1;
    while (activeCount > 0) {
      int a = random.nextInt(activeCount);
      int p = active[a];
      boolean found = false;
      for (int attempt = 0; attempt < 30; attempt++) {
        double angle = random.nextDouble() * 2 * Math.PI;
        double distance = rs[p] * (1 + random.nextDouble());
        double qx = xs[p] + distance * Math.cos(angle);
        double qy = ys[p] + distance * Math.sin(angle);
        if (!shape.inDomain(qx, qy)) {
          continue;
        }
        double rq = shape.spacing(qx, qy);
        int gx = (int) ((qx + extent) / cellSize);
        int gy = (int) ((qy + extent) / cellSize);
        boolean ok = true;
        for (int yy = Math.max(0, gy - reach); ok && yy <= Math.min(dim - 1, gy + reach); yy++) {
          for (int xx = Math.max(0, gx - reach); xx <= Math.min(dim - 1, gx + reach); xx++) {
            int s = grid[yy * dim + xx];
            if (s >= 0) {
              double ddx = xs[s] - qx;
              double ddy = ys[s] - qy;
              double min = 0.5 * (rq + rs[s]);
              if (ddx * ddx + ddy * ddy < min * min) {
                ok = false;
                break;
              }
            }
          }
        }
        if (!ok) {
          continue;
        }
        if (count == xs.length) {
          xs = Arrays.copyOf(xs, count * 2);
          ys = Arrays.copyOf(ys, count * 2);
          rs = Arrays.copyOf(rs, count * 2);
          active = Arrays.copyOf(active, count * 2);
        }
        xs[count] = qx;
        ys[count] = qy;
        rs[count] = rq;
        grid[gy * dim + gx] = count;
        active[activeCount++] = count;
        count++;
        found = true;
        break;
      }
      if (!found) {
        active[a] = active[--activeCount];
      }
    }
    return new double[][] {Arrays.copyOf(xs, count), Arrays.copyOf(ys, count)};
  }

  private static int cellIndex(double x, double y, double extent, double cellSize, int dim) {
    return (int) ((y + extent) / cellSize) * dim + (int) ((x + extent) / cellSize);
  }
}
