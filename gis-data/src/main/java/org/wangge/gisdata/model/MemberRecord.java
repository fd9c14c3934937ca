package org.wangge.gisdata.model;

import java.time.Instant;
import java.util.List;

/**
 * A person in a grid team.
 *
 * @param code unique member code
 * @param gridCodes the grids this member serves (usually one)
 * @param lon last known longitude (EPSG:4326), {@code null} if never seen
 * @param lat last known latitude (EPSG:4326), {@code null} if never seen
 * @param lastSeenAt when the last known position was taken, {@code null} if never seen
 */
public record MemberRecord(
    String code,
    String name,
    String phone,
    MemberRole role,
    List<String> gridCodes,
    boolean onDuty,
    Double lon,
    Double lat,
    Instant lastSeenAt) {}
