package org.wangge.dispatch;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.wangge.area.GridLocator;
import org.wangge.area.GridMatch;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.team.MemberRef;
import org.wangge.team.TeamService;

/**
 * Routes a report: the place decides the grid (or, outside every grid, the nearest grid within the
 * tolerance, else the smallest covering area's centre); the category decides whether a department
 * or the grid team handles it; the team's on-duty full-time member, else the grid leader, else a
 * part-time member takes it, the one with fewer open cases among equals; with no one on duty the
 * community centre's queue has it. The deadline runs on the working calendar. Thread-safe.
 */
@Service
public class Dispatcher {

  /** Who takes a grid case first. */
  private static final List<MemberRole> DUTY_ORDER =
      List.of(MemberRole.FULL_TIME, MemberRole.GRID_LEADER, MemberRole.PART_TIME);

  private final GridLocator locator;
  private final TeamService teams;
  private final OpenCases openCases;
  private final WorkingCalendar calendar;
  private final DispatchProperties properties;

  Dispatcher(
      GridLocator locator,
      TeamService teams,
      OpenCases openCases,
      WorkingCalendar calendar,
      DispatchProperties properties) {
    this.locator = locator;
    this.teams = teams;
    this.openCases = openCases;
    this.calendar = calendar;
    this.properties = properties;
  }

  /**
   * Routes the report.
   *
   * @throws OutsideJurisdictionException when no grid is within the tolerance and no area covers
   *     the point
   */
  public Routing route(RoutingRequest request) {
    double lon = request.lon();
    double lat = request.lat();
    Deadline deadline =
        calendar.deadline(
            request.reportedAt(), request.deadlineHours(), properties.warningFraction(), request.clockType());

    String gridCode;
    Long gridId;
    Integer gridVersion;
    RoutingReason reason;
    Double distance = null;
    StringBuilder why = new StringBuilder();
    // One snapshot for the whole lookup: the grid, the nearest grid and its version, the area
    // above all come from the same boundaries even if new ones are published meanwhile.
    GridLocator.Snapshot boundaries = locator.snapshot();
    GridMatch grid = boundaries.match(lon, lat);
    if (grid != null) {
      gridCode = grid.code();
      gridId = grid.id();
      gridVersion = grid.version();
      if (grid.coveringGrids() > 1) {
        reason = RoutingReason.SHARED_EDGE;
        why.append("On the shared boundary of ")
            .append(grid.coveringGrids())
            .append(" grids; the lowest code, grid ")
            .append(gridCode)
            .append(", takes it.");
      } else {
        reason = RoutingReason.INSIDE_GRID;
        why.append("Inside grid ").append(gridCode).append('.');
      }
    } else {
      var nearest = boundaries.nearest(lon, lat, properties.nearestGridToleranceMetres());
      if (nearest.isPresent()) {
        gridCode = nearest.get().code();
        distance = Math.round(nearest.get().distanceMetres() * 10) / 10.0;
        GridMatch current = boundaries.currentGrid(gridCode).orElseThrow();
        gridId = current.id();
        gridVersion = current.version();
        reason = RoutingReason.NEAREST_GRID;
        why.append("Outside every grid; grid ")
            .append(gridCode)
            .append(" is the nearest, ")
            .append(distance)
            .append(" m away (tolerance ")
            .append(properties.nearestGridToleranceMetres().intValue())
            .append(" m).");
      } else {
        GridMatch area =
            boundaries
                .smallestAreaCovering(lon, lat)
                .orElseThrow(() -> new OutsideJurisdictionException(lon, lat));
        String by = request.departmentCode() == null ? "" : " Department " + request.departmentCode() + " handles the category.";
        return new Routing(
            null,
            null,
            null,
            area.code(),
            RoutingReason.AREA_CENTRE,
            null,
            null,
            request.departmentId(),
            request.departmentCode(),
            request.departmentId() == null,
            "No grid within "
                + properties.nearestGridToleranceMetres().intValue()
                + " m; area "
                + area.code()
                + " covers the point, so its centre handles it."
                + by,
            deadline.dueAt(),
            deadline.warningAt());
      }
    }

    if (request.departmentId() != null) {
      why.append(" The category is handled by department ").append(request.departmentCode()).append('.');
      return new Routing(
          gridId, gridCode, gridVersion, gridCode, reason, distance, null,
          request.departmentId(), request.departmentCode(), false, why.toString(),
          deadline.dueAt(), deadline.warningAt());
    }

    MemberRef assignee = chooseMember(teams.membersOf(gridCode));
    if (assignee == null) {
      String community = gridCode.substring(0, 12);
      why.append(" No one in the grid team is on duty: the case waits in community ")
          .append(community)
          .append("'s queue.");
      return new Routing(
          gridId, gridCode, gridVersion, community, reason, distance, null, null, null, true,
          why.toString(), deadline.dueAt(), deadline.warningAt());
    }
    why.append(" Assigned to ")
        .append(assignee.name())
        .append(" (")
        .append(assignee.role())
        .append(", on duty).");
    return new Routing(
        gridId, gridCode, gridVersion, gridCode, reason, distance, assignee, null, null, false,
        why.toString(), deadline.dueAt(), deadline.warningAt());
  }

  /**
   * The on-duty member to take a grid case: full-time first, then the leader, then part-time;
   * among equals the one with fewer open cases, then the lower member code. {@code null} when no
   * one is on duty.
   */
  MemberRef chooseMember(List<MemberRef> team) {
    for (MemberRole role : DUTY_ORDER) {
      List<MemberRef> candidates =
          team.stream().filter(m -> m.onDuty() && m.role() == role).toList();
      if (candidates.isEmpty()) {
        continue;
      }
      if (candidates.size() == 1) {
        return candidates.getFirst();
      }
      Map<Long, Integer> load = openCases.countByAssignee(candidates.stream().map(MemberRef::id).toList());
      return candidates.stream()
          .min(
              Comparator.comparingInt((MemberRef m) -> load.getOrDefault(m.id(), 0))
                  .thenComparing(MemberRef::code))
          .orElseThrow();
    }
    return null;
  }
}
