package org.wangge.gisdata.model;

/**
 * How a responsibility-list item's deadline is counted: in working hours on the working calendar
 * (most items), or in calendar hours around the clock (safety and emergency items: a gas leak
 * reported on a Friday evening is due the same evening).
 */
public enum ClockType {
  WORKING_HOURS,
  CALENDAR_HOURS
}
