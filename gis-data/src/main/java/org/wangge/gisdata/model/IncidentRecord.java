package org.wangge.gisdata.model;

import java.time.Instant;

/**
 * A reported incident (事件).
 *
 * @param number case number, unique, e.g. {@code 2026110100123}
 * @param categoryCode a minor class code
 * @param lon longitude, EPSG:4326
 * @param lat latitude, EPSG:4326
 * @param addressCode the nearest standard address, or {@code null}
 * @param gridCode the grid it was routed to
 * @param assigneeCode the member handling it, {@code null} when a department does
 * @param departmentCode the department handling it, {@code null} when the grid team does
 * @param closedAt {@code null} while open
 */
public record IncidentRecord(
    String number,
    String categoryCode,
    IncidentSource source,
    Risk risk,
    IncidentStatus status,
    String description,
    double lon,
    double lat,
    String addressCode,
    String gridCode,
    String assigneeCode,
    String departmentCode,
    Instant reportedAt,
    Instant dueAt,
    Instant closedAt) {}
