package org.wangge.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wangge.security.Role;

class NotifyPropertiesTest {

  static NotifyProperties.Webhook hook(String name, String url, String secret, Set<Role> roles) {
    return new NotifyProperties.Webhook(name, url == null ? null : URI.create(url), secret, roles, null, null, null, null);
  }

  static NotifyProperties with(NotifyProperties.Webhook... hooks) {
    return new NotifyProperties(List.of(hooks), null, null, null, null, null, null, null, null);
  }

  @Test
  void defaultsAreNoWebhooksAndTheDocumentedSchedule() {
    var p = new NotifyProperties(null, null, null, null, null, null, null, null, null);
    assertThat(p.webhooks()).isEmpty();
    assertThat(p.maxAttempts()).isEqualTo(15);
    assertThat(p.backoff(1, 0)).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.backoff(11, 0)).isEqualTo(Duration.ofHours(1));
    var h = with(hook("sms", "https://sms.example.org/hook", "0123456789abcdef", Set.of(Role.GRID_MEMBER))).webhooks().get(0);
    assertThat(h.events()).containsExactlyInAnyOrder(NotificationEvent.values());
    assertThat(h.includePhones()).isFalse();
  }

  @Test
  void everyBadValueNamesItsProperty() {
    Set<Role> member = Set.of(Role.GRID_MEMBER);
    assertThatThrownBy(() -> with(hook("sms", "ftp://x.example.org/", "0123456789abcdef", member)))
        .hasMessageStartingWith("wangge.notify.webhooks[0].url ");
    assertThatThrownBy(() -> with(hook("sms", null, "0123456789abcdef", member))).hasMessageStartingWith("wangge.notify.webhooks[0].url ");
    assertThatThrownBy(() -> with(hook("sms", "https://x.example.org/", "short", member)))
        .hasMessageStartingWith("wangge.notify.webhooks[0].secret ");
    assertThatThrownBy(() -> with(hook("sms", "https://x.example.org/", "0123456789abcdef", Set.of())))
        .hasMessageStartingWith("wangge.notify.webhooks[0].roles ");
    assertThatThrownBy(() -> with(hook("sms", "https://x.example.org/", "0123456789abcdef", Set.of(Role.PLANNER))))
        .hasMessageStartingWith("wangge.notify.webhooks[0].roles ")
        .hasMessageContaining("PLANNER");
    assertThatThrownBy(
            () ->
                with(
                    hook("sms", "https://x.example.org/", "0123456789abcdef", member),
                    hook("sms", "https://y.example.org/", "0123456789abcdef", member)))
        .hasMessageStartingWith("wangge.notify.webhooks[1].name ");
    assertThatThrownBy(() -> with(hook(null, "https://x.example.org/", "0123456789abcdef", member)))
        .hasMessageStartingWith("wangge.notify.webhooks[0].name ");
    assertThat(new NotifyProperties(null, null, null, Duration.ofSeconds(5), null, null, null, null, null).lease())
        .as("a short lease is fine without webhooks")
        .isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(
            () ->
                new NotifyProperties(
                    List.of(hook("sms", "https://x.example.org/", "0123456789abcdef", member)),
                    null, null, Duration.ofSeconds(5), null, null, null, null, null))
        .hasMessageStartingWith("wangge.notify.lease ")
        .hasMessageContaining("webhooks[0].connect-timeout");
    assertThatThrownBy(() -> new NotifyProperties(null, null, null, null, null, 0, null, null, null))
        .hasMessageStartingWith("wangge.notify.max-attempts ");
    assertThatThrownBy(() -> new NotifyProperties(null, null, null, null, null, null, null, null, 1.0))
        .hasMessageStartingWith("wangge.notify.backoff-jitter ");
    assertThatThrownBy(() -> new NotifyProperties(null, null, null, null, null, null, Duration.ofMinutes(5), Duration.ofMinutes(1), null))
        .hasMessageStartingWith("wangge.notify.backoff-max ");
  }
}
