package org.wangge.incident;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.wangge.gisdata.model.CategoryLevel;
import org.wangge.gisdata.model.ClockType;
import org.wangge.gisdata.model.Risk;
import org.wangge.team.TeamService;

/**
 * The responsibility list in force as pickers and partners read it ({@code GET /api/categories},
 * Open311 services): classes with their subclasses with their items, each item with its routing
 * facts and extra questions, all ordered by code. Each class also lists its items flattened
 * ({@code minors}) for pages not yet moved to three levels.
 */
@Component
class CategoryTree {

  /** A reportable item with what a reporter and a desk need to know before filing it. */
  record Item(
      String code,
      String name,
      String nameEn,
      Risk defaultRisk,
      boolean raisesAlarm,
      boolean gridAdmitted,
      String leadDepartment,
      int deadlineHours,
      ClockType clockType,
      List<ReportQuestions.Question> questions) {}

  record Subclass(String code, String name, String nameEn, List<Item> items) {}

  /** An item in a class's flattened list (kept for pages that read two levels). */
  record Minor(String code, String name, String nameEn) {}

  record Major(String code, String name, String nameEn, List<Subclass> subclasses, List<Minor> minors) {}

  private final CategoryCatalogue catalogue;
  private final TeamService teams;

  CategoryTree(CategoryCatalogue catalogue, TeamService teams) {
    this.catalogue = catalogue;
    this.teams = teams;
  }

  /** The classes in force, each with its subclasses and their items. */
  List<Major> classes() {
    List<Category> rows =
        catalogue.inForce().stream().sorted(Comparator.comparing(Category::code)).toList();
    Map<Long, String> departments = teams.departmentCodes();
    return rows.stream()
        .filter(c -> c.level() == CategoryLevel.CLASS)
        .map(
            major -> {
              List<Subclass> subclasses =
                  rows.stream()
                      .filter(s -> s.level() == CategoryLevel.SUBCLASS && major.code().equals(s.parentCode()))
                      .map(
                          s ->
                              new Subclass(
                                  s.code(),
                                  s.name(),
                                  s.nameEn(),
                                  rows.stream()
                                      .filter(i -> i.reportable() && s.code().equals(i.parentCode()))
                                      .map(i -> item(i, departments))
                                      .toList()))
                      .toList();
              List<Minor> minors =
                  subclasses.stream()
                      .flatMap(s -> s.items().stream())
                      .map(i -> new Minor(i.code(), i.name(), i.nameEn()))
                      .toList();
              return new Major(major.code(), major.name(), major.nameEn(), subclasses, minors);
            })
        .toList();
  }

  private static Item item(Category c, Map<Long, String> departments) {
    return new Item(
        c.code(),
        c.name(),
        c.nameEn(),
        c.defaultRisk(),
        c.raisesAlarm(),
        c.gridAdmitted(),
        c.departmentId() == null ? null : departments.get(c.departmentId()),
        c.deadlineHours(),
        c.clockType(),
        ReportQuestions.of(c));
  }
}
