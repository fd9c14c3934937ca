/**
 * The {@code gis-data} command line ({@link org.wangge.gisdata.cli.GisDataCommand}): {@code
 * generate} writes a synthetic city as GeoJSON; {@code convert} converts GIS files between formats
 * and coordinate systems offline ({@link org.wangge.gisdata.io}, {@link
 * org.wangge.gisdata.crs.Crs}); {@code import} and {@code export} talk to a running server's
 * {@code /api/imports} (upload, dry run with a one-line progress display, report, commit) and
 * {@code /api/exports} with {@link java.net.http.HttpClient}.
 */
package org.wangge.gisdata.cli;
