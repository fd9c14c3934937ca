package org.wangge.dispatch;

/** Why a report went to the grid or area it went to. */
public enum RoutingReason {
  /** The point lies inside a grid. */
  INSIDE_GRID,
  /** The point lies on an edge or vertex shared by grids: the lowest grid code won. */
  SHARED_EDGE,
  /** The point lies outside every grid but within the tolerance of the nearest one. */
  NEAREST_GRID,
  /** No grid is near: the smallest area covering the point handles it through its centre. */
  AREA_CENTRE
}
