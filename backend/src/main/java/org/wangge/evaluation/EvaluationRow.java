package org.wangge.evaluation;

/**
 * The evaluation figures (考核指标) of one group of cases over a period {@code [from, to)}: an
 * area's subtree, a team member's cases, a department's cases, or all of them. "In the period"
 * means {@code from <= t < to}. A case belongs to the area of its grid ({@code grid_code}), or,
 * for an area-centre case without a grid, to its responsible area ({@code area_code}); to the
 * member it is assigned to ({@code assignee_id}) and the department it was sent to ({@code
 * department_id}) now. Every count is of cases (not of transitions). Rates are fractions in [0, 1]
 * rounded to 4 decimals, and {@code null} when their denominator is 0; averages are {@code null}
 * when they average nothing.
 *
 * @param key the area code, member code or department code; {@code null} for the cases without an
 *     assignee or without a department; for the total row, the area's code
 * @param name the area's, member's or department's name
 * @param opened 立案数: cases reported in the period ({@code reported_at}), cancelled ones included
 * @param dueToClose 应结案数: cases whose deadline ({@code due_at}, the current one, after any
 *     extension) falls in the period, except cancelled cases
 * @param closedOfDue of those, the cases closed by the end of the period: status {@code CLOSED} or
 *     {@code FOLLOWED_UP} and {@code closed_at < to} (also when closed before the period began)
 * @param closureRate 结案率: {@code closedOfDue / dueToClose}
 * @param closed 结案数: cases closed in the period: {@code closed_at} in the period and status
 *     {@code CLOSED} or {@code FOLLOWED_UP} (a cancelled case has a {@code closed_at} too and is not
 *     counted)
 * @param closedOnTime of those, the cases closed by their deadline: {@code closed_at <= due_at},
 *     or without a deadline
 * @param onTimeClosureRate 按期结案率: {@code closedOnTime / closed}
 * @param reworked of the cases closed in the period, those reopened at least once ({@code
 *     rework_count > 0})
 * @param reworkRate 返工率: {@code reworked / closed}
 * @param extended of the cases closed in the period, those whose deadline was extended at least
 *     once ({@code extension_count > 0})
 * @param extensionRate 延期率: {@code extended / closed}
 * @param accepted cases accepted in the period ({@code accepted_at}: the latest acceptance, as a
 *     returned case is accepted again), whatever their status now
 * @param averageHoursToAccept mean of {@code accepted_at - reported_at} over {@code accepted}, in
 *     wall-clock hours (not working hours), 1 decimal
 * @param averageHoursToClose mean of {@code closed_at - reported_at} over {@code closed}, in
 *     wall-clock hours, 1 decimal
 * @param satisfaction 满意度: mean of the follow-up rating (1 very dissatisfied to 5 very satisfied)
 *     over the cases followed up in the period ({@code followed_up_at}) with a rating, 2 decimals
 * @param satisfactionCount how many ratings that mean is of
 * @param standardAddresses for an area's row (and the total): the standard addresses filed under
 *     its grids now; {@code null} for member and department rows
 * @param patrolledAddresses of those, the addresses within 50 m of the track of a patrol started in
 *     the period (package field, {@code PatrolService#coverage})
 * @param patrolCoverage 巡查覆盖率: {@code patrolledAddresses / standardAddresses}; with {@code
 *     period=week}, the weekly patrol coverage
 */
record EvaluationRow(
    String key,
    String name,
    long opened,
    long dueToClose,
    long closedOfDue,
    Double closureRate,
    long closed,
    long closedOnTime,
    Double onTimeClosureRate,
    long reworked,
    Double reworkRate,
    long extended,
    Double extensionRate,
    long accepted,
    Double averageHoursToAccept,
    Double averageHoursToClose,
    Double satisfaction,
    long satisfactionCount,
    Long standardAddresses,
    Long patrolledAddresses,
    Double patrolCoverage) {

  /** This row with an area's patrol coverage. */
  EvaluationRow withPatrolCoverage(long addresses, long patrolled) {
    return new EvaluationRow(
        key, name, opened, dueToClose, closedOfDue, closureRate, closed, closedOnTime, onTimeClosureRate, reworked, reworkRate,
        extended, extensionRate, accepted, averageHoursToAccept, averageHoursToClose, satisfaction, satisfactionCount, addresses,
        patrolled, Figures.rate(Math.min(patrolled, addresses), addresses));
  }
}
