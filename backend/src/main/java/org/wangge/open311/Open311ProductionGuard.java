package org.wangge.open311;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The {@code prod} profile refuses to start when an Open311 client still has the public demo key
 * (as {@code security.ProductionGuard} refuses the other demo secrets).
 */
@Component
@Profile("prod")
class Open311ProductionGuard implements SmartInitializingSingleton {

  private final Open311Clients clients;

  Open311ProductionGuard(Open311Clients clients) {
    this.clients = clients;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (clients.usesDemoKey()) {
      throw new IllegalStateException(
          "The prod profile refuses to start:\n  - an Open311 client has the demo API key (wangge.open311.clients.<name>.api-key):"
              + " give each client its own key, made with `openssl rand -hex 24`");
    }
  }
}
