package org.wangge.gisdata.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.synthetic.CitySpec;
import org.wangge.gisdata.synthetic.SyntheticCityGenerator;
import org.wangge.gisdata.grid.TestGrids.GridMatch;
import org.wangge.gisdata.grid.TestGrids.GridShape;

/**
 * {@link GridIndex} against a brute-force oracle (every grid's prepared {@code covers} and {@code
 * containsProperly}, lowest code wins) over a generated city of 2,000 grids: random points, grid
 * vertices and edge midpoints, the index's own cell corners, and points outside the city.
 */
class GridIndexOracleTest {

  private static List<GridShape> grids;
  private static TestGrids.Indexed index;
  private static PreparedGeometry[] prepared; // in code order, like sorted
  private static List<GridShape> sorted;
  private static Envelope[] envelopes;
  private static Envelope extent;

  @BeforeAll
  static void generateCity() {
    var city =
        SyntheticCityGenerator.generate(CitySpec.scaled(2000, 20000, 7L, LocalDate.of(2026, 11, 1)));
    List<GridShape> shapes = new ArrayList<>();
    for (var area : city.areas()) {
      if (area.level() == AreaLevel.GRID) {
        shapes.add(new GridShape(shapes.size() + 1, area.code(), 1 + shapes.size() % 3, area.boundary()));
      }
    }
    grids = List.copyOf(shapes);
    index = TestGrids.index(grids);
    sorted = grids.stream().sorted(Comparator.comparing(GridShape::code)).toList();
    prepared = new PreparedGeometry[sorted.size()];
    envelopes = new Envelope[sorted.size()];
    extent = new Envelope();
    for (int g = 0; g < sorted.size(); g++) {
      prepared[g] = PreparedGeometryFactory.prepare(sorted.get(g).boundary());
      envelopes[g] = sorted.get(g).boundary().getEnvelopeInternal();
      extent.expandToInclude(envelopes[g]);
    }
  }

  /** Testing every grid whose box holds the point; lowest code wins on shared edges. */
  private static GridMatch oracle(double x, double y) {
    Point point = TestGrids.point(x, y);
    GridShape best = null;
    int covering = 0;
    GridShape inside = null;
    for (int g = 0; g < sorted.size(); g++) {
      if (!envelopes[g].covers(x, y) || !prepared[g].covers(point)) {
        continue;
      }
      covering++;
      if (best == null) {
        best = sorted.get(g);
      }
      if (inside == null && prepared[g].containsProperly(point)) {
        inside = sorted.get(g);
      }
    }
    if (inside != null) {
      assertThat(covering).as("(%s %s) is inside one grid and covered by no other", x, y).isEqualTo(1);
      return new GridMatch(inside.id(), inside.code(), inside.version(), false, 1);
    }
    return best == null ? null : new GridMatch(best.id(), best.code(), best.version(), true, covering);
  }

  private record Tally(int inside, int single, int shared, int outside) {
    Tally add(GridMatch match) {
      if (match == null) {
        return new Tally(inside, single, shared, outside + 1);
      }
      if (!match.onBoundary()) {
        return new Tally(inside + 1, single, shared, outside);
      }
      return match.coveringGrids() > 1
          ? new Tally(inside, single, shared + 1, outside)
          : new Tally(inside, single + 1, shared, outside);
    }
  }

  private static Tally check(List<Coordinate> points) {
    var tally = new Tally(0, 0, 0, 0);
    for (Coordinate p : points) {
      GridMatch expected = oracle(p.x, p.y);
      assertThat(index.locate(p.x, p.y)).as("(%s %s)", p.x, p.y).isEqualTo(expected);
      tally = tally.add(expected);
    }
    return tally;
  }

  @Test
  void randomPointsOverTheCityAgreeWithTheOracle() {
    assertThat(index.size()).isEqualTo(2000);
    var random = new SplittableRandom(20261101);
    List<Coordinate> points = new ArrayList<>();
    for (int i = 0; i < 120_000; i++) {
      points.add(
          new Coordinate(
              extent.getMinX() + random.nextDouble() * extent.getWidth(),
              extent.getMinY() + random.nextDouble() * extent.getHeight()));
    }
    Tally tally = check(points);
    assertThat(tally.inside()).isGreaterThan(50_000);
    assertThat(tally.outside()).as("the city is not a rectangle").isGreaterThan(1000);
  }

  @Test
  void verticesAndEdgeMidpointsAgreeWithTheOracle() {
    var random = new SplittableRandom(11);
    List<Coordinate> points = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      GridShape grid = grids.get(random.nextInt(grids.size()));
      for (int r = 0; r < grid.boundary().getNumGeometries(); r++) {
        Coordinate[] ring = grid.boundary().getGeometryN(r).getCoordinates();
        for (int k = 0; k + 1 < ring.length; k++) {
          points.add(ring[k]);
          points.add(new Coordinate((ring[k].x + ring[k + 1].x) / 2, (ring[k].y + ring[k + 1].y) / 2));
          // A quarter of the way along, and a hair off the edge on either side.
          double qx = ring[k].x + (ring[k + 1].x - ring[k].x) / 4;
          double qy = ring[k].y + (ring[k + 1].y - ring[k].y) / 4;
          points.add(new Coordinate(qx, qy));
          points.add(new Coordinate(Math.nextUp(qx), qy));
          points.add(new Coordinate(qx, Math.nextDown(qy)));
        }
      }
    }
    Tally tally = check(points);
    assertThat(tally.shared()).as("vertices of two or three grids").isGreaterThan(2000);
    assertThat(tally.single()).as("points on the city's outline").isPositive();
  }

  @Test
  void cellCornersAndEdgesAgreeWithTheOracle() {
    Envelope cells = index.extent();
    double cellWidth = cells.getWidth() / index.columns();
    double cellHeight = cells.getHeight() / index.rows();
    List<Coordinate> points = new ArrayList<>();
    var random = new SplittableRandom(5);
    for (int i = 0; i <= index.columns(); i++) {
      for (int j = 0; j <= index.rows(); j++) {
        double x = cells.getMinX() + i * cellWidth;
        double y = cells.getMinY() + j * cellHeight;
        points.add(new Coordinate(x, y));
        if (random.nextInt(4) == 0) {
          points.add(new Coordinate(x, y + random.nextDouble() * cellHeight));
          points.add(new Coordinate(x + random.nextDouble() * cellWidth, y));
          points.add(new Coordinate(Math.nextDown(x), Math.nextUp(y)));
        }
      }
    }
    Tally tally = check(points);
    assertThat(tally.inside()).isGreaterThan(10_000);
  }

  @Test
  void pointsOnAndOutsideTheExtentAgreeWithTheOracle() {
    var random = new SplittableRandom(3);
    List<Coordinate> points = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      double x = extent.getMinX() + random.nextDouble() * extent.getWidth();
      double y = extent.getMinY() + random.nextDouble() * extent.getHeight();
      points.add(new Coordinate(x, extent.getMinY()));
      points.add(new Coordinate(x, extent.getMaxY()));
      points.add(new Coordinate(extent.getMinX(), y));
      points.add(new Coordinate(extent.getMaxX(), y));
      points.add(new Coordinate(x, Math.nextDown(extent.getMinY())));
      points.add(new Coordinate(Math.nextUp(extent.getMaxX()), y));
      points.add(new Coordinate(x, extent.getMaxY() + 0.01));
    }
    points.add(new Coordinate(extent.getMinX() - 0.05, extent.getMinY() - 0.05));
    points.add(new Coordinate(0, 0));
    points.add(new Coordinate(-180, -90));
    points.add(new Coordinate(180, 90));
    Tally tally = check(points);
    assertThat(tally.outside()).isGreaterThan(6000);
    // The westmost, eastmost, southmost and northmost vertices lie on the extent's edges.
    for (GridShape grid : grids) {
      for (Coordinate c : grid.boundary().getCoordinates()) {
        if (c.x == extent.getMinX() || c.x == extent.getMaxX() || c.y == extent.getMinY() || c.y == extent.getMaxY()) {
          GridMatch match = index.locate(c.x, c.y);
          assertThat(match).isEqualTo(oracle(c.x, c.y));
          assertThat(match.onBoundary()).isTrue();
        }
      }
    }
  }
}
