package org.wangge.incident;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import org.wangge.security.Jurisdiction;
import org.wangge.web.InvalidInputException;

/**
 * The one idempotency mechanism of Wangge (docs/idempotency.md), used by the report intake ({@code
 * POST /api/incidents}), Open311 ({@code POST /open311/v2/requests}) and case actions ({@code POST
 * /api/incidents/{id}/actions}).
 *
 * <p>A key belongs to its caller's {@link Scope}: a signed-in user (also through their API
 * tokens), an Open311 client, or "anonymous". Within a scope it remembers the fingerprint of the
 * request that used it (what was asked: the operation, every field, the photos' checksums) and the
 * case that request made or acted on. {@link #run} claims the key, does the work and records the
 * case in ONE transaction, so a crash leaves either both or neither; a failed request (bad input,
 * 403, 404, 409) rolls back and leaves no key behind, so its retry is tried for real. A repeat of a
 * request that succeeded is not done again: {@link Operation#repeat} runs the caller's checks again
 * and answers for the same case. The same key with another fingerprint is refused ({@link
 * KeyReusedException}, {@code 422} naming {@code Idempotency-Key}).
 *
 * <p>Racing retries: requests with one key on this instance wait for each other (a striped lock
 * held across the transaction); on several instances the key's primary key decides (PostgreSQL
 * makes the second insert wait for the first transaction, then fails it), and the loser runs again
 * as a repeat. A key expires {@code wangge.idempotency.key-ttl} after its first use (24 h by
 * default): an expired key is reusable, and {@link #forgetExpired} deletes expired keys every ten
 * minutes (a plain DELETE, safe on every instance at once).
 *
 * <p>Thread-safe.
 */
@Component
class IdempotencyKeys {

  private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");
  private static final int STRIPES = 1024;
  private static final int ATTEMPTS = 3;

  /**
   * Whose keys these are: {@code user:<id>} for a signed-in user (sign-in and every API token of
   * the user alike), {@code open311:<client>} for an Open311 client, {@code anonymous} for every
   * anonymous caller (see docs/idempotency.md for what an anonymous key shows).
   */
  record Scope(String value) {

    static Scope of(Optional<Jurisdiction> user) {
      return user.map(Scope::of).orElse(new Scope("anonymous"));
    }

    static Scope of(Jurisdiction user) {
      return new Scope("user:" + user.userId());
    }

    static Scope open311(String client) {
      return new Scope("open311:" + client);
    }
  }

  /** A request sent with a key: whose key, the key, and the fingerprint of what was asked. */
  record KeyedRequest(Scope scope, String key, String fingerprint) {}

  /** What a keyed request does: the first time, and when it is repeated after a success. */
  interface Operation<T> {

    /** Does the work (in the key's transaction); returns the answer and the case it made or acted on. */
    Done<T> first();

    /**
     * Answers a repeat of the request that made or acted on {@code incidentId}: checks the caller
     * again (throws as the first request would have) and answers as the first time.
     */
    T repeat(long incidentId);
  }

  /** The answer of a first request and the case it made or acted on. */
  record Done<T>(T answer, long incidentId) {}

  /** An answer, and whether it repeats an earlier request's ({@code Idempotent-Replayed}). */
  record Answer<T>(T body, boolean replayed) {}

  /** The caller used the key before for another request: {@code 422} naming {@code Idempotency-Key}. */
  static final class KeyReusedException extends ErrorResponseException {
    KeyReusedException() {
      super(HttpStatus.UNPROCESSABLE_CONTENT, problem(), null);
    }

    private static ProblemDetail problem() {
      var problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.UNPROCESSABLE_CONTENT,
              "This Idempotency-Key was already used for a different request; use a new key for a new request.");
      problem.setTitle("Idempotency-Key reused");
      problem.setProperty("field", "Idempotency-Key");
      return problem;
    }

    @Override
    public String getMessage() {
      return getBody().getDetail();
    }
  }

  /** Another transaction holds or held the key: run again, as a repeat. */
  private static final class KeyRaced extends RuntimeException {
    KeyRaced(RuntimeException cause) {
      super(cause);
    }
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Duration ttl;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  IdempotencyKeys(JdbcTemplate jdbc, TransactionTemplate transactions, IdempotencyProperties properties) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.ttl = properties.keyTtl();
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /**
   * The {@code Idempotency-Key} header checked: {@code null} when absent, else 1 to 100 visible
   * ASCII characters, or {@link InvalidInputException} naming the header.
   */
  static String check(String key) {
    if (key != null && !KEY.matcher(key).matches()) {
      throw new InvalidInputException(
          "Idempotency-Key", "must be 1 to 100 visible ASCII characters (a UUID is a good choice)");
    }
    return key;
  }

  /**
   * A keyed request ({@code null} when {@code key} is {@code null}): its fingerprint is SHA-256 over
   * the operation (which endpoint, which case), the request's fields ({@code request}'s {@code
   * toString}, a record's) and the photos' checksums.
   */
  static KeyedRequest request(Scope scope, String key, String operation, Object request, List<Photo> photos) {
    if (key == null) {
      return null;
    }
    var text = new StringBuilder(operation).append('\n').append(request);
    photos.forEach(p -> text.append('|').append(p.sha256()));
    return new KeyedRequest(scope, key, Photo.sha256(text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Runs {@code operation} once per key: without a key ({@code keyed == null}) in a transaction of
   * its own; with a key, claiming it, doing the work and recording the case in one transaction, or,
   * when this caller's key was used by the same request before (and has not expired), answering
   * with {@link Operation#repeat}.
   */
  <T> Answer<T> run(KeyedRequest keyed, Instant now, Operation<T> operation) {
    if (keyed == null) {
      return transactions.execute(status -> new Answer<>(operation.first().answer(), false));
    }
    ReentrantLock lock = locks[Math.floorMod((keyed.scope().value() + '\n' + keyed.key()).hashCode(), STRIPES)];
    lock.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return transactions.execute(status -> once(keyed, now, operation));
        } catch (KeyRaced e) {
          if (attempt == ATTEMPTS) {
            throw new ConcurrencyFailureException("Idempotency-Key " + keyed.key() + " stayed contended", e.getCause());
          }
          log.debug("Idempotency-Key raced another instance, attempt {}: {}", attempt, e.getCause().toString());
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private <T> Answer<T> once(KeyedRequest keyed, Instant now, Operation<T> operation) {
    String scope = keyed.scope().value();
    jdbc.update(
        "DELETE FROM idempotency_key WHERE scope = ? AND idempotency_key = ? AND expires_at <= ?",
        scope, keyed.key(), Timestamp.from(now));
    var earlier =
        jdbc.query(
            "SELECT request_hash, incident_id FROM idempotency_key WHERE scope = ? AND idempotency_key = ?",
            (rs, i) -> new Earlier(rs.getString(1), rs.getLong(2)),
            scope, keyed.key());
    if (!earlier.isEmpty()) {
      Earlier use = earlier.getFirst();
      if (!use.requestHash().equals(keyed.fingerprint())) {
        throw new KeyReusedException();
      }
      return new Answer<>(operation.repeat(use.incidentId()), true);
    }
    try {
      jdbc.update(
          "INSERT INTO idempotency_key (scope, idempotency_key, request_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
          scope, keyed.key(), keyed.fingerprint(), Timestamp.from(now), Timestamp.from(now.plus(ttl)));
    } catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
      // PostgreSQL: another instance's transaction committed the key while this insert waited.
      // H2 (one instance, so only when this instance's lock was bypassed): the key is uncommitted.
      throw new KeyRaced(e);
    }
    Done<T> done = operation.first();
    jdbc.update(
        "UPDATE idempotency_key SET incident_id = ? WHERE scope = ? AND idempotency_key = ?",
        done.incidentId(), scope, keyed.key());
    return new Answer<>(done.answer(), false);
  }

  private record Earlier(String requestHash, long incidentId) {}

  /** Deletes the keys expired at {@code now}; answers how many. */
  int forgetExpired(Instant now) {
    return jdbc.update("DELETE FROM idempotency_key WHERE expires_at <= ?", Timestamp.from(now));
  }

  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
  void forgetExpired() {
    int forgotten = forgetExpired(Instant.now());
    if (forgotten > 0) {
      log.info("Forgot {} expired idempotency keys", forgotten);
    }
  }

  /** How long a key is remembered after its first use. */
  Duration ttl() {
    return ttl;
  }
}
