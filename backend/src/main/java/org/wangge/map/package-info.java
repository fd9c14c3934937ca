/**
 * What the command map reads besides the features' own endpoints: the live feed of case changes
 * ({@code GET /api/live}, server-sent events filtered to the caller's jurisdiction, resumable with
 * {@code Last-Event-ID}) and the figures areas are coloured by and the wall shows ({@code GET
 * /api/map/areas}, {@code GET /api/map/summary}: one grouped SQL query per level over the incident
 * table, limited to the caller's jurisdiction in the query; {@link org.wangge.map.MapFigures}
 * defines them). Owns no tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command map")
package org.wangge.map;
