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

  /** A reportable item of the list, under its class. */
  record Minor(String code, String name) {}

  /** A class with its reportable items (at any depth below it), both ordered by code. */
  record Major(String code, String name, java.util.List<Minor> minors) {}

  /** The classes in force with their items, ordered by code. */
  java.util.List<Major> tree() {
    Map<String, Category> all = byCode;
    return all.values().stream()
        .filter(c -> c.level() == org.wangge.gisdata.model.CategoryLevel.CLASS)
        .sorted(java.util.Comparator.comparing(Category::code))
        .map(
            major ->
                new Major(
                    major.code(),
                    major.name(),
                    all.values().stream()
                        .filter(c -> c.reportable() && c.code().startsWith(major.code()))
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
    categories.findAll().forEach(c -> {
      if (c.retiredIn() == null) {
        loaded.put(c.code(), c);
      }
    });
    byCode = Map.copyOf(loaded);
  }
}
