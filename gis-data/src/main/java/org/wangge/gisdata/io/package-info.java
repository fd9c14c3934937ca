/**
 * Reading and writing GIS files — zipped shapefiles, GeoPackage, GeoJSON, FlatGeobuf, CSV — with
 * no database and no Spring. {@link org.wangge.gisdata.io.GisFiles#open} opens a file (unpacking a
 * zip safely with {@link org.wangge.gisdata.io.ZipSafety}) as a {@link
 * org.wangge.gisdata.io.FeatureSource}: its layers ({@link org.wangge.gisdata.io.LayerInfo}: feature
 * count, fields, extent, coordinate system or why it is unknown, attribute encoding) and their
 * features streamed one at a time in the layer's own coordinates, never repaired. {@link
 * org.wangge.gisdata.io.GisFiles#write} writes layers whose features arrive in WGS84 in any format
 * and {@link org.wangge.gisdata.crs.Crs}, streaming. Problems are {@link
 * org.wangge.gisdata.io.GisFileException}s whose message names the fix.
 */
package org.wangge.gisdata.io;
