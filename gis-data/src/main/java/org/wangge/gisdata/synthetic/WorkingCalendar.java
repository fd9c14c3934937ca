package org.wangge.gisdata.synthetic;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A simple working calendar for deadlines: Monday to Friday, 08:30–12:00 and 13:30–18:00 in
 * Asia/Shanghai (8 working hours a day); no public holidays. Stateless; thread-safe.
 */
final class WorkingCalendar {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private static final LocalTime[][] PERIODS = {
    {LocalTime.of(8, 30), LocalTime.of(12, 0)},
    {LocalTime.of(13, 30), LocalTime.of(18, 0)}
  };

  private WorkingCalendar() {}

  /**
   * The instant {@code hours} working hours after {@code start}; the clock starts at the next
   * working period if {@code start} is outside one.
   */
  static Instant addWorkingHours(Instant start, int hours) {
    long remaining = hours * 3600L;
    ZonedDateTime t = start.atZone(ZONE);
    while (true) {
      DayOfWeek day = t.getDayOfWeek();
      if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
        for (LocalTime[] period : PERIODS) {
          ZonedDateTime from = t.with(period[0]);
          ZonedDateTime to = t.with(period[1]);
          if (t.isBefore(to)) {
            ZonedDateTime begin = t.isAfter(from) ? t : from;
            long available = to.toEpochSecond() - begin.toEpochSecond();
            if (remaining <= available) {
              return begin.plusSeconds(remaining).toInstant();
            }
            remaining -= available;
            t = to;
          }
        }
      }
      t = t.toLocalDate().plusDays(1).atStartOfDay(ZONE);
    }
  }
}
