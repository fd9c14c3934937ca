package org.wangge.incident;

import java.time.Instant;

/**
 * A case as an outgoing notification names it: what, where, whose, by when. No reporter data.
 *
 * @param lon longitude (EPSG:4326), likewise {@code lat}
 * @param addressId its standard address row, or {@code null}
 * @param gridCode the grid it was routed to, or {@code null} for an area-centre case
 * @param areaCode the responsible area
 * @param assigneeId the member handling it, or {@code null}
 * @param departmentId the department handling it, or {@code null}
 * @param ownerLevel the level whose centre owns it after an escalation, or {@code null} (the grid
 *     level)
 * @param ownerAreaCode that centre's area, or {@code null}
 * @param dueAt the handling deadline
 * @param stageDueAt the current stage's deadline, or {@code null} once finished
 */
public record CaseSummary(
    long id,
    String number,
    String categoryCode,
    String categoryName,
    String categoryNameEn,
    String status,
    String risk,
    double lon,
    double lat,
    Long addressId,
    String gridCode,
    String areaCode,
    Long assigneeId,
    Long departmentId,
    String ownerLevel,
    String ownerAreaCode,
    Instant reportedAt,
    Instant dueAt,
    String stage,
    Instant stageDueAt) {

  /**
   * The code whose subtree owns the case now: the escalated owner's area, else the grid, else the
   * responsible area.
   */
  public String ownerCode() {
    return ownerAreaCode != null ? ownerAreaCode : gridCode != null ? gridCode : areaCode;
  }
}
