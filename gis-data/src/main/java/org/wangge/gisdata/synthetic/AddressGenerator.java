package org.wangge.gisdata.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.wangge.gisdata.model.AddressRecord;

/**
 * Standard addresses: points strictly inside their grid (never on a boundary, checked on the 1e-7°
 * grid the files use), numbered along their nearest road, with households and residents.
 *
 * <ul>
 *   <li>Addresses per grid: largest-remainder apportionment of the total by grid area × density^0.8
 *       × a per-grid random factor (lognormal, σ 0.2; 2% of grids are sparse: parks, works, water).
 *       Grids are smaller where density is high, so households per grid vary much less than
 *       density.
 *   <li>Door numbers: every 20 m along the road from the first address on it, odd on the left, even
 *       on the right. Several addresses at one door number form a compound: buildings (栋) of 2–4
 *       units (单元) each; a lone address is a street-front door without building or unit.
 *   <li>Households per address: 0 (shops) to 10, mean about 1.6; residents 1–5 per household, mean
 *       about 2.6.
 *   <li>Codes: grid code + 5-digit sequence in (road, number, building, unit) order.
 * </ul>
 *
 * Work is split by grid over threads; every grid draws from its own random stream, so the result
 * does not depend on scheduling.
 */
final class AddressGenerator {

  /** Door numbers advance every this many metres along a road. */
  static final double DOOR_SPACING = 20;

  private AddressGenerator() {}

  /** What one grid's addresses look like before numbering. */
  private record GridAddresses(
      double[] lon,
      double[] lat,
      int[] road,
      double[] along,
      boolean[] left,
      int[] households,
      int[] residents) {}

  static List<AddressRecord> generate(
      AreaTree tree,
      CitySpec spec,
      LocalProjection projection,
      CityShape shape,
      RoadNetwork roads,
      long seed) {
    List<AreaTree.Node> grids = tree.grids;
    int g = grids.size();
    int[] counts = apportion(weights(grids, shape, seed), spec.addresses());
    GridAddresses[] perGrid = new GridAddresses[g];
    IntStream.range(0, g)
        .parallel()
        .forEach(i -> perGrid[i] = place(grids.get(i), counts[i], projection, roads, seed, i));

    // Global arrays in grid order.
    int total = spec.addresses();
    int[] offset = new int[g + 1];
    for (int i = 0; i < g; i++) {
      offset[i + 1] = offset[i] + counts[i];
    }
    int roadCount = roads.names.size();
    double[] minAlong = new double[roadCount];
    Arrays.fill(minAlong, Double.POSITIVE_INFINITY);
    for (GridAddresses a : perGrid) {
      for (int k = 0; k < a.road.length; k++) {
        minAlong[a.road[k]] = Math.min(minAlong[a.road[k]], a.along[k]);
      }
    }
    int[] number = new int[total];
    int[] road = new int[total];
    long[] order = new long[total];
    int maxNumber = 0;
    for (int i = 0; i < g; i++) {
      GridAddresses a = perGrid[i];
      for (int k = 0; k < a.road.length; k++) {
        int id = offset[i] + k;
        int slot = (int) Math.floor((a.along[k] - minAlong[a.road[k]]) / DOOR_SPACING);
        number[id] = 2 * slot + (a.left[k] ? 1 : 2);
        road[id] = a.road[k];
        maxNumber = Math.max(maxNumber, number[id]);
        order[id] = ((long) road[id] << 43) | ((long) number[id] << 23) | id;
      }
    }
    // Compounds: addresses sharing road and number, in grid-code then placement order.
    Arrays.sort(order);
    int[] rank = new int[total];
    int[] building = new int[total];
    int[] unit = new int[total];
    for (int start = 0; start < total; ) {
      int id0 = (int) (order[start] & 0x7fffff);
      int end = start + 1;
      while (end < total && (order[end] >>> 23) == (order[start] >>> 23)) {
        end++;
      }
      int size = end - start;
      int unitsPerBuilding =
          2 + (int) Long.remainderUnsigned(Hashing.mix(seed, road[id0], number[id0]), 3);
      for (int p = start; p < end; p++) {
        int id = (int) (order[p] & 0x7fffff);
        rank[id] = p;
        if (size > 1) {
          building[id] = 1 + (p - start) / unitsPerBuilding;
          unit[id] = 1 + (p - start) % unitsPerBuilding;
        }
      }
      start = end;
    }

    String[] numberText = new String[maxNumber + 1];
    List<String> buildingText = new ArrayList<>();
    List<String> unitText = new ArrayList<>();
    List<AddressRecord> result = new ArrayList<>(total);
    for (int i = 0; i < g; i++) {
      AreaTree.Node grid = grids.get(i);
      AreaTree.Node community = grid.parent;
      AreaTree.Node street = community.parent;
      AreaTree.Node district = street.parent;
      String prefix =
          Names.PROVINCE + Names.CITY + district.name + street.name + community.name + " ";
      GridAddresses a = perGrid[i];
      int n = a.road.length;
      Integer[] local = new Integer[n];
      for (int k = 0; k < n; k++) {
        local[k] = k;
      }
      int base = offset[i];
      Arrays.sort(local, (x, y) -> Integer.compare(rank[base + x], rank[base + y]));
      int households = 0;
      int residents = 0;
      for (int seq = 0; seq < n; seq++) {
        int k = local[seq];
        int id = base + k;
        String roadName = roads.names.get(road[id]);
        String num = numberText[number[id]];
        if (num == null) {
          num = number[id] + "号";
          numberText[number[id]] = num;
        }
        String b = building[id] == 0 ? null : cached(buildingText, building[id], "栋");
        String u = unit[id] == 0 ? null : cached(unitText, unit[id], "单元");
        StringBuilder text =
            new StringBuilder(prefix.length() + 24).append(prefix).append(roadName).append(num);
        if (b != null) {
          text.append(b).append(u);
        }
        result.add(
            new AddressRecord(
                grid.code + fiveDigits(seq + 1),
                text.toString(),
                roadName,
                num,
                b,
                u,
                a.lon[k],
                a.lat[k],
                a.households[k],
                a.residents[k],
                grid.code));
        households += a.households[k];
        residents += a.residents[k];
      }
      grid.households = households;
      grid.residents = residents;
    }
    return result;
  }

  private static String cached(List<String> cache, int value, String suffix) {
    while (cache.size() <= value) {
      cache.add(cache.size() + suffix);
    }
    return cache.get(value);
  }

  static String fiveDigits(int value) {
    String s = Integer.toString(value);
    return "00000".substring(s.length()) + s;
  }

  private static double[] weights(List<AreaTree.Node> grids, CityShape shape, long seed) {
    double[] w = new double[grids.size()];
    for (int i = 0; i < w.length; i++) {
      AreaTree.Node grid = grids.get(i);
      SplittableRandom random = Hashing.stream(seed, "grid-weight", i);
      double factor = Math.exp(0.2 * Hashing.gaussian(random));
      if (random.nextDouble() < 0.02) {
        factor *= 0.3;
      }
      w[i] =
          grid.areaSquareMetres
              * Math.pow(shape.density(grid.centroidX, grid.centroidY), 0.8)
              * factor;
    }
    return w;
  }

  /** Largest-remainder apportionment of {@code total} by {@code weights}; ties to lower index. */
  static int[] apportion(double[] weights, int total) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    int[] counts = new int[weights.length];
    double[] remainder = new double[weights.length];
    int assigned = 0;
    for (int i = 0; i < weights.length; i++) {
      double quota = total * weights[i] / sum;
      counts[i] = (int) Math.floor(quota);
      remainder[i] = quota - counts[i];
      assigned += counts[i];
    }
    Integer[] byRemainder = new Integer[weights.length];
    for (int i = 0; i < weights.length; i++) {
      byRemainder[i] = i;
    }
    Arrays.sort(
        byRemainder,
        (a, b) ->
            remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
    for (int k = 0; assigned < total; k++) {
      counts[byRemainder[k % weights.length]]++;
      assigned++;
    }
    return counts;
  }

  private static GridAddresses place(
      AreaTree.Node grid,
      int n,
      LocalProjection projection,
      RoadNetwork roads,
      long seed,
      int index) {
    SplittableRandom random = Hashing.stream(seed, "addresses", index);
    IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(grid.polygon);
    Envelope env = grid.polygon.getEnvelopeInternal();
    Envelope metric =
        new Envelope(
            projection.x(env.getMinX()), projection.x(env.getMaxX()),
            projection.y(env.getMinY()), projection.y(env.getMaxY()));
    List<RoadNetwork.Segment> candidates = roads.candidates(metric);
    double[] lon = new double[n];
    double[] lat = new double[n];
    int[] road = new int[n];
    double[] along = new double[n];
    boolean[] left = new boolean[n];
    int[] households = new int[n];
    int[] residents = new int[n];
    Coordinate c = new Coordinate();
    for (int k = 0; k < n; k++) {
      do {
        c.x = LocalProjection.snap(env.getMinX() + env.getWidth() * random.nextDouble());
        c.y = LocalProjection.snap(env.getMinY() + env.getHeight() * random.nextDouble());
      } while (locator.locate(c) != Location.INTERIOR);
      lon[k] = c.x;
      lat[k] = c.y;
      RoadNetwork.Hit hit = RoadNetwork.nearest(candidates, projection.x(c.x), projection.y(c.y));
      road[k] = hit.road();
      along[k] = hit.along();
      left[k] = hit.left();
      households[k] = households(random);
      residents[k] = residents(random, households[k]);
    }
    return new GridAddresses(lon, lat, road, along, left, households, residents);
  }

  /** Households at one address: 0 (a shop) to 10, mean about 1.6. */
  static int households(SplittableRandom random) {
    double u = random.nextDouble();
    if (u < 0.10) {
      return 0;
    } else if (u < 0.62) {
      return 1;
    } else if (u < 0.84) {
      return 2;
    } else if (u < 0.92) {
      return 3;
    } else if (u < 0.97) {
      return 4;
    }
    return 5 + random.nextInt(6);
  }

  /** Residents of {@code households} households: 1–5 each, mean about 2.6. */
  static int residents(SplittableRandom random, int households) {
    int residents = 0;
    for (int h = 0; h < households; h++) {
      double u = random.nextDouble();
      residents += u < 0.18 ? 1 : u < 0.48 ? 2 : u < 0.78 ? 3 : u < 0.93 ? 4 : 5;
    }
    return residents;
  }
}
