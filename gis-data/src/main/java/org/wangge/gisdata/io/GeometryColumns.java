package org.wangge.gisdata.io;

/**
 * CSV only: which columns hold the geometry — x and y (coordinates), or wkt. A null argument to
 * {@link FeatureSource#read} means: as detected (lon/lng/longitude/x/经度 + lat/latitude/y/纬度, or
 * wkt/geometry/geom/the_geom).
 */
public record GeometryColumns(String x, String y, String wkt) {}
