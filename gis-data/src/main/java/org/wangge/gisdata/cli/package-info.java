/**
 * The {@code gis-data} command line: {@code generate} writes a synthetic city as GeoJSON files. See
 * {@link org.wangge.gisdata.cli.GisDataCommand}.
 */
package org.wangge.gisdata.cli;
