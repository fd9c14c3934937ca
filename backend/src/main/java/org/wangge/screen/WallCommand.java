package org.wangge.screen;

import java.time.Instant;

/**
 * One command to the walls of a centre: focus on a case (its place) or on an area (its bounds).
 *
 * @param centreCode the sender's jurisdiction (the walls with the same one follow), {@code null} for
 *     an ADMIN of everything
 * @param kind {@code CASE} or {@code AREA}
 * @param caseNumber the case's number (13 digits) for {@code CASE}, else {@code null}
 * @param areaCode the area's code for {@code AREA}; for {@code CASE} the grid (or area) of the case
 * @param areaLevel the area's level for {@code AREA}, else {@code null}
 * @param title what the wall shows: the case number and category, or the area's name
 * @param lon longitude of the case, or of the area's bounds' centre (EPSG:4326)
 * @param lat latitude, likewise
 * @param bbox {@code [minLon, minLat, maxLon, maxLat]} of an area, {@code null} for a case
 * @param sentBy the sender's username
 * @param sentByName the sender's display name
 * @param sentAt when the command was stored (the database's clock)
 */
record WallCommand(
    long id,
    String centreCode,
    String kind,
    String caseNumber,
    String areaCode,
    String areaLevel,
    String title,
    double lon,
    double lat,
    double[] bbox,
    String sentBy,
    String sentByName,
    Instant sentAt) {}
