/**
 * GIS data exchange: import and export of areas, addresses, members and incidents as files
 * (shapefile, GeoPackage, GeoJSON, FlatGeobuf, CSV) in any supported coordinate system. The import
 * side serves {@code /api/imports}: an upload is staged under {@code wangge.exchange.work-dir}, read
 * with gis-data's {@code org.wangge.gisdata.io}, mapped onto the gis-data model records, checked in a
 * dry run (geometries, codes, parents, nesting, grids, jurisdiction, coverage) and committed in one
 * transaction through the area, address, team and incident services. The export side serves {@code
 * /api/exports}: an area's subtree (areas by level, addresses, incidents, members) streamed from
 * database cursors into gis-data's {@code GisFiles.write} in the chosen format and system, within
 * the caller's jurisdiction, audited, member phones for ADMIN only. Owns no tables; import sessions live in memory per instance (24 h).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Exchange")
package org.wangge.exchange;
