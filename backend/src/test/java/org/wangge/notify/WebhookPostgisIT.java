package org.wangge.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wangge.PostgisDatabase;

/**
 * The notification webhook on PostGIS, and the receiver down while cases are assigned: nothing is
 * lost, every delivery arrives with the id it was written with. The suite keeps the receiver down
 * for 15 s; the full minute of the issue runs with {@code -Dwangge.test.webhook-down-seconds=60}
 * (docs/notifications.md).
 */
// A fresh database of its own: a small demo city starts faster and has every demo user the tests use.
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"wangge.demo.grids=40", "wangge.demo.addresses=2000", "wangge.demo.incidents=40"})
@ContextConfiguration(initializers = PostgisDatabase.class)
class WebhookPostgisIT extends WebhookContract {

  static final WebhookReceiver RECEIVER = new WebhookReceiver();

  @DynamicPropertySource
  static void webhooks(DynamicPropertyRegistry registry) {
    configure(registry, RECEIVER);
  }

  @Override
  WebhookReceiver receiver() {
    return RECEIVER;
  }

  /** How long the receiver stays down: 15 s in the suite, 60 s for the full minute. */
  static final long DOWN_SECONDS = Long.getLong("wangge.test.webhook-down-seconds", 15);

  @Test
  void aReceiverDownForAWhileLosesNothing() {
    long attempts = Math.max(3, DOWN_SECONDS / 6);
    List<Filed> cases = new ArrayList<>();
    Instant down = Instant.now();
    RECEIVER.stop();
    try {
      for (int i = 0; i < 3; i++) {
        cases.add(dispatched());
      }
      // A real outage, the worker retrying all along (waits capped at 2 s).
      await().atMost(Duration.ofSeconds(DOWN_SECONDS + 30))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  Duration.between(down, Instant.now()).compareTo(Duration.ofSeconds(DOWN_SECONDS)) >= 0
                      && cases.stream()
                          .allMatch(f -> outboxCount("incident_id = ? AND action = 'DISPATCH' AND endpoint = 'members' AND attempts >= " + attempts, f.id()) == 1));
      for (Filed f : cases) {
        assertThat(outboxCount("incident_id = ? AND delivered_at IS NOT NULL", f.id())).isZero();
        assertThat(outboxCount("incident_id = ? AND delivered_at IS NULL AND next_attempt_at IS NULL", f.id()))
            .as("not given up")
            .isZero();
      }
    } finally {
      RECEIVER.start();
    }
    await().atMost(Duration.ofSeconds(30))
        .until(() -> cases.stream().allMatch(f -> outboxCount("incident_id = ? AND delivered_at IS NULL", f.id()) == 0));
    Set<String> written = new HashSet<>();
    for (Filed f : cases) {
      written.addAll(
          jdbc.queryForList(
              "SELECT CAST(delivery_id AS VARCHAR(36)) FROM notification_outbox WHERE incident_id = ? AND action = 'DISPATCH' AND endpoint = 'members'",
              String.class,
              f.id()));
      var got = dispatches(f);
      assertThat(got).as(f.number()).hasSize(1);
      assertSigned(got.getFirst(), MEMBER_SECRET);
    }
    assertThat(written).hasSize(3);
    assertThat(RECEIVER.countsById().keySet()).containsAll(written);
  }
}
