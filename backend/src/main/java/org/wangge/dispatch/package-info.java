/**
 * Dispatch: routing rules (grid → person, category → department), deadlines counted on the
 * working calendar, escalation when a deadline passes, and duplicate detection. Public face so
 * far: {@link org.wangge.dispatch.WorkingCalendar} and its {@link org.wangge.dispatch.Deadline}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dispatch")
package org.wangge.dispatch;
