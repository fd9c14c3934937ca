package org.wangge.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  static final Duration TEN_SECONDS = Duration.ofSeconds(10);
  static final Duration HOUR = Duration.ofHours(1);

  @Test
  void withoutJitterEachWaitDoublesFromTheInitialUpToTheCap() {
    var waits = IntStream.rangeClosed(1, 15).mapToObj(n -> Backoff.delay(TEN_SECONDS, HOUR, 0.2, n, 0).toSeconds()).toList();
    assertThat(waits).containsExactly(10L, 20L, 40L, 80L, 160L, 320L, 640L, 1280L, 2560L, 3600L, 3600L, 3600L, 3600L, 3600L, 3600L);
  }

  @Test
  void jitterShortensAWaitByAtMostItsFraction() {
    assertThat(Backoff.delay(TEN_SECONDS, HOUR, 0.2, 3, 0.5)).isEqualTo(Duration.ofSeconds(36));
    assertThat(Backoff.delay(TEN_SECONDS, HOUR, 0.2, 3, 0.999_999).toMillis()).isGreaterThanOrEqualTo(32_000).isLessThan(40_000);
    assertThat(Backoff.delay(TEN_SECONDS, HOUR, 0.2, 20, 0.999_999).toMillis()).isGreaterThanOrEqualTo(2_880_000);
  }

  @Test
  void aVeryLateAttemptStaysAtTheCapWithoutOverflow() {
    assertThat(Backoff.delay(TEN_SECONDS, HOUR, 0, 64, 0)).isEqualTo(HOUR);
    assertThat(Backoff.delay(TEN_SECONDS, HOUR, 0, Integer.MAX_VALUE, 0)).isEqualTo(HOUR);
    assertThat(Backoff.delay(Duration.ofMillis(1), Duration.ofDays(365), 0, 63, 0)).isEqualTo(Duration.ofDays(365));
  }

  @Test
  void attemptsStartAtOne() {
    assertThatThrownBy(() -> Backoff.delay(TEN_SECONDS, HOUR, 0, 0, 0)).hasMessageContaining("at least 1");
  }
}
