package org.wangge.incident;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/categories}: the responsibility list in force in three levels (class → subclasses
 * → items with their routing facts and extra questions), for pickers, filters and report forms.
 */
@RestController
class CategoryController {

  private final CategoryTree tree;

  CategoryController(CategoryTree tree) {
    this.tree = tree;
  }

  @GetMapping("/api/categories")
  List<CategoryTree.Major> categories() {
    return tree.classes();
  }
}
