package org.wangge.alarm;

/**
 * Minutes from a level being asked to its acknowledgement, for the alarms of a period.
 *
 * @param level the level
 * @param acknowledged how many alarms that level acknowledged
 * @param climbed how many climbed on from that level unacknowledged (or lapsed, at the last level)
 * @param medianMinutes median minutes to acknowledge, {@code null} with none acknowledged
 * @param p90Minutes 90th percentile (nearest rank), {@code null} with none acknowledged
 */
public record AcknowledgementTimes(String level, long acknowledged, long climbed, Double medianMinutes, Double p90Minutes) {}
