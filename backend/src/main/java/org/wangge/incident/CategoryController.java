package org.wangge.incident;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/categories}: the category tree (major classes with their minor classes), for filters and forms. */
@RestController
class CategoryController {

  private final CategoryCatalogue catalogue;

  CategoryController(CategoryCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GetMapping("/api/categories")
  List<CategoryCatalogue.Major> categories() {
    return catalogue.tree();
  }
}
