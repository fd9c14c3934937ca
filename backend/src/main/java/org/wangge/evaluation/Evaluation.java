package org.wangge.evaluation;

import java.time.Instant;
import java.util.List;

/**
 * An evaluation of an area over a period: one row per group and the total over all of them
 * ({@link EvaluationRow} defines the figures).
 *
 * @param area the area evaluated (its whole subtree)
 * @param departmentCode for a department officer, the department whose cases alone are counted;
 *     otherwise {@code null}
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @param groupBy {@code area}, {@code member}, {@code department} or {@code none}
 * @param rows the groups, in code order (the group without a code last); empty for {@code none}
 *     and for an area without children
 * @param total every case of the area (and department) together: the sums of the rows' counts
 * @param alarmAcknowledgement minutes to acknowledge alarms per level (grid, community, street,
 *     district) over the alarms raised in the period in the area (package alarm)
 */
record Evaluation(
    AreaRef area,
    String departmentCode,
    Instant from,
    Instant to,
    String groupBy,
    List<EvaluationRow> rows,
    EvaluationRow total,
    List<org.wangge.alarm.AcknowledgementTimes> alarmAcknowledgement) {

  Evaluation withAlarms(List<org.wangge.alarm.AcknowledgementTimes> times) {
    return new Evaluation(area, departmentCode, from, to, groupBy, rows, total, times);
  }

  record AreaRef(String code, String name, String level) {}
}
