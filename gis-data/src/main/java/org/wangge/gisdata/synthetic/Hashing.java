package org.wangge.gisdata.synthetic;

import java.util.SplittableRandom;

/**
 * Deterministic hashing and random streams. Every random choice of the generator draws from a
 * stream derived from the spec's seed and a fixed stream name (and an index where work is split),
 * so results do not depend on thread scheduling or on the order other stages consume numbers.
 */
final class Hashing {

  private Hashing() {}

  /** SplitMix64's finaliser: a good 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long mix(long a, long b) {
    return mix(mix(a) + 0x9E3779B97F4A7C15L * (b + 1));
  }

  static long mix(long a, long b, long c) {
    return mix(mix(a, b), c);
  }

  /** A uniform double in [0, 1) from a hash. */
  static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  /** A random stream for one named stage. */
  static SplittableRandom stream(long seed, String name) {
    return new SplittableRandom(mix(seed, name.hashCode()));
  }

  /** A random stream for one item of one named stage (e.g. the addresses of grid 17). */
  static SplittableRandom stream(long seed, String name, long index) {
    return new SplittableRandom(mix(seed, name.hashCode(), index));
  }

  /** A standard normal deviate (Box–Muller, one of the pair). */
  static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }

  /** Index drawn with probability proportional to {@code weights[i]}. */
  static int weighted(SplittableRandom random, double[] cumulative) {
    double r = random.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > r) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Running sums of {@code weights}, for {@link #weighted}. */
  static double[] cumulative(double[] weights) {
    double[] c = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      c[i] = sum;
    }
    return c;
  }
}
