package org.wangge.security;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

  List<ApiToken> findByUserIdOrderById(long userId);
}
