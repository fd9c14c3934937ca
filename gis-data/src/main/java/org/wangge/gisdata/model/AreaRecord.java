package org.wangge.gisdata.model;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * One area of the tree with its boundary.
 *
 * @param code GB/T 2260-style code: 4 digits for the city (its prefecture), 6 for a district,
 *     9 for a street, 12 for a community, 15 for a grid
 * @param parentCode the enclosing area's code, {@code null} for the city
 * @param boundary longitude/latitude, EPSG:4326 (SRID set on the geometry)
 * @param households households of the addresses inside (derived)
 * @param residents residents of the addresses inside (derived)
 */
public record AreaRecord(
    String code,
    String name,
    AreaLevel level,
    String parentCode,
    MultiPolygon boundary,
    int households,
    int residents) {}
