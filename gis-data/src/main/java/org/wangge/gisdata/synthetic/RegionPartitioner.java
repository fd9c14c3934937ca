package org.wangge.gisdata.synthetic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Splits a connected adjacency graph of areas into {@code k} contiguous, compact regions of about
 * equal size (number of nodes): the grouping of grids into communities, communities into streets
 * and streets into districts.
 *
 * <p>Seeds are spread along a Hilbert curve through the node centroids. Regions then grow from
 * their seeds all at once, the smallest region taking its next node first, each region taking the
 * free neighbouring node nearest its centre (balanced multi-source growth); a region with no free
 * neighbour stops, and nodes left over join their smallest neighbouring region. This is repeated a
 * few times with each region's mean position as its new centre (Lloyd-style), which evens out sizes
 * and compactness. Every region is contiguous by construction; holes (a region enclosing another)
 * are rare and are detected by the caller, which retries with another {@code attempt}. Finally,
 * regions much smaller than average take boundary nodes from a larger neighbour when this keeps the
 * neighbour contiguous.
 *
 * <p>Deterministic: the same input, seed and attempt give the same regions.
 */
final class RegionPartitioner {

  private static final int LLOYD_ROUNDS = 4;

  private final int[][] adjacency;
  private final double[] x;
  private final double[] y;
  private final int n;
  private final int k;

  private RegionPartitioner(int[][] adjacency, double[] x, double[] y, int k) {
    this.adjacency = adjacency;
    this.x = x;
    this.y = y;
    this.n = x.length;
    this.k = k;
  }

  /**
   * @param adjacency neighbours of each node, connected overall
   * @param x node centroid x, metres
   * @param y node centroid y, metres
   * @param k number of regions, 1 to the number of nodes
   * @return the region (0 to k - 1) of each node; every region is non-empty and contiguous
   */
  static int[] partition(int[][] adjacency, double[] x, double[] y, int k, long seed, int attempt) {
    if (k < 1 || k > x.length) {
      throw new IllegalArgumentException("cannot split " + x.length + " nodes into " + k);
    }
    return new RegionPartitioner(adjacency, x, y, k).run(seed, attempt);
  }

  private int[] run(long seed, int attempt) {
    SplittableRandom random = Hashing.stream(seed, "partition", attempt);
    Integer[] order = hilbertOrder();
    double[] centreX = new double[k];
    double[] centreY = new double[k];
    for (int j = 0; j < k; j++) {
      double jitter = attempt == 0 ? 0 : (random.nextDouble() - 0.5) * 0.9;
      int position = (int) Math.floor((j + 0.5 + jitter) * n / k);
      int node = order[Math.max(0, Math.min(n - 1, position))];
      centreX[j] = x[node];
      centreY[j] = y[node];
    }
    int[] region = null;
    for (int round = 0; round < LLOYD_ROUNDS; round++) {
      int[] seeds = new int[k];
      if (region == null) {
        seeds = distinctSeeds(order, centreX, centreY);
      } else {
        double[] best = new double[k];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
          int j = region[i];
          double d = sq(x[i] - centreX[j]) + sq(y[i] - centreY[j]);
          if (d < best[j]) {
            best[j] = d;
            seeds[j] = i;
          }
        }
      }
      region = grow(seeds, centreX, centreY);
      double[] sx = new double[k];
      double[] sy = new double[k];
      int[] size = new int[k];
      for (int i = 0; i < n; i++) {
        sx[region[i]] += x[i];
        sy[region[i]] += y[i];
        size[region[i]]++;
      }
      for (int j = 0; j < k; j++) {
        centreX[j] = sx[j] / size[j];
        centreY[j] = sy[j] / size[j];
      }
    }
    rebalance(region);
    return region;
  }

  /** The node nearest each centre, all distinct. */
  private int[] distinctSeeds(Integer[] order, double[] centreX, double[] centreY) {
    int[] seeds = new int[k];
    boolean[] taken = new boolean[n];
    for (int j = 0; j < k; j++) {
      int best = -1;
      double bestD = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (!taken[i]) {
          double d = sq(x[i] - centreX[j]) + sq(y[i] - centreY[j]);
          if (d < bestD) {
            bestD = d;
            best = i;
          }
        }
      }
      seeds[j] = best;
      taken[best] = true;
    }
    return seeds;
  }

  private int[] grow(int[] seeds, double[] centreX, double[] centreY) {
    int[] region = new int[n];
    Arrays.fill(region, -1);
    int[] size = new int[k];
    List<PriorityQueue<Integer>> candidates = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      double cx = centreX[j];
      double cy = centreY[j];
      candidates.add(
          new PriorityQueue<>(
              (a, b) -> {
                int c =
                    Double.compare(sq(x[a] - cx) + sq(y[a] - cy), sq(x[b] - cx) + sq(y[b] - cy));
                return c != 0 ? c : Integer.compare(a, b);
              }));
      region[seeds[j]] = j;
      size[j] = 1;
    }
    for (int j = 0; j < k; j++) {
      for (int s : adjacency[seeds[j]]) {
        if (region[s] < 0) {
          candidates.get(j).add(s);
        }
      }
    }
    PriorityQueue<Integer> regions =
        new PriorityQueue<>((a, b) -> size[a] != size[b] ? size[a] - size[b] : a - b);
    for (int j = 0; j < k; j++) {
      regions.add(j);
    }
    while (!regions.isEmpty()) {
      int j = regions.poll();
      Integer next;
      while ((next = candidates.get(j).poll()) != null && region[next] >= 0) {
        // already taken by another region
      }
      if (next == null) {
        continue; // stuck: no free neighbour
      }
      region[next] = j;
      size[j]++;
      for (int s : adjacency[next]) {
        if (region[s] < 0) {
          candidates.get(j).add(s);
        }
      }
      regions.add(j);
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < n; i++) {
        if (region[i] < 0) {
          int best = -1;
          for (int s : adjacency[i]) {
            int j = region[s];
            if (j >= 0
                && (best < 0 || size[j] < size[best] || (size[j] == size[best] && j < best))) {
              best = j;
            }
          }
          if (best >= 0) {
            region[i] = best;
            size[best]++;
            changed = true;
          }
        }
      }
    }
    return region;
  }

  /**
   * Moves boundary nodes from larger regions to neighbouring regions under 60% of the average size,
   * keeping every donor contiguous.
   */
  private void rebalance(int[] region) {
    int[] size = new int[k];
    for (int j : region) {
      size[j]++;
    }
    double average = (double) n / k;
    int minSize = (int) Math.ceil(0.6 * average);
    for (int pass = 0; pass < 4 * (int) Math.ceil(average); pass++) {
      boolean moved = false;
      for (int j = 0; j < k; j++) {
        if (size[j] >= minSize) {
          continue;
        }
        // Best boundary node of a larger neighbour: the donor is the largest, ties by node index.
        int bestNode = -1;
        for (int i = 0; i < n; i++) {
          int donor = region[i];
          if (donor == j || size[donor] <= size[j] + 1) {
            continue;
          }
          boolean touches = false;
          for (int s : adjacency[i]) {
            if (region[s] == j) {
              touches = true;
              break;
            }
          }
          if (touches
              && (bestNode < 0 || size[donor] > size[region[bestNode]])
              && staysContiguous(region, i)) {
            bestNode = i;
          }
        }
        if (bestNode >= 0) {
          size[region[bestNode]]--;
          region[bestNode] = j;
          size[j]++;
          moved = true;
        }
      }
      if (!moved) {
        break;
      }
    }
  }

  /** Whether the region of {@code node} stays contiguous without it. */
  private boolean staysContiguous(int[] region, int node) {
    int j = region[node];
    int start = -1;
    int total = 0;
    for (int i = 0; i < n; i++) {
      if (region[i] == j && i != node) {
        total++;
        if (start < 0) {
          start = i;
        }
      }
    }
    if (start < 0) {
      return false;
    }
    boolean[] seen = new boolean[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(start);
    seen[start] = true;
    int reached = 1;
    while (!queue.isEmpty()) {
      int i = queue.poll();
      for (int s : adjacency[i]) {
        if (s != node && region[s] == j && !seen[s]) {
          seen[s] = true;
          reached++;
          queue.add(s);
        }
      }
    }
    return reached == total;
  }

  private Integer[] hilbertOrder() {
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      minX = Math.min(minX, x[i]);
      maxX = Math.max(maxX, x[i]);
      minY = Math.min(minY, y[i]);
      maxY = Math.max(maxY, y[i]);
    }
    double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-9);
    int side = 1 << 16;
    long[] h = new long[n];
    for (int i = 0; i < n; i++) {
      int hx = (int) Math.min(side - 1, (x[i] - minX) / span * side);
      int hy = (int) Math.min(side - 1, (y[i] - minY) / span * side);
      h[i] = hilbert(side, hx, hy);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> h[a] != h[b] ? Long.compare(h[a], h[b]) : a - b);
    return order;
  }

  /** Distance of (x, y) along the Hilbert curve filling a side × side square. */
  static long hilbert(int side, int x, int y) {
    long d = 0;
    for (int s = side / 2; s > 0; s /= 2) {
      int rx = (x & s) > 0 ? 1 : 0;
      int ry = (y & s) > 0 ? 1 : 0;
      d += (long) s * s * ((3 * rx) ^ ry);
      if (ry == 0) {
        if (rx == 1) {
          x = side - 1 - x;
          y = side - 1 - y;
        }
        int t = x;
        x = y;
        y = t;
      }
    }
    return d;
  }

  private static double sq(double v) {
    return v * v;
  }
}
