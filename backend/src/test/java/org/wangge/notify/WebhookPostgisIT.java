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
 * The notification webhook on PostGIS, and the receiver down for a full minute while cases are
 * assigned: nothing is lost, every delivery arrives with the id it was written with.
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

  @Test
  void aReceiverDownForAFullMinuteLosesNothing() {
    List<Filed> cases = new ArrayList<>();
    Instant down = Instant.now();
    RECEIVER.stop();
    try {
      for (int i = 0; i < 3; i++) {
        cases.add(dispatched());
      }
      // A real minute without the receiver, the worker retrying all along (waits capped at 2 s).
      await().atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  Duration.between(down, Instant.now()).compareTo(Duration.ofSeconds(60)) >= 0
                      && cases.stream()
                          .allMatch(f -> outboxCount("incident_id = ? AND action = 'DISPATCH' AND endpoint = 'members' AND attempts >= 10", f.id()) == 1));
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
