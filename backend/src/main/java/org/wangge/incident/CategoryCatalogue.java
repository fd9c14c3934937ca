package org.wangge.incident;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The category tree in memory: every report looks its category up, and the tree changes only when
 * it is loaded. Holds detached {@link Category} rows (read-only); reloaded after each import.
 * Thread-safe.
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

  /** A minor class of the tree. */
  record Minor(String code, String name) {}

  /** A major class with its minor classes, both ordered by code. */
  record Major(String code, String name, java.util.List<Minor> minors) {}

  /** The whole tree, major classes first, ordered by code. */
  java.util.List<Major> tree() {
    Map<String, Category> all = byCode;
    return all.values().stream()
        .filter(c -> c.parentCode() == null)
        .sorted(java.util.Comparator.comparing(Category::code))
        .map(
            major ->
                new Major(
                    major.code(),
                    major.name(),
                    all.values().stream()
                        .filter(c -> major.code().equals(c.parentCode()))
                        .sorted(java.util.Comparator.comparing(Category::code))
                        .map(c -> new Minor(c.code(), c.name()))
                        .toList()))
        .toList();
  }

  @Override
  public void afterSingletonsInstantiated() {
    reload();
  }

  @Transactional(readOnly = true)
  public void reload() {
    Map<String, Category> loaded = new HashMap<>();
    categories.findAll().forEach(c -> loaded.put(c.code(), c));
    byCode = Map.copyOf(loaded);
  }
}
