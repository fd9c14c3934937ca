package org.wangge.dispatch;

import java.time.Instant;

/**
 * What the dispatcher needs to route a report.
 *
 * @param lon longitude, EPSG:4326
 * @param lat latitude, EPSG:4326
 * @param departmentId the department that handles the category, or {@code null} for the grid team
 * @param departmentCode its code, or {@code null}
 * @param deadlineWorkingHours the category's deadline, in working hours (&gt; 0)
 * @param reportedAt when the clock starts
 */
public record RoutingRequest(
    double lon,
    double lat,
    Long departmentId,
    String departmentCode,
    int deadlineWorkingHours,
    Instant reportedAt) {}
