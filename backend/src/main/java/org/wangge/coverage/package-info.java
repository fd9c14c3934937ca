/**
 * Coverage (横向到边、纵向到底、不留死角): whether the children of every area tile it without gaps,
 * overlaps or parts outside, whether boundaries are valid, whether every address lies in exactly one
 * grid, and whether every grid is staffed and fairly loaded. Public face: {@link
 * org.wangge.coverage.CoverageCheck} (pure geometry, JTS only), {@link
 * org.wangge.coverage.StaffingRule} (a grid's staffing and load, also used by plans) and {@link
 * org.wangge.coverage.CoverageService}. Serves {@code GET /api/coverage/{areaCode}}. Owns no
 * tables: it reads areas, addresses and team assignments.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Coverage")
package org.wangge.coverage;
