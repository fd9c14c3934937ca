package org.wangge.area;

/**
 * The grid nearest to a point that no grid covers.
 *
 * @param code the 15-digit grid code
 * @param distanceMetres great-circle distance from the point to the grid's boundary, in metres
 */
public record NearestGrid(String code, double distanceMetres) {}
