package org.wangge.responsibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One node of the responsibility list as the API, the files and the page see it: a class (2-digit
 * code), subclass (4 digits) or item (6 digits). Departments are named by their codes. Built by
 * {@link #of} from what a client sends (strings trimmed, blanks {@code null}, absent flags and
 * numbers their defaults), so two nodes with the same content are {@code equals}.
 *
 * @param level {@code CLASS}, {@code SUBCLASS} or {@code ITEM} (checked by {@link ListRules})
 * @param leadDepartment the lead department's code, {@code null} when the grid team handles it
 * @param coDepartments departments that work with the lead department (协办), ordered by code
 * @param gridAdmitted whether a grid may be given the item at all (职责准入)
 * @param deadlineHours time allowed to handle it, in hours counted as {@code clockType} says
 * @param clockType {@code WORKING_HOURS} or {@code CALENDAR_HOURS}
 * @param defaultRisk {@code HIGH}, {@code MEDIUM} or {@code LOW}
 * @param dedupRadiusMetres reports of this item closer than this are possible duplicates
 * @param raisesAlarm whether a report raises a four-level alarm at once
 * @param questions extra questions asked when reporting it
 */
public record ListNode(
    String code,
    String level,
    String name,
    String nameEn,
    String parentCode,
    String leadDepartment,
    List<String> coDepartments,
    Boolean gridAdmitted,
    Integer deadlineHours,
    String clockType,
    String defaultRisk,
    Integer dedupRadiusMetres,
    Boolean raisesAlarm,
    List<Question> questions) {

  /** Duplicate radius of a node that names none, in metres. */
  static final int DEFAULT_DEDUP_RADIUS_METRES = 100;

  /**
   * An extra question asked when the item is reported; the answer is keyed by {@code code}.
   *
   * @param type {@code YES_NO}, {@code NUMBER}, {@code TEXT} or {@code CHOICE}
   * @param choices the allowed answers of a {@code CHOICE} question, else empty
   */
  public record Question(String code, String text, String textEn, String type, List<String> choices, Boolean required) {

    static Question of(Question q) {
      List<String> choices = new ArrayList<>();
      if (q.choices() != null) {
        q.choices().forEach(c -> choices.add(c == null ? null : c.trim()));
      }
      return new Question(
          clean(q.code()), clean(q.text()), clean(q.textEn()), upper(q.type()), nullsAllowed(choices),
          q.required() != null && q.required());
    }
  }

  /** The node normalised: strings trimmed, blanks {@code null}, enum names upper-case, defaults filled. */
  public static ListNode of(ListNode n) {
    List<String> co = new ArrayList<>();
    if (n.coDepartments() != null) {
      n.coDepartments().forEach(c -> co.add(clean(c)));
      co.sort(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
    }
    List<Question> questions = new ArrayList<>();
    if (n.questions() != null) {
      n.questions().forEach(q -> questions.add(q == null ? null : Question.of(q)));
    }
    return new ListNode(
        clean(n.code()),
        upper(n.level()),
        clean(n.name()),
        clean(n.nameEn()),
        clean(n.parentCode()),
        clean(n.leadDepartment()),
        nullsAllowed(co),
        n.gridAdmitted() == null || n.gridAdmitted(),
        n.deadlineHours(),
        n.clockType() == null || n.clockType().isBlank() ? "WORKING_HOURS" : upper(n.clockType()),
        n.defaultRisk() == null || n.defaultRisk().isBlank() ? "LOW" : upper(n.defaultRisk()),
        n.dedupRadiusMetres() == null ? DEFAULT_DEDUP_RADIUS_METRES : n.dedupRadiusMetres(),
        n.raisesAlarm() != null && n.raisesAlarm(),
        nullsAllowed(questions));
  }

  /** What changed from {@code before} to this node, e.g. {@code deadline 2 → 1 h, lead department – → D03}. */
  String changesFrom(ListNode before) {
    List<String> changes = new ArrayList<>();
    diff(changes, "name", before.name(), name(), "");
    diff(changes, "English name", before.nameEn(), nameEn(), "");
    diff(changes, "level", before.level(), level(), "");
    diff(changes, "parent", before.parentCode(), parentCode(), "");
    diff(changes, "lead department", before.leadDepartment(), leadDepartment(), "");
    diff(changes, "co-departments", String.join(",", before.coDepartments()), String.join(",", coDepartments()), "");
    diff(changes, "grid admitted", before.gridAdmitted(), gridAdmitted(), "");
    diff(changes, "deadline", before.deadlineHours(), deadlineHours(), " h");
    diff(changes, "clock", before.clockType(), clockType(), "");
    diff(changes, "risk", before.defaultRisk(), defaultRisk(), "");
    diff(changes, "duplicate radius", before.dedupRadiusMetres(), dedupRadiusMetres(), " m");
    diff(changes, "alarm", before.raisesAlarm(), raisesAlarm(), "");
    if (!Objects.equals(before.questions(), questions())) {
      changes.add("questions " + before.questions().size() + " → " + questions().size());
    }
    return String.join(", ", changes);
  }

  private static void diff(List<String> changes, String label, Object before, Object after, String unit) {
    if (!Objects.equals(before, after)) {
      changes.add(label + " " + text(before) + " → " + text(after) + unit);
    }
  }

  private static String text(Object value) {
    return value == null || "".equals(value) ? "–" : value.toString();
  }

  static String clean(String s) {
    if (s == null) {
      return null;
    }
    String trimmed = s.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }

  private static String upper(String s) {
    String c = clean(s);
    return c == null ? null : c.toUpperCase(java.util.Locale.ROOT);
  }

  /** An unmodifiable copy that keeps {@code null} elements (List.copyOf refuses them): they are reported by ListRules. */
  private static <T> List<T> nullsAllowed(List<T> list) {
    return java.util.Collections.unmodifiableList(new ArrayList<>(list));
  }
}
