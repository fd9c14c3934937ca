/**
 * Boundary planning (网格调整): planners copy the current grids of an area into a plan, edit it
 * (split along a drawn line, merge adjacent grids, move the shared edge between two grids, replace a
 * grid's boundary, auto-split an overloaded grid into parts balanced by households), see every edit
 * validated (valid, nested, no gaps, no overlaps) together with its impact (addresses, households,
 * residents, members' load and open cases that change grid), undo and redo without limit, and
 * publish the plan as new boundary versions from a chosen time, numbering new grids by {@link
 * org.wangge.planning.GridNumbering}, or abandon a draft. The grids a plan reshapes are also judged
 * by the coverage report's staffing rule ({@link org.wangge.coverage.StaffingRule}): warnings that
 * do not block publishing.
 *
 * <p>Serves {@code /api/plans} (README, "Planning"). Public face: {@link
 * org.wangge.planning.PlanService}. Plans, their edits (with actor and time) and what each publish
 * wrote are stored in the {@code plan*} tables; validation is {@link
 * org.wangge.coverage.CoverageCheck}; publishing writes area rows through {@link
 * org.wangge.area.BoundaryVersions} and re-routes open cases through {@link
 * org.wangge.incident.CaseRerouting}.
 *
 * <p>The geometry of the edits is pure JTS with no Spring: {@link
 * org.wangge.planning.BoundaryEdits} (lon/lat EPSG:4326 in and out, exact coverage kept by noding
 * every boundary involved once and rebuilding the results from the same faces) and {@link
 * org.wangge.planning.BalancedSplit}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Boundary planning")
package org.wangge.planning;
