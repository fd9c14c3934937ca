package org.wangge.incident;

import java.util.List;
import org.wangge.security.Jurisdiction;

/**
 * The SQL form of {@link IncidentFilter#inside}: which case rows a jurisdiction may see, for the
 * plain-SQL readers (photos, possible duplicates, the live feed's catch-up).
 */
final class CaseScope {

  private CaseScope() {}

  /**
   * Appends {@code AND …} to {@code sql} (and its arguments to {@code args}) so that only the cases
   * (table alias {@code i}) inside the jurisdiction remain: routed to a grid, or failing a grid an
   * area, in its subtree; for a department officer ({@code departmentId}, {@code null} when
   * unknown), only the department's cases and those it was called in to.
   */
  static void appendInside(StringBuilder sql, List<Object> args, Jurisdiction j, Long departmentId) {
    if (!j.everywhere()) {
      sql.append(" AND (i.grid_code LIKE ? OR (i.grid_code IS NULL AND i.area_code LIKE ?))");
      args.add(j.likePattern());
      args.add(j.likePattern());
    }
    if (j.departmentCasesOnly()) {
      long department = departmentId == null ? -1L : departmentId;
      sql.append(
          " AND (i.department_id = ? OR EXISTS (SELECT 1 FROM incident_whistle w WHERE w.incident_id = i.id AND w.department_id = ?))");
      args.add(department);
      args.add(department);
    }
  }
}
