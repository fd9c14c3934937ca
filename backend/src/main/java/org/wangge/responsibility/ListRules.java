package org.wangge.responsibility;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a node of the responsibility list must satisfy, within the whole list it will belong to:
 * the one place these rules live, used by the node API and by the import alike. Each problem
 * names the node's field at fault and says how to fix it. Stateless.
 */
final class ListRules {

  /** The longest deadline accepted: a year, in hours. */
  static final int MAX_DEADLINE_HOURS = 8760;

  static final int MAX_DEDUP_RADIUS_METRES = 10_000;

  static final List<String> LEVELS = List.of("CLASS", "SUBCLASS", "ITEM");
  static final List<String> CLOCK_TYPES = List.of("WORKING_HOURS", "CALENDAR_HOURS");
  static final List<String> RISKS = List.of("HIGH", "MEDIUM", "LOW");
  static final List<String> QUESTION_TYPES = List.of("YES_NO", "NUMBER", "TEXT", "CHOICE");

  private static final Pattern CODE = Pattern.compile("\\d{2}|\\d{4}|\\d{6}");
  private static final Pattern QUESTION_CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  /**
   * A rule a node breaks.
   *
   * @param code the node's code as given (may be {@code null})
   * @param field the node's field, e.g. {@code deadlineHours}, {@code questions[1].type}
   */
  record Problem(String code, String field, String message) {}

  private ListRules() {}

  /**
   * The problems of {@code node} as a member of {@code list} (the whole list after the change,
   * keyed by code, holding the node itself), in field order; empty when it is valid.
   */
  static List<Problem> check(ListNode node, Map<String, ListNode> list, Set<String> departments) {
    List<Problem> problems = new ArrayList<>();
    String code = node.code();
    java.util.function.BiConsumer<String, String> bad = (field, message) -> problems.add(new Problem(code, field, message));

    int expectedDigits = switch (node.level() == null ? "" : node.level()) {
      case "CLASS" -> 2;
      case "SUBCLASS" -> 4;
      case "ITEM" -> 6;
      default -> 0;
    };
    if (code == null) {
      bad.accept("code", "is required: 2 digits for a class, 4 for a subclass, 6 for an item");
    } else if (!CODE.matcher(code).matches()) {
      bad.accept("code", "must be 2, 4 or 6 digits (class, subclass, item), got '" + code + "'"
          + " (in a spreadsheet, format the column as text so that leading zeros stay)");
    } else if (expectedDigits > 0 && code.length() != expectedDigits) {
      bad.accept("code", "has " + code.length() + " digits but a " + node.level() + " code has " + expectedDigits
          + ": make it " + expectedDigits + " digits or change the level");
    }
    if (node.level() == null) {
      bad.accept("level", "is required: CLASS (大类), SUBCLASS (小类) or ITEM (事项)");
    } else if (expectedDigits == 0) {
      bad.accept("level", "must be CLASS (大类), SUBCLASS (小类) or ITEM (事项), got '" + node.level() + "'");
    }
    if (node.name() == null) {
      bad.accept("name", "is required: the Chinese name shown to users");
    } else if (node.name().length() > 200) {
      bad.accept("name", "is " + node.name().length() + " characters long; at most 200 are allowed");
    }
    if (node.nameEn() != null && node.nameEn().length() > 200) {
      bad.accept("nameEn", "is " + node.nameEn().length() + " characters long; at most 200 are allowed");
    }
    checkParent(node, list, expectedDigits, bad);
    checkDepartments(node, departments, bad);
    Integer hours = node.deadlineHours();
    if (hours == null) {
      bad.accept("deadlineHours", "is required: the hours allowed to handle it (1 to " + MAX_DEADLINE_HOURS + ")");
    } else if (hours <= 0) {
      bad.accept("deadlineHours", "must be at least 1 hour, got " + hours);
    } else if (hours > MAX_DEADLINE_HOURS) {
      bad.accept("deadlineHours", "must be at most " + MAX_DEADLINE_HOURS + " hours (a year), got " + hours);
    }
    if (!CLOCK_TYPES.contains(node.clockType())) {
      bad.accept("clockType", "must be WORKING_HOURS (working hours) or CALENDAR_HOURS (around the clock), got '"
          + node.clockType() + "'");
    }
    if (!RISKS.contains(node.defaultRisk())) {
      bad.accept("defaultRisk", "must be HIGH, MEDIUM or LOW, got '" + node.defaultRisk() + "'");
    }
    int radius = node.dedupRadiusMetres();
    if (radius < 0 || radius > MAX_DEDUP_RADIUS_METRES) {
      bad.accept("dedupRadiusMetres", "must be 0 to " + MAX_DEDUP_RADIUS_METRES + " metres, got " + radius);
    }
    checkQuestions(node.questions(), bad);
    return problems;
  }

  private static void checkParent(
      ListNode node, Map<String, ListNode> list, int digits, java.util.function.BiConsumer<String, String> bad) {
    String parent = node.parentCode();
    if (digits == 2) {
      if (parent != null) {
        bad.accept("parentCode", "must be empty: a CLASS has no parent, got '" + parent + "'");
      }
      return;
    }
    if (digits == 0) {
      return; // the level is wrong already
    }
    if (parent == null) {
      bad.accept("parentCode", "is required: the " + (digits == 4 ? "class (2 digits)" : "subclass (4 digits)")
          + " this " + node.level() + " belongs to");
      return;
    }
    // A cycle: following the parents from the node comes back to a node already passed.
    List<String> path = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String at = node.code();
    while (at != null && seen.add(at)) {
      path.add(at);
      ListNode n = list.get(at);
      at = n == null ? null : n.parentCode();
    }
    if (at != null) {
      path.add(at);
      bad.accept("parentCode", "makes a cycle (" + String.join(" → ", path)
          + "): a node's parent must be the node one level up whose code it starts with");
      return;
    }
    ListNode up = list.get(parent);
    String parentLevel = digits == 4 ? "CLASS" : "SUBCLASS";
    if (up == null) {
      bad.accept("parentCode", "names no node in the list: " + parent + "; add the " + parentLevel + " first");
    } else if (!parentLevel.equals(up.level())) {
      bad.accept("parentCode", parent + " is a " + up.level() + "; the parent of a " + node.level()
          + " must be a " + parentLevel + " (one level up)");
    } else if (node.code() != null && !node.code().startsWith(parent)) {
      bad.accept("code", node.code() + " does not start with its parent's code " + parent
          + ": a child's code is its parent's followed by two digits");
    }
  }

  private static void checkDepartments(
      ListNode node, Set<String> departments, java.util.function.BiConsumer<String, String> bad) {
    String lead = node.leadDepartment();
    if (lead != null && !departments.contains(lead)) {
      bad.accept("leadDepartment", "names no department: '" + lead + "' (the codes are listed by GET /api/departments)");
    }
    if (lead == null && !node.gridAdmitted()) {
      bad.accept("leadDepartment", "is required when gridAdmitted is false: an item a grid may not be given"
          + " (职责准入) needs the department that takes it");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < node.coDepartments().size(); i++) {
      String co = node.coDepartments().get(i);
      String field = "coDepartments[" + i + "]";
      if (co == null) {
        bad.accept(field, "is empty: give a department code or remove it");
      } else if (!departments.contains(co)) {
        bad.accept(field, "names no department: '" + co + "' (the codes are listed by GET /api/departments)");
      } else if (co.equals(lead)) {
        bad.accept(field, co + " is the lead department already; list it once, as the lead");
      } else if (!seen.add(co)) {
        bad.accept(field, co + " is listed twice; list each co-department once");
      }
    }
  }

  private static void checkQuestions(List<ListNode.Question> questions, java.util.function.BiConsumer<String, String> bad) {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < questions.size(); i++) {
      ListNode.Question q = questions.get(i);
      String at = "questions[" + i + "]";
      if (q == null) {
        bad.accept(at, "is empty: give {code, text, type} or remove it");
        continue;
      }
      if (q.code() == null || !QUESTION_CODE.matcher(q.code()).matches()) {
        bad.accept(at + ".code", "must be lower-case letters, digits and underscores starting with a letter"
            + " (e.g. people_involved), got '" + q.code() + "'");
      } else if (!codes.add(q.code())) {
        bad.accept(at + ".code", "'" + q.code() + "' is used by an earlier question; give each question its own code");
      }
      if (q.text() == null) {
        bad.accept(at + ".text", "is required: the question in Chinese");
      } else if (q.text().length() > 200 || (q.textEn() != null && q.textEn().length() > 200)) {
        bad.accept(at + ".text", "is too long; at most 200 characters are allowed");
      }
      if (!QUESTION_TYPES.contains(q.type())) {
        bad.accept(at + ".type", "must be YES_NO, NUMBER, TEXT or CHOICE, got '" + q.type() + "'");
      } else if ("CHOICE".equals(q.type())) {
        if (q.choices().isEmpty()) {
          bad.accept(at + ".choices", "are required for a CHOICE question: list the answers one may pick");
        } else if (q.choices().stream().anyMatch(c -> c == null)) {
          bad.accept(at + ".choices", "hold an empty answer; remove it");
        } else if (new HashSet<>(q.choices()).size() != q.choices().size()) {
          bad.accept(at + ".choices", "hold the same answer twice; list each once");
        }
      } else if (!q.choices().isEmpty()) {
        bad.accept(at + ".choices", "are only for CHOICE questions; remove them or make the type CHOICE");
      }
    }
  }

  /** The nodes in force under {@code code} (its direct children), ordered by code. */
  static List<String> children(String code, Map<String, ListNode> list) {
    return list.values().stream().filter(n -> code.equals(n.parentCode())).map(ListNode::code).sorted().toList();
  }
}
