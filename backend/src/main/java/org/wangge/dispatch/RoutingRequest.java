package org.wangge.dispatch;

import java.time.Instant;
import org.wangge.gisdata.model.ClockType;

/**
 * What the dispatcher needs to route a report.
 *
 * @param lon longitude, EPSG:4326
 * @param lat latitude, EPSG:4326
 * @param departmentId the department that handles the category, or {@code null} for the grid team
 * @param departmentCode its code, or {@code null}
 * @param deadlineHours the item's deadline, in hours (&gt; 0) counted as {@code clockType} says
 * @param clockType working hours on the working calendar, or calendar hours around the clock
 * @param reportedAt when the clock starts
 */
public record RoutingRequest(
    double lon,
    double lat,
    Long departmentId,
    String departmentCode,
    int deadlineHours,
    ClockType clockType,
    Instant reportedAt) {}
