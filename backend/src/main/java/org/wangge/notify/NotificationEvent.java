package org.wangge.notify;

import java.util.Map;

/** What a webhook can be told about a case; each is sent for some {@code IncidentChanged} actions. */
enum NotificationEvent {
  /** A new case routed to a member or a department ({@code REPORT} with one), or dispatched ({@code DISPATCH}). */
  ASSIGNED,
  /** The current stage's clock turned red ({@code URGE_RED}). */
  OVERDUE,
  /** A centre escalated the case, or a red clock made it climb one level ({@code ESCALATE}). */
  ESCALATED,
  /** An alarm was raised or climbed to the next level ({@code ALARM_RAISED}, {@code ALARM_CLIMBED}). */
  ALARM;

  private static final Map<String, NotificationEvent> BY_ACTION =
      Map.of(
          "REPORT", ASSIGNED,
          "DISPATCH", ASSIGNED,
          "URGE_RED", OVERDUE,
          "ESCALATE", ESCALATED,
          "ALARM_RAISED", ALARM,
          "ALARM_CLIMBED", ALARM);

  /** The event an {@code IncidentChanged} action is sent as, or {@code null} when none. */
  static NotificationEvent ofAction(String action) {
    return BY_ACTION.get(action);
  }
}
