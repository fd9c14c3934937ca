/**
 * The command map's server side, besides the features' own endpoints: the live feed of case
 * changes ({@code GET /api/live}, server-sent events filtered to the caller's jurisdiction,
 * resumable with {@code Last-Event-ID}); vector tiles of the area tree ({@code GET
 * /tiles/{layer}/{z}/{x}/{y}.mvt}, limited to the caller's subtree, {@code ST_AsMVT} on PostGIS and
 * a Java encoder on the embedded database); the map's configuration ({@code GET /api/map/config}:
 * basemap, zoom levels, live feed) from {@code wangge.map.*}; and the figures areas are coloured by
 * and the wall shows ({@code GET /api/map/areas}, {@code GET /api/map/summary}: one grouped SQL
 * query per level over the incident table, limited to the caller's jurisdiction in the query;
 * {@link org.wangge.map.MapFigures} defines them). Owns no tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command map")
package org.wangge.map;
