package org.wangge.incident;

import java.time.Instant;

/**
 * One entry of the case timeline as the live feed sends it: what happened to which case, and
 * where the case stands now (enough for a map to move its marker and colour).
 *
 * @param eventId the timeline entry's id: the live feed's event id, increasing
 * @param urgeLevel 0 none, 1 yellow, 2 red (the current stage's)
 */
public record CaseChange(
    long eventId,
    long incidentId,
    String number,
    String action,
    String fromStatus,
    String toStatus,
    Instant at,
    String actor,
    String status,
    String categoryCode,
    String risk,
    double lon,
    double lat,
    String gridCode,
    String areaCode,
    Long departmentId,
    String stage,
    Instant stageDueAt,
    int urgeLevel,
    String ownerLevel) {

  /** The code whose subtree the case belongs to: its grid, or its area for an area-centre case. */
  public String placeCode() {
    return gridCode != null ? gridCode : areaCode;
  }
}
