package org.wangge.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The {@code prod} profile refuses to start with anything meant for a laptop: the demo city (and
 * its demo users), an enabled user still on the demo password, or the demo keys for personal data
 * and receipts. The message lists every problem and how to fix it.
 */
@Component
@Profile("prod")
class ProductionGuard implements SmartInitializingSingleton {

  private final UserAccountRepository users;
  private final SecurityProperties properties;
  private final PersonalDataCipher cipher;
  private final boolean demoLoad;

  ProductionGuard(
      UserAccountRepository users,
      SecurityProperties properties,
      PersonalDataCipher cipher,
      @Value("${wangge.demo.load:false}") boolean demoLoad) {
    this.users = users;
    this.properties = properties;
    this.cipher = cipher;
    this.demoLoad = demoLoad;
  }

  @Override
  public void afterSingletonsInstantiated() {
    List<String> problems = new ArrayList<>();
    if (demoLoad) {
      problems.add("wangge.demo.load is true: set WANGGE_DEMO_LOAD=false (the demo city and its users are not for production)");
    }
    var demoUsers = users.findEnabledDemoUsers();
    if (!demoUsers.isEmpty()) {
      problems.add(
          "enabled users still have the demo password: "
              + demoUsers.stream().map(UserAccount::username).toList()
              + " — change their passwords or disable them (PUT /api/admin/users/{name}) before switching to prod");
    }
    if (cipher.usesDemoKey()) {
      problems.add("wangge.security.data-key is the demo key: set WANGGE_DATA_KEY to `openssl rand -base64 32` (keep it safe: phones cannot be read without it)");
    }
    if (SecurityProperties.DEMO_RECEIPT_KEY.equals(properties.receiptKey())) {
      problems.add("wangge.security.receipt-key is the demo key: set WANGGE_RECEIPT_KEY to `openssl rand -base64 32`");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The prod profile refuses to start:\n  - " + String.join("\n  - ", problems));
    }
  }
}
