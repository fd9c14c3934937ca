/**
 * The one point-in-grid rule: {@link org.wangge.gisdata.grid.GridIndex}, an immutable cell index
 * that says which area of a tiling holds a point, with the shared-edge rule (a point on an edge or
 * vertex shared by several areas goes to the lowest code). The backend's grid locator, import,
 * coverage report and plan impacts, and the synthetic-city generator all locate points with it.
 */
package org.wangge.gisdata.grid;
