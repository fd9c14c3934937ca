/**
 * What the command map reads besides the features' own endpoints: the live feed of case changes
 * ({@code GET /api/live}, server-sent events filtered to the caller's jurisdiction, resumable with
 * {@code Last-Event-ID}); vector tiles of the area tree ({@code GET
 * /tiles/{layer}/{z}/{x}/{y}.mvt}, limited to the caller's subtree, {@code ST_AsMVT} on PostGIS and
 * a Java encoder on the embedded database); and the map's configuration ({@code GET
 * /api/map/config}: basemap, zoom levels, live feed) from {@code wangge.map.*}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command map")
package org.wangge.map;
