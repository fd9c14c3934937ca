package org.wangge.responsibility;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wangge.security.AuditLog;
import org.wangge.team.TeamService;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the responsibility list. A write reads the newest version, checks the caller's
 * {@code expectedVersion}, computes the whole list after the change and its difference from the
 * list in force (added, changed, retired nodes); when something differs it inserts the next
 * version row first — so that of two writers of the same number the second fails on the primary
 * key and is answered 409 (or retried, when it named no version) — then retires the old rows,
 * inserts the new ones with their co-departments, audits, and announces the version after the
 * commit. A write that changes nothing makes no version. Thread-safe.
 */
@Service
public class ResponsibilityList {

  /** Attempts of a write that named no expected version and met a concurrent one. */
  private static final int ATTEMPTS = 3;

  private static final String COLUMNS =
      "id, code, level, name, name_en, parent_code, department_id, grid_admitted, deadline_hours, clock_type,"
          + " default_risk, dedup_radius_metres, raises_alarm, questions";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final TeamService teams;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;

  ResponsibilityList(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactionManager,
      TeamService teams,
      AuditLog audit,
      ApplicationEventPublisher events,
      JsonMapper json) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.teams = teams;
    this.audit = audit;
    this.events = events;
    this.json = json;
  }

  /** The list at one version: when it was made, by whom, its nodes ordered by code. */
  public record ListView(int version, Instant changedAt, String changedBy, List<ListNode> nodes) {}

  /** One version of the list: who made it, when, what changed. */
  public record Version(int version, Instant changedAt, String changedBy, String summary) {}

  /** What a write did: the version in force after it and the codes it added, changed and retired. */
  record Outcome(int version, boolean newVersion, List<String> added, List<String> changed, List<String> retired) {}

  /** The newest version number (0 before the list is loaded). */
  public int currentVersion() {
    Integer v = jdbc.queryForObject("SELECT MAX(version) FROM responsibility_list_version", Integer.class);
    return v == null ? 0 : v;
  }

  /** The versions, newest first. */
  List<Version> versions() {
    return jdbc.query(
        "SELECT version, changed_at, changed_by, summary FROM responsibility_list_version ORDER BY version DESC",
        (rs, i) -> new Version(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4)));
  }

  /** The list as of {@code version} ({@code null}: the newest). */
  ListView read(Integer version) {
    return transactions.execute(status -> {
      int v = version == null ? currentVersion() : version;
      List<Version> found = jdbc.query(
          "SELECT version, changed_at, changed_by, summary FROM responsibility_list_version WHERE version = ?",
          (rs, i) -> new Version(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4)),
          v);
      if (found.isEmpty()) {
        throw new NotFoundException("The responsibility list has no version " + v + " (the newest is " + currentVersion() + ").");
      }
      Version at = found.get(0);
      List<ListNode> nodes = new ArrayList<>(rows(v).values().stream().map(Row::node).toList());
      return new ListView(at.version(), at.changedAt(), at.changedBy(), nodes);
    });
  }

  /** The department codes a node may name. */
  java.util.Set<String> departmentCodes() {
    return teams.departmentIds().keySet();
  }

  /** Adds a node (its code must be free). */
  Outcome add(ListNode node, Integer expectedVersion, org.wangge.security.Jurisdiction who) {
    return write(expectedVersion, who, list -> {
      if (node.code() != null && list.containsKey(node.code())) {
        throw new InvalidInputException("code", node.code() + " is in the list already (" + list.get(node.code()).name()
            + "); choose a free code, or edit that node with PUT /api/responsibility-list/nodes/" + node.code());
      }
      list.put(node.code(), node);
      firstProblem(node, list);
      return list;
    });
  }

  /** Replaces the node in force under {@code code} by {@code node} (same code). */
  Outcome update(String code, ListNode node, Integer expectedVersion, org.wangge.security.Jurisdiction who) {
    if (node.code() != null && !node.code().equals(code)) {
      throw new InvalidInputException("code", "is " + node.code() + " but the address names " + code
          + "; a code cannot be changed: add the node under the new code and retire the old one");
    }
    ListNode same = new ListNode(code, node.level(), node.name(), node.nameEn(), node.parentCode(), node.leadDepartment(),
        node.coDepartments(), node.gridAdmitted(), node.deadlineHours(), node.clockType(), node.defaultRisk(),
        node.dedupRadiusMetres(), node.raisesAlarm(), node.questions());
    return write(expectedVersion, who, list -> {
      if (!list.containsKey(code)) {
        throw new NotFoundException("The responsibility list has no node " + code + " in force.");
      }
      list.put(code, same);
      firstProblem(same, list);
      // Children must still fit under a node whose level changed.
      for (String child : ListRules.children(code, list)) {
        firstProblem(list.get(child), list);
      }
      return list;
    });
  }

  /** Retires the node in force under {@code code}; refused while it has children in force. */
  Outcome retire(String code, Integer expectedVersion, org.wangge.security.Jurisdiction who) {
    return write(expectedVersion, who, list -> {
      if (!list.containsKey(code)) {
        throw new NotFoundException("The responsibility list has no node " + code + " in force.");
      }
      List<String> children = ListRules.children(code, list);
      if (!children.isEmpty()) {
        throw new InvalidInputException("code", code + " has " + children.size() + " node(s) in force under it ("
            + String.join(", ", children.subList(0, Math.min(10, children.size())))
            + (children.size() > 10 ? ", …" : "") + "); retire them first");
      }
      list.remove(code);
      return list;
    });
  }

  /**
   * Makes {@code list} the whole list (nodes not in it retire). The caller has validated it.
   */
  Outcome replace(Map<String, ListNode> list, Integer expectedVersion, org.wangge.security.Jurisdiction who) {
    return write(expectedVersion, who, current -> new TreeMap<>(list));
  }

  /** The difference a replacement would make now, without writing. */
  Outcome preview(Map<String, ListNode> list) {
    Map<String, ListNode> current = new TreeMap<>();
    rows(null).forEach((code, row) -> current.put(code, row.node()));
    Diff diff = Diff.of(current, list);
    return new Outcome(currentVersion(), false, diff.added(), diff.changed(), diff.retired());
  }

  private void firstProblem(ListNode node, Map<String, ListNode> list) {
    List<ListRules.Problem> problems = ListRules.check(node, list, departmentCodes());
    if (!problems.isEmpty()) {
      ListRules.Problem p = problems.get(0);
      throw new InvalidInputException(p.field(), p.message());
    }
  }

  private Outcome write(Integer expectedVersion, org.wangge.security.Jurisdiction who, UnaryOperator<Map<String, ListNode>> edit) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.execute(status -> writeOnce(expectedVersion, who, edit));
      } catch (VersionTaken e) {
        if (expectedVersion != null || attempt == ATTEMPTS) {
          throw new ListConflictException(
              "Another change to the responsibility list was saved at the same time (version " + e.version
                  + "). Reload the list, check it and save again.");
        }
      }
    }
  }

  private Outcome writeOnce(Integer expectedVersion, org.wangge.security.Jurisdiction who, UnaryOperator<Map<String, ListNode>> edit) {
    int current = currentVersion();
    if (expectedVersion != null && expectedVersion != current) {
      throw new ListConflictException("The list was changed since you read it: you sent expectedVersion "
          + expectedVersion + " but version " + current + " is in force. Reload the list and make your change again.");
    }
    Map<String, Row> rows = rows(null);
    Map<String, ListNode> before = new TreeMap<>();
    rows.forEach((code, row) -> before.put(code, row.node()));
    Map<String, ListNode> after = edit.apply(new TreeMap<>(before));
    Diff diff = Diff.of(before, after);
    if (diff.isEmpty()) {
      return new Outcome(current, false, List.of(), List.of(), List.of());
    }
    int version = current + 1;
    try {
      jdbc.update(
          "INSERT INTO responsibility_list_version (version, changed_at, changed_by, summary) VALUES (?, ?, ?, ?)",
          version, Timestamp.from(Instant.now()), who.username(), diff.summary(before, after));
    } catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
      throw new VersionTaken(version);
    }
    Map<String, Long> departmentIds = teams.departmentIds();
    for (String code : diff.retiredOrChanged()) {
      int retired = jdbc.update(
          "UPDATE category SET retired_in = ? WHERE id = ? AND retired_in IS NULL", version, rows.get(code).id());
      if (retired != 1) {
        throw new VersionTaken(version);
      }
    }
    for (String code : diff.addedOrChanged()) {
      insert(after.get(code), version, departmentIds);
    }
    Map<String, Object> beforeState = new LinkedHashMap<>();
    Map<String, Object> afterState = new LinkedHashMap<>();
    diff.retiredOrChanged().forEach(code -> beforeState.put(code, before.get(code)));
    diff.addedOrChanged().forEach(code -> afterState.put(code, after.get(code)));
    // Recorded under the writer's area, so that the admins who may read their area's trail see it.
    audit.change("RESPONSIBILITY_LIST_CHANGED", "responsibility_list", String.valueOf(version), who.areaCode(), beforeState, afterState);
    events.publishEvent(new ResponsibilityListChanged(version));
    return new Outcome(version, true, diff.added(), diff.changed(), diff.retired());
  }

  private void insert(ListNode n, int version, Map<String, Long> departmentIds) {
    jdbc.update(
        """
        INSERT INTO category (code, name, name_en, level, parent_code, department_id, grid_admitted,
                              deadline_hours, clock_type, default_risk, dedup_radius_metres,
                              raises_alarm, questions, list_version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        n.code(), n.name(), n.nameEn(), n.level(), n.parentCode(),
        n.leadDepartment() == null ? null : departmentIds.get(n.leadDepartment()),
        n.gridAdmitted(), n.deadlineHours(), n.clockType(), n.defaultRisk(), n.dedupRadiusMetres(), n.raisesAlarm(),
        json.writeValueAsString(n.questions()), version);
    if (!n.coDepartments().isEmpty()) {
      Long id = jdbc.queryForObject("SELECT id FROM category WHERE code = ? AND list_version = ?", Long.class, n.code(), version);
      jdbc.batchUpdate(
          "INSERT INTO category_co_department (category_id, department_id) VALUES (?, ?)",
          n.coDepartments().stream().map(d -> new Object[] {id, departmentIds.get(d)}).toList());
    }
  }

  /** A category row with its node. */
  private record Row(long id, ListNode node) {}

  /** The rows in force at {@code version} ({@code null}: now), by code. */
  private Map<String, Row> rows(Integer version) {
    String where = version == null
        ? "retired_in IS NULL"
        : "list_version <= " + version + " AND (retired_in IS NULL OR retired_in > " + version + ")";
    Map<Long, String> departmentCodes = teams.departmentCodes();
    Map<Long, List<String>> coDepartments = new HashMap<>();
    jdbc.query(
        "SELECT cd.category_id, cd.department_id FROM category_co_department cd JOIN category c ON c.id = cd.category_id WHERE "
            + where.replace("list_version", "c.list_version").replace("retired_in", "c.retired_in")
            + " ORDER BY cd.category_id, cd.department_id",
        (ResultSet rs) -> {
          coDepartments.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(departmentCodes.get(rs.getLong(2)));
        });
    Map<String, Row> rows = new TreeMap<>();
    jdbc.query("SELECT " + COLUMNS + " FROM category WHERE " + where + " ORDER BY code", (ResultSet rs) -> {
      long id = rs.getLong("id");
      List<String> co = coDepartments.getOrDefault(id, List.of());
      rows.put(rs.getString("code"), new Row(id, node(rs, departmentCodes, co)));
    });
    return rows;
  }

  private ListNode node(ResultSet rs, Map<Long, String> departmentCodes, List<String> co) throws SQLException {
    long department = rs.getLong("department_id");
    String lead = rs.wasNull() ? null : departmentCodes.get(department);
    String questions = rs.getString("questions");
    List<ListNode.Question> qs = questions == null || questions.isBlank()
        ? List.of()
        : Arrays.asList(json.readValue(questions, ListNode.Question[].class));
    return ListNode.of(new ListNode(
        rs.getString("code"), rs.getString("level"), rs.getString("name"), rs.getString("name_en"),
        rs.getString("parent_code"), lead, co, rs.getBoolean("grid_admitted"), rs.getInt("deadline_hours"),
        rs.getString("clock_type"), rs.getString("default_risk"), rs.getInt("dedup_radius_metres"),
        rs.getBoolean("raises_alarm"), qs));
  }

  /** The next version number was taken by a concurrent writer. */
  private static final class VersionTaken extends RuntimeException {
    final int version;

    VersionTaken(int version) {
      super(null, null, false, false);
      this.version = version;
    }
  }

  /** The difference between two lists keyed by code. */
  record Diff(List<String> added, List<String> changed, List<String> retired) {

    static Diff of(Map<String, ListNode> before, Map<String, ListNode> after) {
      List<String> added = new ArrayList<>();
      List<String> changed = new ArrayList<>();
      List<String> retired = new ArrayList<>();
      after.forEach((code, node) -> {
        ListNode old = before.get(code);
        if (old == null) {
          added.add(code);
        } else if (!Objects.equals(old, node)) {
          changed.add(code);
        }
      });
      before.keySet().stream().filter(code -> !after.containsKey(code)).forEach(retired::add);
      return new Diff(sorted(added), sorted(changed), sorted(retired));
    }

    private static List<String> sorted(List<String> codes) {
      return codes.stream().sorted().toList();
    }

    boolean isEmpty() {
      return added.isEmpty() && changed.isEmpty() && retired.isEmpty();
    }

    List<String> retiredOrChanged() {
      List<String> codes = new ArrayList<>(changed);
      codes.addAll(retired);
      return codes;
    }

    /** Parents before children, so that a node is inserted after its parent. */
    List<String> addedOrChanged() {
      List<String> codes = new ArrayList<>(added);
      codes.addAll(changed);
      codes.sort(java.util.Comparator.comparingInt(String::length).thenComparing(java.util.Comparator.naturalOrder()));
      return codes;
    }

    /** One line per change, e.g. {@code changed 050301: deadline 2 → 1 h}; at most 4000 characters. */
    String summary(Map<String, ListNode> before, Map<String, ListNode> after) {
      List<String> lines = new ArrayList<>();
      added.forEach(code -> lines.add("added " + code + " " + after.get(code).name()));
      changed.forEach(code -> lines.add("changed " + code + ": " + after.get(code).changesFrom(before.get(code))));
      retired.forEach(code -> lines.add("retired " + code + " " + before.get(code).name()));
      String text = lines.size() == 1
          ? lines.get(0)
          : "added " + added.size() + ", changed " + changed.size() + ", retired " + retired.size() + ": "
              + String.join("; ", lines);
      return text.length() <= 4000 ? text : text.substring(0, 3999) + "…";
    }
  }
}
