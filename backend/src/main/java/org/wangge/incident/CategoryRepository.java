package org.wangge.incident;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface CategoryRepository extends JpaRepository<Category, Long> {

  Optional<Category> findByCode(String code);
}
