package org.wangge.alarm;

import java.time.Instant;
import java.util.List;

/**
 * An alarm as {@code GET /api/alarms} shows it.
 *
 * @param placeName the grid's name, or the area's for a case outside any grid
 * @param level the level it stands at now: the one asked to acknowledge while {@code OPEN}
 * @param levelAreaCode that level's area (the grid for {@code GRID})
 * @param dueAt when the level's time runs out and the alarm climbs; {@code null} once acknowledged
 *     or past the last level
 * @param mine whether the caller may acknowledge it now (the page flashes for these)
 * @param steps every level it was put to, in order
 */
record AlarmView(
    long id,
    long incidentId,
    String number,
    String itemCode,
    String itemName,
    String itemNameEn,
    String gridCode,
    String areaCode,
    String placeName,
    double lon,
    double lat,
    String reason,
    Instant raisedAt,
    AlarmLevel level,
    String levelAreaCode,
    String levelAreaName,
    Instant dueAt,
    String state,
    Instant acknowledgedAt,
    String acknowledgedBy,
    boolean mine,
    List<Step> steps) {

  /**
   * One level the alarm was put to.
   *
   * @param outcome {@code ACKNOWLEDGED}, {@code CLIMBED}, {@code LAPSED} (the last level's time ran
   *     out) or {@code null} while waiting
   */
  record Step(
      AlarmLevel level,
      String areaCode,
      Instant askedAt,
      Instant dueAt,
      String outcome,
      Instant endedAt,
      String acknowledgedBy,
      String acknowledgedRole) {}
}
