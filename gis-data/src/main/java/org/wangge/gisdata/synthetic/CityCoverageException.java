package org.wangge.gisdata.synthetic;

import java.util.List;

/**
 * Thrown when a generated (or checked) area tree is not a proper coverage: children overlap, leave
 * gaps, do not add up to their parent, have invalid geometry or malformed codes. The message names
 * the areas concerned and what is wrong with them.
 *
 * <p>Unchecked: for the generator it means a bug, not a condition callers are expected to handle.
 */
public class CityCoverageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  /**
   * @param problems one line per problem, each naming the area codes concerned; not empty
   */
  public CityCoverageException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem found, each naming the area codes concerned. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    int shown = Math.min(problems.size(), 20);
    var sb = new StringBuilder("area coverage check failed (").append(problems.size());
    sb.append(problems.size() == 1 ? " problem)" : " problems)");
    for (int i = 0; i < shown; i++) {
      sb.append("\n  ").append(problems.get(i));
    }
    if (shown < problems.size()) {
      sb.append("\n  … and ").append(problems.size() - shown).append(" more");
    }
    return sb.toString();
  }
}
