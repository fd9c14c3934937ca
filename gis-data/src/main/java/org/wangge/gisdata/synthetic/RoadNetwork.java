package org.wangge.gisdata.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.ItemBoundable;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The named roads that addresses are numbered along, in metres around the city centre: long roads
 * crossing the city west–east and north–south about every 1–1.8 km (路, some 大道), slightly tilted
 * and winding, plus short streets and lanes (街, 巷) near the dense centres. Roads are not part of
 * the output; they give addresses their road names and door numbers.
 *
 * <p>Immutable once built; {@link #nearest} may be called from several threads.
 */
final class RoadNetwork {

  /** One straight piece of a road. */
  record Segment(
      int road, int index, double ax, double ay, double bx, double by, double startAlong) {
    double length() {
      return Math.hypot(bx - ax, by - ay);
    }
  }

  /** Where a point projects onto its nearest road. */
  record Hit(int road, double along, boolean left, double distance) {}

  final List<String> names = new ArrayList<>();
  private final List<Segment> segments = new ArrayList<>();
  private final STRtree index = new STRtree();

  private RoadNetwork() {}

  /**
   * @param minX city envelope, metres
   */
  static RoadNetwork build(
      double minX, double minY, double maxX, double maxY, CityShape shape, long seed) {
    RoadNetwork network = new RoadNetwork();
    SplittableRandom random = Hashing.stream(seed, "roads");
    Names.Pool stems = new Names.Pool(Names.shuffled(Names.ROAD_STEMS, random), "", random);
    double margin = 600;
    // West–east roads.
    List<double[][]> lines = new ArrayList<>();
    List<String> suffixes = new ArrayList<>();
    for (double y = minY + 400 + 600 * random.nextDouble();
        y < maxY;
        y += 1000 + 800 * random.nextDouble()) {
      lines.add(winding(minX - margin, maxX + margin, y, random, false));
      suffixes.add(random.nextDouble() < 0.25 ? "大道" : "路");
    }
    // North–south roads.
    for (double x = minX + 400 + 600 * random.nextDouble();
        x < maxX;
        x += 1000 + 800 * random.nextDouble()) {
      lines.add(winding(minY - margin, maxY + margin, x, random, true));
      suffixes.add(random.nextDouble() < 0.25 ? "大道" : "路");
    }
    // Short streets and lanes near the centres.
    int shortRoads = (int) Math.round(lines.size() * 0.6);
    double maxDensity = 0.3;
    for (double w : shape.centreWeight) {
      maxDensity += w;
    }
    for (int i = 0; i < shortRoads; i++) {
      double cx;
      double cy;
      do {
        cx = minX + (maxX - minX) * random.nextDouble();
        cy = minY + (maxY - minY) * random.nextDouble();
      } while (random.nextDouble() * maxDensity > shape.density(cx, cy));
      double angle = random.nextDouble() * Math.PI;
      double length = 600 + 1400 * random.nextDouble();
      int pieces = 3;
      double[][] line = new double[2][pieces + 1];
      for (int k = 0; k <= pieces; k++) {
        double s = -length / 2 + length * k / pieces;
        double wobble = k == 0 || k == pieces ? 0 : 40 * Hashing.gaussian(random);
        line[0][k] = cx + s * Math.cos(angle) - wobble * Math.sin(angle);
        line[1][k] = cy + s * Math.sin(angle) + wobble * Math.cos(angle);
      }
      lines.add(line);
      suffixes.add(random.nextDouble() < 0.6 ? "街" : "巷");
    }
    for (int r = 0; r < lines.size(); r++) {
      network.names.add(stems.next() + suffixes.get(r));
      double[][] line = lines.get(r);
      double along = 0;
      for (int k = 0; k + 1 < line[0].length; k++) {
        Segment s =
            new Segment(r, k, line[0][k], line[1][k], line[0][k + 1], line[1][k + 1], along);
        along += s.length();
        network.segments.add(s);
        network.index.insert(new Envelope(s.ax(), s.bx(), s.ay(), s.by()), s);
      }
    }
    network.index.build();
    return network;
  }

  /** A road from {@code from} to {@code to} along x (or y if {@code vertical}) near {@code at}. */
  private static double[][] winding(
      double from, double to, double at, SplittableRandom random, boolean vertical) {
    double step = 700;
    int pieces = Math.max(1, (int) Math.ceil((to - from) / step));
    double tilt = Math.tan(Math.toRadians((random.nextDouble() - 0.5) * 12));
    double middle = (from + to) / 2;
    double[][] line = new double[2][pieces + 1];
    double offset = 0;
    for (int k = 0; k <= pieces; k++) {
      double s = from + (to - from) * k / pieces;
      offset = 0.7 * offset + 60 * Hashing.gaussian(random);
      double across = at + tilt * (s - middle) + offset;
      line[vertical ? 1 : 0][k] = s;
      line[vertical ? 0 : 1][k] = across;
    }
    return line;
  }

  /**
   * The segments that can hold the nearest road of any point in {@code envelope} (metres): all
   * within the distance from the envelope's centre to its nearest segment plus the envelope's
   * diagonal.
   */
  List<Segment> candidates(Envelope envelope) {
    double cx = envelope.centre().x;
    double cy = envelope.centre().y;
    Segment nearest =
        (Segment)
            index.nearestNeighbour(
                new Envelope(cx, cx, cy, cy),
                null,
                (ItemBoundable a, ItemBoundable b) -> {
                  Segment s = (Segment) (a.getItem() instanceof Segment x ? x : b.getItem());
                  return distance(s, cx, cy);
                });
    double reach =
        distance(nearest, cx, cy) + Math.hypot(envelope.getWidth(), envelope.getHeight());
    Envelope search = new Envelope(envelope);
    search.expandBy(reach);
    @SuppressWarnings("unchecked")
    List<Segment> found = new ArrayList<>(index.query(search));
    found.sort((a, b) -> a.road() != b.road() ? a.road() - b.road() : a.index() - b.index());
    return found;
  }

  /** The nearest road to (x, y) among {@code candidates}; ties go to the first candidate. */
  static Hit nearest(List<Segment> candidates, double x, double y) {
    Segment best = null;
    double bestD = Double.POSITIVE_INFINITY;
    for (Segment s : candidates) {
      double d = distance(s, x, y);
      if (d < bestD) {
        bestD = d;
        best = s;
      }
    }
    double dx = best.bx() - best.ax();
    double dy = best.by() - best.ay();
    double len2 = dx * dx + dy * dy;
    double t =
        len2 == 0
            ? 0
            : Math.max(0, Math.min(1, ((x - best.ax()) * dx + (y - best.ay()) * dy) / len2));
    boolean left = dx * (y - best.ay()) - dy * (x - best.ax()) > 0;
    return new Hit(best.road(), best.startAlong() + t * Math.sqrt(len2), left, bestD);
  }

  static double distance(Segment s, double x, double y) {
    double dx = s.bx() - s.ax();
    double dy = s.by() - s.ay();
    double len2 = dx * dx + dy * dy;
    double t =
        len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - s.ax()) * dx + (y - s.ay()) * dy) / len2));
    return Math.hypot(s.ax() + t * dx - x, s.ay() + t * dy - y);
  }
}
