package org.wangge.area;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.spatial.Wgs84;

/**
 * Four grids of one community with shared edges and vertices, a hole, and probe points inside, on
 * every kind of edge and vertex, in the hole and outside: the fixture every caller of the grid rule
 * (locator, dispatcher, import, coverage, plan impacts) is checked against, so that all of them give
 * the same grid for the same point. Codes are out of step with position on purpose.
 *
 * <pre>
 *   27.84 +-------+-------+-------+
 *         |  A    |  B    |       |
 *         |  003  |  001  |  D    |
 *   27.82 |       +-------+  002  |
 *         |       | C 004 |       |
 *         |       | (hole)|       |
 *   27.80 +-------+-------+-------+
 *       114.90  114.92  114.94  114.96
 * </pre>
 */
public final class SharedEdgeFixture {

  private SharedEdgeFixture() {}

  public static final String A = "360502001001003";
  public static final String B = "360502001001001";
  public static final String C = "360502001001004";
  public static final String D = "360502001001002";
  public static final String COMMUNITY = "360502001001";

  /** The grids (ids 1–4, version 1). */
  public static final List<GridShape> GRIDS =
      List.of(
          shape(1, A, 1, "POLYGON((114.90 27.80, 114.92 27.80, 114.92 27.82, 114.92 27.84, 114.90 27.84, 114.90 27.80))"),
          shape(2, B, 1, "POLYGON((114.92 27.82, 114.94 27.82, 114.94 27.84, 114.92 27.84, 114.92 27.82))"),
          shape(3, C, 1, "POLYGON((114.92 27.80, 114.94 27.80, 114.94 27.82, 114.92 27.82, 114.92 27.80),"
              + " (114.93 27.805, 114.935 27.805, 114.935 27.81, 114.93 27.81, 114.93 27.805))"),
          shape(4, D, 1, "POLYGON((114.94 27.80, 114.96 27.80, 114.96 27.84, 114.94 27.84, 114.94 27.80))"));

  /** The community: the grids' box and a margin of 0.005° that no grid covers. */
  public static final GridShape COMMUNITY_SHAPE =
      shape(10, COMMUNITY, 1, "POLYGON((114.895 27.795, 114.965 27.795, 114.965 27.845, 114.895 27.845, 114.895 27.795))");

  /** A point to locate, named for where it lies. */
  public record Probe(String where, double lon, double lat) {}

  public static final List<Probe> PROBES =
      List.of(
          new Probe("inside A", 114.91, 27.83),
          new Probe("inside B", 114.93, 27.83),
          new Probe("inside C", 114.925, 27.815),
          new Probe("inside D", 114.95, 27.82),
          new Probe("edge A|C", 114.92, 27.81),
          new Probe("edge A|B", 114.92, 27.83),
          new Probe("edge B|C", 114.93, 27.82),
          new Probe("edge B|D", 114.94, 27.83),
          new Probe("edge C|D", 114.94, 27.81),
          new Probe("vertex A|B|C", 114.92, 27.82),
          new Probe("vertex B|C|D", 114.94, 27.82),
          new Probe("vertex A|C on the outline", 114.92, 27.80),
          new Probe("vertex B|D on the outline", 114.94, 27.84),
          new Probe("outer edge of A", 114.90, 27.81),
          new Probe("outer vertex of D", 114.96, 27.80),
          new Probe("in C's hole", 114.9325, 27.8075),
          new Probe("on the rim of C's hole", 114.93, 27.8075),
          new Probe("a hair west of edge A|C", Math.nextDown(114.92), 27.81),
          new Probe("a hair east of edge A|C", Math.nextUp(114.92), 27.81),
          new Probe("outside, in the community's margin", 114.962, 27.82),
          new Probe("outside everything", 114.99, 27.82));

  /**
   * The grid the rule gives the probe, found by testing every grid with JTS (inside one grid: that
   * grid; on the boundary of several: the lowest code), or {@code null} when none covers it.
   */
  public static String expected(Probe p) {
    return expected(p, GRIDS);
  }

  /** {@link #expected(Probe)} among other grids. */
  public static String expected(Probe p, List<GridShape> grids) {
    Point point = Wgs84.point(p.lon(), p.lat());
    String best = null;
    for (GridShape g : grids.stream().sorted(Comparator.comparing(GridShape::code)).toList()) {
      PreparedGeometry prepared = PreparedGeometryFactory.prepare(g.boundary());
      if (prepared.containsProperly(point)) {
        return g.code();
      }
      if (best == null && prepared.covers(point)) {
        best = g.code();
      }
    }
    return best;
  }

  /** A snapshot of these grids and the community. */
  public static GridLocator.Snapshot snapshot(long stamp, List<GridShape> grids) {
    return GridLocator.Snapshot.of(stamp, grids, Map.of(AreaLevel.COMMUNITY, List.of(COMMUNITY_SHAPE)));
  }

  /** A locator (no database) holding the snapshot; {@link #swap} replaces it. */
  public static GridLocator locator(GridLocator.Snapshot snapshot) {
    var locator = new GridLocator(null, null);
    locator.swap(snapshot);
    return locator;
  }

  public static void swap(GridLocator locator, GridLocator.Snapshot snapshot) {
    locator.swap(snapshot);
  }

  /** The same grids with other ids and versions (id + 100, version 2) and these boundaries. */
  public static List<GridShape> redrawn(List<GridShape> grids) {
    List<GridShape> result = new ArrayList<>();
    for (GridShape g : grids) {
      result.add(new GridShape(g.id() + 100, g.code(), g.version() + 1, g.boundary()));
    }
    return result;
  }

  public static GridShape shape(long id, String code, int version, String wkt) {
    try {
      Geometry boundary = new WKTReader(Wgs84.FACTORY).read(wkt);
      return new GridShape(id, code, version, boundary);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
