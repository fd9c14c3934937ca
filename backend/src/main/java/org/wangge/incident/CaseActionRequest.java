package org.wangge.incident;

/**
 * The body of {@code POST /api/incidents/{id}/actions}. Which fields an action needs:
 *
 * <ul>
 *   <li>DISPATCH: {@code assigneeCode} (a team member) or {@code departmentCode};
 *   <li>HANDLE: {@code note} (what was done);
 *   <li>FOLLOW_UP: {@code satisfaction} 1–5, optional {@code note};
 *   <li>RETURN, REOPEN, CANCEL: {@code reason};
 *   <li>ESCALATE: {@code level} (COMMUNITY, STREET, DISTRICT or CITY, above the current owner) and
 *       {@code reason};
 *   <li>EXTEND: {@code dueAt} (ISO instant, later than the current deadline) and {@code reason};
 *   <li>WHISTLE: {@code departmentCodes}, optional {@code workingHours} (default the category's);
 *   <li>WHISTLE_DONE: {@code note} (a called department's officer);
 *   <li>MERGE: {@code intoId} (the original), optional {@code reason};
 *   <li>ACCEPT, START, CLOSE: nothing ({@code note} optional).
 * </ul>
 *
 * <p>Any action may carry {@code observedAt} (ISO instant): when it was taken on a phone that was
 * offline; at most 5 minutes in the future ({@link QueuedItems}).
 */
record CaseActionRequest(
    String action,
    String reason,
    String note,
    String assigneeCode,
    String departmentCode,
    String level,
    String dueAt,
    Integer satisfaction,
    java.util.List<String> departmentCodes,
    Integer workingHours,
    Long intoId,
    String observedAt) {}
