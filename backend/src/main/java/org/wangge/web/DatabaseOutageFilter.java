package org.wangge.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter: a database outage thrown inside the filters (signing in with an API token
 * or a password looks the user up) becomes {@link DatabaseOutage}'s 503 instead of a 500. Outages
 * inside controllers are answered earlier, by {@link DatabaseOutageResolver}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutageFilter extends OncePerRequestFilter {

  private final DatabaseOutage outage;

  DatabaseOutageFilter(DatabaseOutage outage) {
    this.outage = outage;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (RuntimeException | ServletException e) {
      if (!DatabaseOutage.isOutage(e) || response.isCommitted()) {
        throw e;
      }
      outage.write(request, response, e);
    }
  }
}
