package org.wangge.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Loads accounts for form login and HTTP Basic. */
@Component
class AccountDetailsService implements UserDetailsService {

  private final UserAccountRepository users;

  AccountDetailsService(UserAccountRepository users) {
    this.users = users;
  }

  @Override
  @Transactional(readOnly = true)
  public UserDetails loadUserByUsername(String username) {
    return users
        .findByUsername(username)
        .map(WanggeUser::of)
        .orElseThrow(() -> new UsernameNotFoundException("No such user"));
  }
}
