package org.wangge.dispatch;

import java.time.Instant;
import org.wangge.team.MemberRef;

/**
 * Where a report goes, who handles it, by when, and why.
 *
 * @param gridId the grid row (boundary version) routed with, {@code null} for {@link
 *     RoutingReason#AREA_CENTRE}
 * @param gridCode {@code null} for {@link RoutingReason#AREA_CENTRE}
 * @param gridVersion {@code null} for {@link RoutingReason#AREA_CENTRE}
 * @param areaCode the area whose centre or queue is responsible: the grid's community for a
 *     queued case, the covering area for {@link RoutingReason#AREA_CENTRE}, else the grid
 * @param distanceMetres distance to the nearest grid for {@link RoutingReason#NEAREST_GRID}, else
 *     {@code null}
 * @param assignee the member handling it, or {@code null}
 * @param departmentId the department handling it, or {@code null}
 * @param communityQueue no one in the grid team is on duty: the community centre's queue has it
 * @param explanation a sentence an operator can read
 * @param dueAt the deadline on the working calendar
 * @param warningAt the yellow warning point (80 % of the working time)
 */
public record Routing(
    Long gridId,
    String gridCode,
    Integer gridVersion,
    String areaCode,
    RoutingReason reason,
    Double distanceMetres,
    MemberRef assignee,
    Long departmentId,
    String departmentCode,
    boolean communityQueue,
    String explanation,
    Instant dueAt,
    Instant warningAt) {

  /** The assignee's member id, or {@code null}. */
  public Long assigneeId() {
    return assignee == null ? null : assignee.id();
  }
}
