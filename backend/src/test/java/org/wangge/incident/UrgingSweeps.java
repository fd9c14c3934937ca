package org.wangge.incident;

import java.time.Instant;
import org.springframework.context.ApplicationContext;

/** For tests of other features: runs the urging sweep of a running app now, as its schedule would. */
public final class UrgingSweeps {

  private UrgingSweeps() {}

  /** Urges every case due at {@code now}; returns how many were urged. */
  public static int sweep(ApplicationContext context, Instant now) {
    return context.getBean(CaseUrging.class).sweep(now);
  }
}
