package org.wangge.gisdata.model;

import java.util.List;

/**
 * One node of the three-level responsibility list (权责清单: 大类 / 小类 / 事项). Codes nest: a
 * subclass's 4-digit code starts with its class's 2 digits, an item's 6 digits with its subclass's
 * 4. The routing fields matter for items; classes and subclasses carry defaults only.
 *
 * @param code 2, 4 or 6 digits by level
 * @param nameEn the English name, {@code null} when none is given
 * @param parentCode the class of a subclass, the subclass of an item, {@code null} for a class
 * @param departmentCode the lead department, {@code null} when the grid team handles it
 * @param coDepartmentCodes departments that work with the lead department (协办)
 * @param gridAdmitted whether a grid may be given the item at all (职责准入); when not, a
 *     department or the area's centre takes it
 * @param deadlineHours time allowed to handle it, in hours counted as {@code clockType} says
 * @param dedupRadiusMetres reports of this item closer than this are possible duplicates
 * @param raisesAlarm whether a report raises a four-level alarm at once
 * @param questions extra questions asked when reporting it
 */
public record CategoryRecord(
    String code,
    String name,
    String nameEn,
    CategoryLevel level,
    String parentCode,
    String departmentCode,
    List<String> coDepartmentCodes,
    boolean gridAdmitted,
    int deadlineHours,
    ClockType clockType,
    Risk defaultRisk,
    int dedupRadiusMetres,
    boolean raisesAlarm,
    List<CategoryQuestion> questions) {

  public CategoryRecord {
    coDepartmentCodes = coDepartmentCodes == null ? List.of() : List.copyOf(coDepartmentCodes);
    questions = questions == null ? List.of() : List.copyOf(questions);
  }

  /** A class or subclass: a name and defaults, no routing. */
  public static CategoryRecord group(
      String code, String name, String nameEn, String parentCode, int deadlineHours) {
    return new CategoryRecord(
        code,
        name,
        nameEn,
        parentCode == null ? CategoryLevel.CLASS : CategoryLevel.SUBCLASS,
        parentCode,
        null,
        List.of(),
        true,
        deadlineHours,
        ClockType.WORKING_HOURS,
        Risk.LOW,
        100,
        false,
        List.of());
  }
}
