/**
 * Coordinate systems. {@link org.wangge.gisdata.crs.Crs} is every system GIS files reach us in —
 * WGS84, CGCS2000 (EPSG:4490), Web Mercator, the CGCS2000 Gauss-Krüger 3° and 6° zones
 * (EPSG:4491–4554, via proj4j), GCJ-02 and BD-09 — with conversion of points and geometries to and
 * from WGS84 and recognition of a .prj / GeoPackage WKT (never a guess: unknown is empty). {@link
 * org.wangge.gisdata.crs.CoordinateSystem} is the small lon/lat-only enum used on hot paths
 * (phones, map SDKs), backed by the published formulas in {@link
 * org.wangge.gisdata.crs.ChinaOffsets}. Everything here is stateless and thread-safe.
 */
package org.wangge.gisdata.crs;
