package org.wangge.planning;

import java.time.Instant;

/**
 * A plan in a list.
 *
 * @param edits the number of edits in effect (not undone)
 * @param status DRAFT, PUBLISHED or ABANDONED
 */
public record PlanSummary(
    long id,
    String name,
    String areaCode,
    String status,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    int edits,
    Instant publishedAt,
    String publishedBy) {}
