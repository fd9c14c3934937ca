package org.wangge.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.PostgisDatabase;

/**
 * Idempotency keys on PostGIS, and what only a server database has: several instances (here two
 * {@link IdempotencyKeys}, each with its own in-memory locks) racing with one key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgisDatabase.class)
class IdempotencyPostgisIT extends IdempotencyContract {

  @Autowired IdempotencyProperties properties;

  @Test
  void twoInstancesRacingWithOneKeyApplyItOnce() throws Exception {
    long id = newCase();
    String status = status(id);
    String reason = "idempotency race " + UUID.randomUUID();
    var instances = List.of(keys, new IdempotencyKeys(jdbc, transactions, properties));
    var keyed = new IdempotencyKeys.KeyedRequest(new IdempotencyKeys.Scope("user:0"), UUID.randomUUID().toString(), "fingerprint");
    IdempotencyKeys.Operation<Long> urge =
        new IdempotencyKeys.Operation<>() {
          @Override
          public IdempotencyKeys.Done<Long> first() {
            // Hold the transaction open a moment, so that the other instance's insert of the key waits.
            jdbc.queryForList("SELECT pg_sleep(0.2)");
            jdbc.update(
                "INSERT INTO incident_event (incident_id, occurred_at, actor, action, from_status, to_status, reason)"
                    + " VALUES (?, CURRENT_TIMESTAMP, 'test', 'URGE', ?, ?, ?)",
                id, status, status, reason);
            return new IdempotencyKeys.Done<>(entry(reason), id);
          }

          @Override
          public Long repeat(long incidentId) {
            assertThat(incidentId).isEqualTo(id);
            return entry(reason);
          }
        };
    List<Callable<IdempotencyKeys.Answer<Long>>> tries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      var instance = instances.get(i % 2);
      tries.add(() -> instance.run(keyed, Instant.now(), urge));
    }
    Set<Long> answers = new HashSet<>();
    int first = 0;
    try (var pool = Executors.newFixedThreadPool(10)) {
      for (Future<IdempotencyKeys.Answer<Long>> f : pool.invokeAll(tries)) {
        var answer = f.get();
        answers.add(answer.body());
        first += answer.replayed() ? 0 : 1;
      }
    }
    assertThat(first).isEqualTo(1);
    assertThat(answers).hasSize(1);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_event WHERE reason = ?", Long.class, reason)).isEqualTo(1);
  }

  private long entry(String reason) {
    return jdbc.queryForObject("SELECT max(id) FROM incident_event WHERE reason = ?", Long.class, reason);
  }
}
