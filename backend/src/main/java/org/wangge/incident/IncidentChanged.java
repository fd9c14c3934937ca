package org.wangge.incident;

import java.time.Instant;
import org.wangge.gisdata.model.IncidentStatus;

/**
 * A case moved in the closed loop (published after the transition's transaction is joined, for the
 * live feed and statistics).
 *
 * @param gridCode the case's grid, or {@code null} for an area-centre case
 * @param areaCode the responsible area
 */
public record IncidentChanged(
    long incidentId,
    String number,
    String action,
    IncidentStatus status,
    String gridCode,
    String areaCode,
    Long departmentId,
    Instant at) {}
