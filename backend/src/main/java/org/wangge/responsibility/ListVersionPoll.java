package org.wangge.responsibility;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells this instance about list versions made on other instances: every {@code
 * wangge.responsibility.poll-interval} (default 5 s) it reads the newest version number (one
 * aggregate over the small version table) and, when it grew, publishes {@link
 * ResponsibilityListChanged}. A change made on this instance is announced by its writer after the
 * commit and only recorded here. So another instance serves the new list within one interval.
 */
@Component
class ListVersionPoll implements SmartInitializingSingleton {

  private final ResponsibilityList list;
  private final ApplicationEventPublisher events;
  private final AtomicInteger seen = new AtomicInteger();

  ListVersionPoll(ResponsibilityList list, ApplicationEventPublisher events) {
    this.list = list;
    this.events = events;
  }

  @Override
  public void afterSingletonsInstantiated() {
    seen.set(list.currentVersion());
  }

  @TransactionalEventListener(fallbackExecution = true)
  void written(ResponsibilityListChanged changed) {
    seen.accumulateAndGet(changed.version(), Math::max);
  }

  @Scheduled(
      initialDelayString = "${wangge.responsibility.poll-interval:PT5S}",
      fixedDelayString = "${wangge.responsibility.poll-interval:PT5S}")
  void poll() {
    int newest = list.currentVersion();
    int before = seen.getAndAccumulate(newest, Math::max);
    if (newest > before) {
      events.publishEvent(new ResponsibilityListChanged(newest));
    }
  }
}
