package org.wangge.area;

/**
 * The grid that covers a point.
 *
 * @param id the area row (boundary version) id the point was matched against
 * @param code the 15-digit grid code
 * @param version the boundary version number
 * @param onBoundary whether the point lies on the grid's boundary rather than inside it
 * @param coveringGrids how many grids cover the point: 1 inside a grid, 2 or more on a shared edge
 *     or vertex, where the grid with the lowest code wins
 */
public record GridMatch(long id, String code, int version, boolean onBoundary, int coveringGrids) {}
