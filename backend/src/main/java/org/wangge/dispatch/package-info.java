/**
 * Dispatch: routing rules (grid → person, category → department), deadlines counted on the
 * working calendar or around the clock as the item's clock type says, escalation when a deadline
 * passes, and duplicate detection. The working calendar's holidays and make-up working days are
 * data (table {@code calendar_day}), edited by ADMINs through {@code /api/calendar} and followed by
 * every instance by polling a change stamp. Public face: {@link org.wangge.dispatch.Dispatcher}
 * with {@link org.wangge.dispatch.RoutingRequest} and {@link org.wangge.dispatch.Routing}, {@link
 * org.wangge.dispatch.WorkingCalendar} and its {@link org.wangge.dispatch.Deadline}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dispatch")
package org.wangge.dispatch;
