package org.wangge.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tells which configured client an {@code api_key} belongs to (constant-time comparison). */
@Component
class Open311Clients {

  private final Map<String, Open311Properties.Client> clients;

  Open311Clients(Open311Properties properties) {
    this.clients = properties.clients();
  }

  /** The client's name, or empty when no enabled client has this key. */
  Optional<String> clientFor(String apiKey) {
    if (apiKey == null || apiKey.isEmpty()) {
      return Optional.empty();
    }
    byte[] given = apiKey.getBytes(StandardCharsets.UTF_8);
    String found = null;
    for (var entry : clients.entrySet()) {
      String key = entry.getValue() == null ? null : entry.getValue().apiKey();
      if (key != null && !key.isBlank() && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), given)) {
        found = entry.getKey();
      }
    }
    return Optional.ofNullable(found);
  }

  /** Whether some client is configured with the public demo key. */
  boolean usesDemoKey() {
    return clients.values().stream()
        .anyMatch(c -> c != null && Open311Properties.DEMO_API_KEY.equals(c.apiKey()));
  }
}
