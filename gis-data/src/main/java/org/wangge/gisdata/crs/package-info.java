/**
 * Coordinate systems used by Chinese phones, map SDKs and government GIS — WGS84, CGCS2000,
 * GCJ-02 and BD-09 — and conversion between them on longitude/latitude in degrees
 * ({@link org.wangge.gisdata.crs.CoordinateSystem}, backed by the published formulas in {@link
 * org.wangge.gisdata.crs.ChinaOffsets}). Hot-path friendly: primitives in, a two-element
 * {@code {lon, lat}} array out, stateless and thread-safe.
 */
package org.wangge.gisdata.crs;
