package org.wangge.responsibility;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Imports a whole list from a file: reads it ({@link ListFiles}), names every bad row (cells that
 * cannot be read, codes given twice, every rule of {@link ListRules} against the list the file
 * describes), and — unless it is a dry run or there are problems — makes it the list in force as
 * one new version ({@link ResponsibilityList#replace}); nodes missing from the file retire. A file
 * that equals the list makes no version.
 */
@Component
class ListImport {

  private final ResponsibilityList list;
  private final ListFiles files;

  ListImport(ResponsibilityList list, tools.jackson.databind.json.JsonMapper json) {
    this.list = list;
    this.files = new ListFiles(json);
  }

  /**
   * What an import found or did.
   *
   * @param rows the nodes in the file
   * @param version the version in force after it (before it, for a dry run or a refused import)
   * @param newVersion whether it made a version
   */
  record Result(
      int rows,
      int added,
      int changed,
      int retired,
      List<ListFiles.Problem> problems,
      int version,
      boolean newVersion,
      boolean dryRun,
      List<String> addedCodes,
      List<String> changedCodes,
      List<String> retiredCodes) {}

  /** An import refused for its problems: {@code 400} with the result. */
  static final class Refused extends RuntimeException {
    final Result result;

    Refused(Result result) {
      super(result.problems().size() + " problem(s) in the file; nothing was changed. Correct the rows named and import again.");
      this.result = result;
    }
  }

  Result run(byte[] bytes, boolean dryRun, Integer expectedVersion, org.wangge.security.Jurisdiction who) {
    ListFiles.Read read = files.read(bytes);
    List<ListFiles.Problem> problems = new ArrayList<>(read.problems());
    Map<String, ListNode> target = new TreeMap<>();
    Map<String, Integer> firstRow = new HashMap<>();
    Set<String> badCells = new HashSet<>();
    problems.forEach(p -> badCells.add(p.row() + "/" + p.column()));
    for (ListFiles.ReadRow row : read.rows()) {
      String code = row.node().code();
      if (code == null) {
        continue;
      }
      Integer first = firstRow.putIfAbsent(code, row.row());
      if (first != null) {
        problems.add(new ListFiles.Problem(row.row(), "code", code, code + " is given again (first in row " + first
            + "); each node once"));
        badCells.add(row.row() + "/code");
      } else {
        target.put(code, row.node());
      }
    }
    Set<String> departments = list.departmentCodes();
    for (ListFiles.ReadRow row : read.rows()) {
      for (ListRules.Problem p : ListRules.check(row.node(), target, departments)) {
        String column = p.field().replaceAll("\\[.*$", "");
        if (badCells.add(row.row() + "/" + column) || !column.equals(p.field())) {
          problems.add(new ListFiles.Problem(row.row(), column, p.code(),
              column.equals(p.field()) ? p.message() : p.field() + " " + p.message()));
        }
      }
    }
    problems.sort(java.util.Comparator.comparingInt(ListFiles.Problem::row));
    ResponsibilityList.Outcome outcome;
    if (dryRun || !problems.isEmpty()) {
      outcome = list.preview(target);
    } else {
      outcome = list.replace(target, expectedVersion, who);
    }
    Result result = new Result(
        read.rows().size(), outcome.added().size(), outcome.changed().size(), outcome.retired().size(), problems,
        outcome.version(), outcome.newVersion(), dryRun, outcome.added(), outcome.changed(), outcome.retired());
    if (!dryRun && !problems.isEmpty()) {
      throw new Refused(result);
    }
    return result;
  }

  byte[] export(ResponsibilityList.ListView view, String format) {
    return format.equals("csv") ? files.csv(view) : files.xlsx(view);
  }
}
