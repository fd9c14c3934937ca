package org.wangge.incident;

import java.time.Instant;
import org.wangge.gisdata.model.IncidentStatus;

/**
 * A case was reported ({@code REPORT}) or moved in the closed loop (the action's name, or {@code
 * URGE_YELLOW} / {@code URGE_RED} from the clock; a red clock that climbs one level is followed by
 * {@code ESCALATE}). Published inside the transaction that made the
 * change: a synchronous listener that writes to the database (alarms, the notification outbox)
 * commits or rolls back with the change itself.
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
