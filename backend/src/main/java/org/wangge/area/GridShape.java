package org.wangge.area;

import org.locationtech.jts.geom.Geometry;

/**
 * One current grid boundary as the locator indexes it.
 *
 * @param id the area row (boundary version) id
 * @param code the 15-digit grid code
 * @param version the boundary version number of that code
 * @param boundary lon/lat, SRID 4326, polygonal
 */
public record GridShape(long id, String code, int version, Geometry boundary) {}
