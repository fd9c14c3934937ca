package org.wangge.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first administrator of a fresh production database: with {@code
 * wangge.security.bootstrap-admin-password} set ({@code WANGGE_ADMIN_PASSWORD}) and no ADMIN yet,
 * creates {@code admin}, bound to no area (sees everything). Remove the setting afterwards.
 */
@Component
class BootstrapAdmin implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

  private final SecurityProperties properties;
  private final UserAccountRepository users;
  private final UserAccounts accounts;
  private final TransactionTemplate transactions;

  BootstrapAdmin(SecurityProperties properties, UserAccountRepository users, UserAccounts accounts, TransactionTemplate transactions) {
    this.properties = properties;
    this.users = users;
    this.accounts = accounts;
    this.transactions = transactions;
  }

  @Override
  public void afterSingletonsInstantiated() {
    String password = properties.bootstrapAdminPassword();
    if (password == null || password.isBlank() || users.existsByRole(Role.ADMIN)) {
      return;
    }
    if (users.findByUsername("admin").isPresent()) {
      throw new IllegalStateException("wangge.security.bootstrap-admin-password is set but a non-admin user 'admin' exists");
    }
    transactions.executeWithoutResult(tx -> accounts.createBootstrapAdmin(password));
    log.info("Created the administrator 'admin' from wangge.security.bootstrap-admin-password; remove that setting now");
  }
}
