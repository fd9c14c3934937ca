package org.wangge.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The per-client limit on public intake: an anonymous client (by its address; behind a proxy,
 * configure {@code server.forward-headers-strategy}) may file {@code
 * wangge.security.intake-reports-per-minute} reports a minute (a token bucket refilled evenly,
 * Bucket4j) and ratings (by receipt), and look up receipts and addresses ten times as often.
 * More answers {@code 429} with {@code Retry-After}. Signed-in users are not limited here.
 */
final class IntakeRateLimit extends OncePerRequestFilter {

  private final int perMinute;
  private final SecurityProblems problems;
  private final Cache<String, Bucket> reports =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(200_000).build();
  private final Cache<String, Bucket> receipts =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(200_000).build();

  IntakeRateLimit(int perMinute, SecurityProblems problems) {
    this.perMinute = perMinute;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Cache<String, Bucket> buckets = null;
    int limit = perMinute;
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if ("POST".equals(request.getMethod())
        && (path.equals("/api/incidents") || path.startsWith("/open311/") || path.startsWith("/api/receipts/"))) {
      buckets = reports;
    } else if ("GET".equals(request.getMethod()) && (path.startsWith("/api/receipts/") || path.equals("/api/geocode"))) {
      buckets = receipts;
      limit = perMinute * 10;
    }
    var auth = SecurityContextHolder.getContext().getAuthentication();
    boolean anonymous = auth == null || !(auth.getPrincipal() instanceof WanggeUser);
    if (buckets == null || perMinute == 0 || !anonymous) {
      chain.doFilter(request, response);
      return;
    }
    int capacity = limit;
    Bucket bucket =
        buckets.get(
            request.getRemoteAddr(),
            k ->
                Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, Duration.ofMinutes(1)).build())
                    .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      response.setHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
      chain.doFilter(request, response);
      return;
    }
    long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    response.setHeader("Retry-After", Long.toString(seconds));
    problems.write(
        response,
        HttpStatus.TOO_MANY_REQUESTS,
        "Too many requests",
        "This client has sent more than "
            + capacity
            + " such requests in a minute. Try again in "
            + seconds
            + " s; staff should sign in (signed-in reports are not limited).");
  }
}
