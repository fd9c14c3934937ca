/**
 * Plans: drafts of new grid boundaries (issue 7). A planner starts a plan from the current grids
 * of an area (or from the grids valid at a past time, to restore them), edits it (replace a
 * boundary, split, merge, move a shared edge, auto-split balanced by households, rename) with
 * unlimited undo and redo kept in the database, sees every edit validated ({@link
 * org.wangge.coverage.CoverageCheck}) and its impact (addresses, households, residents and open
 * cases changing grid, members' load before and after), and publishes it as new boundary versions,
 * re-routing or keeping open cases. Serves {@code /api/plans}. Public face: {@link
 * org.wangge.planning.PlanService}; the pure geometry operations {@link
 * org.wangge.planning.BoundaryEdits} and {@link org.wangge.planning.GridNumbering}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Planning")
package org.wangge.planning;
