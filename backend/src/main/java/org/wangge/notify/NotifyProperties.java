package org.wangge.notify;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.wangge.security.Role;

/**
 * {@code wangge.notify.*}: the webhooks that notifications go to, and how they are delivered. Checked
 * at start-up; a bad value stops the application with a message naming the property.
 *
 * @param webhooks the endpoints (none by default: nothing is written to the outbox)
 * @param publicUrl the service's address as people open it, for the case link in a payload
 *     (default {@code http://localhost:8080})
 * @param pollInterval how often each instance looks for due deliveries (default 5 s)
 * @param lease how long a claimed delivery is left to its sender before another instance may take it
 *     again (default 2 min; must exceed every webhook's connect plus request timeout)
 * @param batchSize deliveries claimed at once, sent concurrently (default 50)
 * @param maxAttempts attempts before a delivery is given up as failed (default 15)
 * @param backoffInitial the wait after the first failed attempt (default 10 s); each further one
 *     doubles it
 * @param backoffMax the longest wait between attempts (default 1 h)
 * @param backoffJitter the fraction (0–1) by which each wait is shortened at random, so that
 *     instances do not retry in step (default 0.2)
 */
@ConfigurationProperties("wangge.notify")
record NotifyProperties(
    List<Webhook> webhooks,
    URI publicUrl,
    Duration pollInterval,
    Duration lease,
    Integer batchSize,
    Integer maxAttempts,
    Duration backoffInitial,
    Duration backoffMax,
    Double backoffJitter) {

  /**
   * One endpoint, {@code wangge.notify.webhooks[n].*}.
   *
   * @param name a short stable name, unique (it is stored with each delivery; renaming an endpoint
   *     fails its pending deliveries)
   * @param url where to POST, http or https
   * @param secret the HMAC-SHA256 key for {@code X-Wangge-Signature}, at least 16 characters
   * @param roles whose notifications it takes (Role names: GRID_MEMBER, GRID_LEADER,
   *     DEPARTMENT_OFFICER, OPERATOR)
   * @param events which events it takes (ASSIGNED, OVERDUE, ESCALATED, ALARM; default all)
   * @param connectTimeout default 5 s
   * @param requestTimeout the longest wait for the answer, default 10 s
   * @param includePhones whether recipients carry their phone numbers in clear (for an SMS gateway;
   *     default false). Phones are decrypted at send time and never stored in the outbox.
   */
  record Webhook(
      String name,
      URI url,
      String secret,
      Set<Role> roles,
      Set<NotificationEvent> events,
      Duration connectTimeout,
      Duration requestTimeout,
      Boolean includePhones) {

    Webhook {
      events = events == null || events.isEmpty() ? EnumSet.allOf(NotificationEvent.class) : Set.copyOf(events);
      roles = roles == null ? Set.of() : Set.copyOf(roles);
      connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
      requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
      includePhones = includePhones != null && includePhones;
    }
  }

  static final Set<Role> NOTIFIED_ROLES = EnumSet.of(Role.GRID_MEMBER, Role.GRID_LEADER, Role.DEPARTMENT_OFFICER, Role.OPERATOR);

  NotifyProperties {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    publicUrl = publicUrl == null ? URI.create("http://localhost:8080") : publicUrl;
    pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
    lease = lease == null ? Duration.ofMinutes(2) : lease;
    batchSize = batchSize == null ? 50 : batchSize;
    maxAttempts = maxAttempts == null ? 15 : maxAttempts;
    backoffInitial = backoffInitial == null ? Duration.ofSeconds(10) : backoffInitial;
    backoffMax = backoffMax == null ? Duration.ofHours(1) : backoffMax;
    backoffJitter = backoffJitter == null ? 0.2 : backoffJitter;
    positive("poll-interval", pollInterval);
    positive("lease", lease);
    positive("backoff-initial", backoffInitial);
    positive("backoff-max", backoffMax);
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw bad("backoff-max", "must not be shorter than wangge.notify.backoff-initial (" + backoffInitial + ")");
    }
    if (backoffJitter < 0 || backoffJitter >= 1) {
      throw bad("backoff-jitter", "must be at least 0 and below 1, e.g. 0.2");
    }
    if (batchSize < 1 || batchSize > 1000) {
      throw bad("batch-size", "must be between 1 and 1000");
    }
    if (maxAttempts < 1) {
      throw bad("max-attempts", "must be at least 1");
    }
    String scheme = publicUrl.getScheme() == null ? "" : publicUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || publicUrl.getHost() == null) {
      throw bad("public-url", "must be an http or https address, e.g. https://wangge.example.org");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < webhooks.size(); i++) {
      Webhook w = webhooks.get(i);
      String at = "webhooks[" + i + "].";
      if (w.name() == null || !w.name().matches("[A-Za-z0-9_.-]{1,64}")) {
        throw bad(at + "name", "is required: 1–64 letters, digits, '.', '_' or '-'");
      }
      if (!names.add(w.name())) {
        throw bad(at + "name", "'" + w.name() + "' names another webhook too; names must be unique");
      }
      String s = w.url() == null || w.url().getScheme() == null ? "" : w.url().getScheme().toLowerCase(Locale.ROOT);
      if (!s.equals("http") && !s.equals("https") || w.url().getHost() == null) {
        throw bad(at + "url", "is required: an http or https address, e.g. https://sms-gateway.example.org/wangge");
      }
      if (w.secret() == null || w.secret().length() < 16) {
        throw bad(at + "secret", "is required: at least 16 characters (the HMAC-SHA256 key for X-Wangge-Signature)");
      }
      if (w.roles().isEmpty()) {
        throw bad(at + "roles", "is required: one or more of GRID_MEMBER, GRID_LEADER, DEPARTMENT_OFFICER, OPERATOR");
      }
      for (Role r : w.roles()) {
        if (!NOTIFIED_ROLES.contains(r)) {
          throw bad(at + "roles", r + " is never notified: use GRID_MEMBER, GRID_LEADER, DEPARTMENT_OFFICER or OPERATOR");
        }
      }
      positive(at + "connect-timeout", w.connectTimeout());
      positive(at + "request-timeout", w.requestTimeout());
      if (lease.compareTo(w.connectTimeout().plus(w.requestTimeout())) <= 0) {
        throw bad(
            "lease",
            "(" + lease + ") must exceed " + at + "connect-timeout plus request-timeout ("
                + w.connectTimeout().plus(w.requestTimeout()) + "), or a slow delivery would be sent twice at once");
      }
    }
  }

  /** The webhook with this name, or {@code null}. */
  Webhook webhook(String name) {
    return webhooks.stream().filter(w -> w.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * The wait after {@code attempts} failed attempts (1 = the first): {@code backoffInitial × 2^(attempts−1)},
   * at most {@code backoffMax}, shortened by up to {@code backoffJitter} of itself ({@code random} in
   * [0, 1)).
   */
  Duration backoff(int attempts, double random) {
    return Backoff.delay(backoffInitial, backoffMax, backoffJitter, attempts, random);
  }

  private static void positive(String property, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw bad(property, "must be positive, e.g. PT10S");
    }
  }

  private static IllegalArgumentException bad(String property, String problem) {
    return new IllegalArgumentException("wangge.notify." + property + " " + problem);
  }
}
