package org.wangge.security;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

  Optional<UserAccount> findByUsername(String username);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select u from UserAccount u where u.username = :username")
  Optional<UserAccount> findByUsernameForUpdate(String username);

  /** Users bound inside a subtree ({@code pattern} is a LIKE pattern); admins without area only for '%'. */
  @Query(
      """
      select u from UserAccount u
      where (u.areaCode like :pattern or (u.areaCode is null and :pattern = '%'))
      order by u.username""")
  List<UserAccount> findInside(String pattern);

  @Query("select u from UserAccount u where u.demo = true and u.enabled = true order by u.username")
  List<UserAccount> findEnabledDemoUsers();

  boolean existsByRole(Role role);
}
