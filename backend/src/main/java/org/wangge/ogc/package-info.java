/**
 * OGC API – Features, Part 1 Core and GeoJSON, under {@code /ogc}: the landing page, conformance,
 * the collections ({@code districts}, {@code streets}, {@code communities}, {@code grids}: current
 * area versions, feature id = code; {@code addresses}: feature id = code; {@code incidents}: feature
 * id = case number, {@code datetime} on the reported time) and their items with {@code bbox},
 * {@code limit}, {@code offset} and {@code next}/{@code prev} links. Same sign-in as the API; every
 * read is limited to the caller's jurisdiction inside the query, and a feature outside it is a
 * {@code 404} like a missing one. GDAL's {@code OAPIF:} driver and QGIS read every collection.
 * Controllers only: the reads are the area, address and incident services' public methods.
 */
@org.springframework.modulith.ApplicationModule(displayName = "OGC API - Features")
package org.wangge.ogc;
