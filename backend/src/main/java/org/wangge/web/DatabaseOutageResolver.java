package org.wangge.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a controller's database outage with {@link DatabaseOutage}'s 503, before any {@code
 * @ExceptionHandler} sees it (whatever the exception's type: a failed commit arrives as a {@code
 * TransactionSystemException}, a cut connection as a JPA or JDBC exception); every other failure
 * goes on to the usual handlers.
 */
@Component
class DatabaseOutageResolver implements HandlerExceptionResolver, Ordered {

  private final DatabaseOutage outage;

  DatabaseOutageResolver(DatabaseOutage outage) {
    this.outage = outage;
  }

  @Override
  public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
    if (!DatabaseOutage.isOutage(e)) {
      return null;
    }
    try {
      outage.write(request, response, e);
      return new ModelAndView();
    } catch (IOException io) {
      return null;
    }
  }

  /** Right after Spring Boot's error-attributes recorder, before the exception handlers. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 1;
  }
}
