package org.wangge.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wangge.dispatch.WorkingCalendar;
import org.wangge.gisdata.model.ClockType;

/** The stage clocks on the working calendar: across a weekend, a holiday week and a make-up Saturday. */
class CaseClocksTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final WorkingCalendar CALENDAR =
      WorkingCalendar.of(
          SHANGHAI,
          List.of("08:30-12:00", "13:30-18:00"),
          Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
          List.of(
              LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3), LocalDate.of(2026, 10, 4),
              LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 7)),
          List.of(LocalDate.of(2026, 10, 10)));

  static final CaseClocks CLOCKS =
      new CaseClocks(CALENDAR, new ClosedLoopProperties(2, 8, null, null, null, null), 0.8);

  static Instant at(int month, int day, int hour, int minute) {
    return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, SHANGHAI).toInstant();
  }

  @Test
  void theAcceptClockOfAFridayEveningReportRunsOnMonday() {
    // Friday 2026-11-20 17:30: half an hour left that day, 1.5 h on Monday morning.
    var deadline = CLOCKS.deadline(at(11, 20, 17, 30), 2);
    assertThat(deadline.dueAt()).isEqualTo(at(11, 23, 10, 0));
    // The yellow point at 80 % (96 minutes): 30 min on Friday, 66 min on Monday.
    assertThat(deadline.warningAt()).isEqualTo(at(11, 23, 9, 36));
  }

  @Test
  void theVerifyClockSkipsTheNationalDayWeekButWorksTheMakeUpSaturday() {
    // Wednesday 2026-09-30 16:00: 2 h that day; 1–7 October are holidays; Thursday 8 October gives
    // the other 6 h (08:30–12:00, 13:30–16:00).
    var deadline = CLOCKS.deadline(at(9, 30, 16, 0), 8);
    assertThat(deadline.dueAt()).isEqualTo(at(10, 8, 16, 0));
    // From Friday 9 October 17:00, 8 working hours: 1 h on Friday, 7 h on the make-up Saturday 10th.
    assertThat(CLOCKS.deadline(at(10, 9, 17, 0), 8).dueAt()).isEqualTo(at(10, 10, 17, 0));
  }

  @Test
  void aSafetyItemsClocksRunAroundTheClockOnAFridayEvening() {
    // Friday 2026-11-20 18:30, after working hours: calendar hours count at once, through the night.
    var accept = CLOCKS.acceptDeadline(at(11, 20, 18, 30), ClockType.CALENDAR_HOURS);
    assertThat(accept.dueAt()).isEqualTo(at(11, 20, 20, 30));
    assertThat(accept.warningAt()).isEqualTo(at(11, 20, 20, 6));
    assertThat(CLOCKS.verifyDeadline(at(11, 20, 18, 30), ClockType.CALENDAR_HOURS).dueAt()).isEqualTo(at(11, 21, 2, 30));
    // The same report of a working-hours item waits for Monday.
    assertThat(CLOCKS.acceptDeadline(at(11, 20, 18, 30), ClockType.WORKING_HOURS).dueAt()).isEqualTo(at(11, 23, 10, 30));
    // Calling a department in on a holiday: 4 calendar hours, or 4 working hours after the week off.
    assertThat(CLOCKS.deadline(at(10, 2, 9, 0), 4, ClockType.CALENDAR_HOURS).dueAt()).isEqualTo(at(10, 2, 13, 0));
    assertThat(CLOCKS.deadline(at(10, 2, 9, 0), 4, ClockType.WORKING_HOURS).dueAt()).isEqualTo(at(10, 8, 14, 0));
  }

  @Test
  void badRulesStopTheStartWithTheirName() {
    assertThatThrownBy(() -> new ClosedLoopProperties(null, null, null, null, List.of("06:HIGH:GRID"), null))
        .hasMessageContaining("wangge.closed-loop.initial-owner");
    assertThatThrownBy(() -> new ClosedLoopProperties(0, null, null, null, null, null)).hasMessageContaining("accept-working-hours");
    assertThat(new ClosedLoopProperties(null, null, null, null, null, null).rules()).hasSize(1);
  }
}
