package org.wangge.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdempotencyPropertiesTest {

  @Test
  void keysAreRememberedADayByDefault() {
    assertThat(new IdempotencyProperties(null).keyTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(new IdempotencyProperties(Duration.ofMinutes(5)).keyTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aTtlOfZeroOrLessStopsTheStart() {
    assertThatThrownBy(() -> new IdempotencyProperties(Duration.ZERO)).hasMessageContaining("wangge.idempotency.key-ttl");
    assertThatThrownBy(() -> new IdempotencyProperties(Duration.ofHours(-1))).hasMessageContaining("wangge.idempotency.key-ttl");
  }

  @Test
  void aKeyIsVisibleAsciiOfAtMost100Characters() {
    assertThat(IdempotencyKeys.check(null)).isNull();
    assertThat(IdempotencyKeys.check("3f1c0d1e-7c55-4c1b-9f0e-6a2b1d0c9e8f")).isNotNull();
    for (String bad : new String[] {"", " ", "with space", "键", "x".repeat(101)}) {
      assertThatThrownBy(() -> IdempotencyKeys.check(bad)).as(bad).hasMessageContaining("visible ASCII");
    }
  }

  @Test
  void theFingerprintCoversTheOperationTheFieldsAndThePhotos() {
    var scope = new IdempotencyKeys.Scope("user:1");
    var request = new CaseActionRequest("ACCEPT", null, null, null, null, null, null, null, null, null, null, null);
    String a = IdempotencyKeys.request(scope, "k", "POST /api/incidents/1/actions", request, java.util.List.of()).fingerprint();
    assertThat(IdempotencyKeys.request(scope, "k", "POST /api/incidents/1/actions", request, java.util.List.of()).fingerprint()).isEqualTo(a);
    assertThat(IdempotencyKeys.request(scope, "k", "POST /api/incidents/2/actions", request, java.util.List.of()).fingerprint()).isNotEqualTo(a);
    var start = new CaseActionRequest("START", null, null, null, null, null, null, null, null, null, null, null);
    assertThat(IdempotencyKeys.request(scope, "k", "POST /api/incidents/1/actions", start, java.util.List.of()).fingerprint()).isNotEqualTo(a);
    assertThat(IdempotencyKeys.request(scope, null, "POST /api/incidents/1/actions", request, java.util.List.of())).isNull();
  }
}
