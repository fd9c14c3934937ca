package org.wangge.incident;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The responsibility list in force, in memory: every report looks its item up, and the list changes
 * only when it is loaded or edited. Holds detached {@link Category} rows in force (read-only);
 * reloaded after each load or edit. Thread-safe.
 */
@Component
class CategoryCatalogue implements SmartInitializingSingleton {

  private final CategoryRepository categories;
  private volatile Map<String, Category> byCode = Map.of();

  CategoryCatalogue(CategoryRepository categories) {
    this.categories = categories;
  }

  Optional<Category> byCode(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** Every row in force (classes, subclasses and items), in no order. */
  java.util.Collection<Category> inForce() {
    return byCode.values();
  }

  @Override
  public void afterSingletonsInstantiated() {
    reload();
  }

  @Transactional(readOnly = true)
  public void reload() {
    Map<String, Category> loaded = new HashMap<>();
    categories.findAll().forEach(c -> {
      if (c.retiredIn() == null) {
        loaded.put(c.code(), c);
      }
    });
    byCode = Map.copyOf(loaded);
  }
}
