package org.wangge.open311;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wangge.open311.*}: the Open311 clients, each by name with its API key. A client with an
 * empty key is switched off. The default profile has the client {@code demo} with {@link
 * #DEMO_API_KEY}; the prod profile removes it and refuses to start with the demo key anywhere.
 *
 * @param clients client name → settings; names are at most 40 characters of letters, digits, '-'
 *     and '_'
 */
@ConfigurationProperties("wangge.open311")
record Open311Properties(Map<String, Client> clients) {

  /** The public demo key of the default profile. Never for production. */
  static final String DEMO_API_KEY = "wangge-open311-demo-2026";

  /** One client (a citizen app's server): the key it sends as {@code api_key}. */
  record Client(String apiKey) {}

  Open311Properties {
    clients = clients == null ? Map.of() : new LinkedHashMap<>(clients);
    for (var entry : clients.entrySet()) {
      if (!entry.getKey().matches("[A-Za-z0-9_-]{1,40}")) {
        throw new IllegalArgumentException(
            "wangge.open311.clients." + entry.getKey() + ": a client name is 1 to 40 letters, digits, '-' or '_'");
      }
      String key = entry.getValue() == null ? null : entry.getValue().apiKey();
      if (key != null && !key.isBlank() && key.length() < 16) {
        throw new IllegalArgumentException(
            "wangge.open311.clients." + entry.getKey() + ".api-key is shorter than 16 characters: use `openssl rand -hex 24`");
      }
    }
  }
}
