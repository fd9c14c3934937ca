/**
 * Alarms (报警, 15 minutes, four levels): a report of an item that raises alarms, or of high risk
 * with many people involved ({@code wangge.alarm.*}, {@code AlarmRule}), raises an alarm in the
 * report's own transaction, put at once to the grid's leader, then, unacknowledged, to the
 * community, street and district centres, each with its time (3 + 3 + 4 + 5 minutes by default).
 * Each level acknowledges (确认) over {@code POST /api/alarms/{id}/acknowledge}; {@code GET
 * /api/alarms} lists the caller's. The climb sweep ({@code AlarmClimb}) claims due alarms with
 * {@code FOR UPDATE SKIP LOCKED}, so each step happens once across instances. Every raising, climb
 * and acknowledgement is a timeline entry (through {@link org.wangge.incident.Timeline}, so the
 * live feed carries it to desk, wall and phone), an audit record and an {@link
 * org.wangge.incident.IncidentChanged} ({@code ALARM_RAISED}, {@code ALARM_CLIMBED}, {@code
 * ALARM_ACKNOWLEDGED}). Owns the tables {@code alarm} and {@code alarm_step}. Public face: {@link
 * org.wangge.alarm.Alarms#acknowledgementTimes} (minutes to acknowledge per level, for {@code
 * /api/stats}), {@link org.wangge.alarm.AcknowledgementTimes} and {@link
 * org.wangge.alarm.AlarmLevel}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Alarms")
package org.wangge.alarm;
