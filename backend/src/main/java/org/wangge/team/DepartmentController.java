package org.wangge.team;

import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/departments}: the city's functional departments (code and name, no contacts), the
 * targets of dispatching to a department and of whistling (吹哨). The same for every signed-in user.
 */
@RestController
class DepartmentController {

  private final DepartmentRepository departments;

  DepartmentController(DepartmentRepository departments) {
    this.departments = departments;
  }

  record DepartmentRef(String code, String name) {}

  @GetMapping("/api/departments")
  List<DepartmentRef> departments() {
    return departments.findAll().stream()
        .map(d -> new DepartmentRef(d.code(), d.name()))
        .sorted(Comparator.comparing(DepartmentRef::code))
        .toList();
  }
}
