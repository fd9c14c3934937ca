package org.wangge.notify;

import java.time.Duration;

/** The retry schedule: exponential backoff with a cap and jitter. Pure; thread-safe. */
final class Backoff {

  private Backoff() {}

  /**
   * The wait after {@code attempts} failed attempts (1 = after the first): {@code initial ×
   * 2^(attempts−1)}, at most {@code max}, then shortened by {@code jitter × random} of itself
   * (random in [0, 1)), so it lies in {@code [(1 − jitter) × d, d]}.
   */
  static Duration delay(Duration initial, Duration max, double jitter, int attempts, double random) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    long initialMillis = initial.toMillis();
    long maxMillis = max.toMillis();
    long millis = maxMillis;
    int doublings = attempts - 1;
    if (doublings < 62 && initialMillis <= (maxMillis >> Math.min(doublings, 62))) {
      millis = Math.min(maxMillis, initialMillis << doublings);
    }
    return Duration.ofMillis(Math.round(millis * (1 - jitter * random)));
  }
}
