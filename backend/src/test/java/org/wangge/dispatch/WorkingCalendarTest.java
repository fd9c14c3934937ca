package org.wangge.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final List<String> PERIODS = List.of("08:30-12:00", "13:30-18:00");
  private static final Set<DayOfWeek> WEEKEND = Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

  // The 2026 schedule as configured in application.properties, inline so that these tests do not
  // change when a city edits its configuration.
  private static final List<LocalDate> HOLIDAYS_2026 =
      Stream.of(
              span("2026-01-01", "2026-01-03"),
              span("2026-02-15", "2026-02-23"),
              span("2026-04-04", "2026-04-06"),
              span("2026-05-01", "2026-05-05"),
              span("2026-06-19", "2026-06-21"),
              span("2026-09-25", "2026-09-27"),
              span("2026-10-01", "2026-10-07"))
          .flatMap(List::stream)
          .toList();
  private static final List<LocalDate> WORKING_DAYS_2026 =
      Stream.of("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")
          .map(LocalDate::parse)
          .toList();

  private static final WorkingCalendar CALENDAR =
      WorkingCalendar.of(SHANGHAI, PERIODS, WEEKEND, HOLIDAYS_2026, WORKING_DAYS_2026);

  // 2026-03-02 is a Monday in an ordinary week; 2026-03-07/08 is the weekend after it.

  private static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
  }

  private static Instant add(String start, Duration workingTime) {
    return CALENDAR.addWorkingTime(at(start), workingTime);
  }

  private static List<LocalDate> span(String first, String last) {
    return LocalDate.parse(first).datesUntil(LocalDate.parse(last).plusDays(1)).toList();
  }

  // --- Working days ---------------------------------------------------------------------------

  @Test
  void weekdaysWorkWeekendsAndHolidaysDoNotMakeUpDaysDo() {
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-03-02"))).isTrue(); // Monday
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-03-07"))).isFalse(); // Saturday
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-03-08"))).isFalse(); // Sunday
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-10-01"))).isFalse(); // National Day
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-10-06"))).isFalse(); // Tuesday off
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-10-08"))).isTrue();
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-09-20"))).isTrue(); // make-up Sunday
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue(); // make-up Saturday
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-10-11"))).isFalse(); // plain Sunday
  }

  // --- Within a day ---------------------------------------------------------------------------

  @Test
  void withinOnePeriod() {
    assertThat(add("2026-03-02T09:00", Duration.ofHours(2))).isEqualTo(at("2026-03-02T11:00"));
  }

  @Test
  void acrossLunchBreak() {
    assertThat(add("2026-03-02T11:00", Duration.ofHours(2))).isEqualTo(at("2026-03-02T14:30"));
  }

  @Test
  void acrossTheNight() {
    assertThat(add("2026-03-02T17:00", Duration.ofHours(2))).isEqualTo(at("2026-03-03T09:30"));
  }

  @Test
  void startAtNightCountsFromNextMorning() {
    assertThat(add("2026-03-02T22:00", Duration.ofHours(1))).isEqualTo(at("2026-03-03T09:30"));
    assertThat(add("2026-03-03T00:00", Duration.ofHours(1))).isEqualTo(at("2026-03-03T09:30"));
  }

  @Test
  void startBeforeOpeningCountsFromOpening() {
    assertThat(add("2026-03-02T07:00", Duration.ofHours(1))).isEqualTo(at("2026-03-02T09:30"));
    assertThat(add("2026-03-02T08:30", Duration.ofHours(1))).isEqualTo(at("2026-03-02T09:30"));
  }

  @Test
  void startExactlyAtClosingCountsFromNextWorkingDay() {
    assertThat(add("2026-03-02T18:00", Duration.ofMinutes(1))).isEqualTo(at("2026-03-03T08:31"));
    assertThat(add("2026-03-06T18:00", Duration.ofHours(1))).isEqualTo(at("2026-03-09T09:30"));
  }

  @Test
  void startInLunchBreakCountsFromAfternoon() {
    assertThat(add("2026-03-02T12:00", Duration.ofHours(1))).isEqualTo(at("2026-03-02T14:30"));
    assertThat(add("2026-03-02T12:45", Duration.ofHours(1))).isEqualTo(at("2026-03-02T14:30"));
  }

  @Test
  void deadlineEndingExactlyAtNoonIsNoonNotAfterLunch() {
    assertThat(add("2026-03-02T08:30", Duration.ofMinutes(210))).isEqualTo(at("2026-03-02T12:00"));
    assertThat(add("2026-03-02T11:00", Duration.ofHours(1))).isEqualTo(at("2026-03-02T12:00"));
  }

  @Test
  void deadlineEndingExactlyAtClosingIsClosingNotNextMorning() {
    assertThat(add("2026-03-02T13:30", Duration.ofMinutes(270))).isEqualTo(at("2026-03-02T18:00"));
    assertThat(add("2026-03-02T08:30", Duration.ofHours(8))).isEqualTo(at("2026-03-02T18:00"));
    // Starting during the weekend: the whole of Monday.
    assertThat(add("2026-03-07T10:00", Duration.ofHours(8))).isEqualTo(at("2026-03-09T18:00"));
  }

  @Test
  void zeroWorkingTimeIsTheStartItself() {
    assertThat(add("2026-03-02T22:00", Duration.ZERO)).isEqualTo(at("2026-03-02T22:00"));
  }

  // --- Across days off ------------------------------------------------------------------------

  @Test
  void acrossWeekend() {
    // Friday 17:00 + 2 h: one hour on Friday, one on Monday.
    assertThat(add("2026-03-06T17:00", Duration.ofHours(2))).isEqualTo(at("2026-03-09T09:30"));
    // Saturday start counts from Monday.
    assertThat(add("2026-03-07T09:00", Duration.ofHours(2))).isEqualTo(at("2026-03-09T10:30"));
  }

  @Test
  void nationalDayWeekIsSkipped() {
    // Wednesday 30 September 17:00 + 2 h: then 1–7 October off, back on Thursday 8 October.
    assertThat(add("2026-09-30T17:00", Duration.ofHours(2))).isEqualTo(at("2026-10-08T09:30"));
    assertThat(add("2026-10-03T10:00", Duration.ofHours(1))).isEqualTo(at("2026-10-08T09:30"));
  }

  @Test
  void makeUpWorkingSundayAndSaturdayCount() {
    // Friday 18 September 17:00 + 2 h: Saturday off, Sunday 20 September is a make-up working day.
    assertThat(add("2026-09-18T17:00", Duration.ofHours(2))).isEqualTo(at("2026-09-20T09:30"));
    // Friday 9 October 17:00 + 2 h: Saturday 10 October is a make-up working day.
    assertThat(add("2026-10-09T17:00", Duration.ofHours(2))).isEqualTo(at("2026-10-10T09:30"));
  }

  @Test
  void springFestivalWithMakeUpSaturdaysOnBothSides() {
    // Fri 13 Feb and make-up Sat 14 Feb: 16 h; 15–23 Feb off; Tue 24 Feb.
    assertThat(add("2026-02-13T08:30", Duration.ofHours(16))).isEqualTo(at("2026-02-14T18:00"));
    assertThat(add("2026-02-13T08:30", Duration.ofHours(24))).isEqualTo(at("2026-02-24T18:00"));
    assertThat(CALENDAR.workingTimeBetween(at("2026-02-14T18:00"), at("2026-02-24T08:30")))
        .isZero();
  }

  // --- Long durations -------------------------------------------------------------------------

  @Test
  void fortyWorkingHoursAreFiveWorkingDays() {
    assertThat(add("2026-03-02T08:30", Duration.ofHours(40))).isEqualTo(at("2026-03-06T18:00"));
    assertThat(add("2026-03-02T10:00", Duration.ofHours(40))).isEqualTo(at("2026-03-09T10:00"));
  }

  @Test
  void fortyWorkingHoursAcrossTheNationalDayWeek() {
    // Mon 28, Tue 29, Wed 30 September, Thu 8, Fri 9 October.
    assertThat(add("2026-09-28T08:30", Duration.ofHours(40))).isEqualTo(at("2026-10-09T18:00"));
    // One more day: the make-up Saturday 10 October.
    assertThat(add("2026-09-28T08:30", Duration.ofHours(48))).isEqualTo(at("2026-10-10T18:00"));
  }

  @Test
  void twoThousandWorkingHoursAreTwoHundredFiftyWorkingDays() {
    Instant end = add("2026-01-05T08:30", Duration.ofHours(2000));
    LocalDateTime local = LocalDateTime.ofInstant(end, SHANGHAI);
    assertThat(local.toLocalTime()).isEqualTo(LocalTime.of(18, 0));
    long workingDays =
        LocalDate.parse("2026-01-05")
            .datesUntil(local.toLocalDate().plusDays(1))
            .filter(WorkingCalendarTest::isWorkingDayByHand)
            .count();
    assertThat(workingDays).isEqualTo(250);
    assertThat(CALENDAR.workingTimeBetween(at("2026-01-05T08:30"), end))
        .isEqualTo(Duration.ofHours(2000));
  }

  // --- workingTimeBetween ---------------------------------------------------------------------

  @Test
  void workingTimeBetweenCountsOnlyWorkingPeriods() {
    assertThat(CALENDAR.workingTimeBetween(at("2026-03-02T07:00"), at("2026-03-02T20:00")))
        .isEqualTo(Duration.ofHours(8));
    assertThat(CALENDAR.workingTimeBetween(at("2026-03-02T11:00"), at("2026-03-02T14:00")))
        .isEqualTo(Duration.ofMinutes(90));
    assertThat(CALENDAR.workingTimeBetween(at("2026-03-06T12:00"), at("2026-03-09T12:00")))
        .isEqualTo(Duration.ofHours(8));
  }

  @Test
  void workingTimeBetweenIsZeroWhenToIsNotAfterFrom() {
    Instant ten = at("2026-03-02T10:00");
    assertThat(CALENDAR.workingTimeBetween(ten, ten)).isZero();
    assertThat(CALENDAR.workingTimeBetween(at("2026-03-02T11:00"), ten)).isZero();
  }

  @Test
  void workingTimeBetweenIsTheInverseOfAddWorkingTime() {
    Random random = new Random(20260101);
    Instant yearStart = at("2026-01-01T00:00");
    for (int i = 0; i < 5_000; i++) {
      Instant start = yearStart.plusSeconds(random.nextLong(365L * 24 * 3600));
      Duration workingTime = Duration.ofSeconds(random.nextLong(300L * 3600) + 1);
      Instant end = CALENDAR.addWorkingTime(start, workingTime);
      assertThat(CALENDAR.workingTimeBetween(start, end))
          .as("start %s + %s", start, workingTime)
          .isEqualTo(workingTime);
      // The earliest such instant: a second earlier is not enough.
      assertThat(CALENDAR.workingTimeBetween(start, end.minusSeconds(1)))
          .as("start %s + %s", start, workingTime)
          .isLessThan(workingTime);

      Instant to = start.plusSeconds(random.nextLong(30L * 24 * 3600));
      Duration between = CALENDAR.workingTimeBetween(start, to);
      assertThat(CALENDAR.addWorkingTime(start, between)).isBeforeOrEqualTo(to);
    }
  }

  @Test
  void addWorkingTimeAgreesWithMinuteByMinuteCounting() {
    Random random = new Random(42);
    Instant yearStart = at("2026-01-01T00:00");
    for (int i = 0; i < 300; i++) {
      Instant start = yearStart.plusSeconds(60 * random.nextLong(365L * 24 * 60));
      int minutes = 1 + random.nextInt(30 * 60);
      assertThat(CALENDAR.addWorkingTime(start, Duration.ofMinutes(minutes)))
          .as("start %s + %d min", start, minutes)
          .isEqualTo(addByCountingMinutes(start, minutes));
    }
  }

  /** An independent, slow reference: step minute by minute, count working minutes. */
  private static Instant addByCountingMinutes(Instant start, int minutes) {
    Instant t = start;
    int counted = 0;
    while (true) {
      LocalDateTime local = LocalDateTime.ofInstant(t, SHANGHAI);
      LocalTime time = local.toLocalTime();
      boolean working =
          isWorkingDayByHand(local.toLocalDate())
              && (inPeriod(time, MORNING_START, MORNING_END)
                  || inPeriod(time, AFTERNOON_START, AFTERNOON_END));
      t = t.plusSeconds(60);
      if (working && ++counted == minutes) {
        return t;
      }
    }
  }

  private static final LocalTime MORNING_START = LocalTime.of(8, 30);
  private static final LocalTime MORNING_END = LocalTime.of(12, 0);
  private static final LocalTime AFTERNOON_START = LocalTime.of(13, 30);
  private static final LocalTime AFTERNOON_END = LocalTime.of(18, 0);

  private static boolean inPeriod(LocalTime time, LocalTime start, LocalTime end) {
    return !time.isBefore(start) && time.isBefore(end);
  }

  private static boolean isWorkingDayByHand(LocalDate date) {
    if (WORKING_DAYS_2026.contains(date)) {
      return true;
    }
    DayOfWeek day = date.getDayOfWeek();
    return !HOLIDAYS_2026.contains(date) && day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
  }

  // --- Deadlines ------------------------------------------------------------------------------

  @Test
  void warningAtEightyPercentOfWorkingTime() {
    // Monday 10:00, 4 working hours: 3 h 12 min (2 h before lunch, 1 h 12 min after) → 14:42;
    // due after 2 h + 2 h → 15:30.
    Deadline deadline = CALENDAR.deadline(at("2026-03-02T10:00"), 4, 0.8);
    assertThat(deadline.warningAt()).isEqualTo(at("2026-03-02T14:42"));
    assertThat(deadline.dueAt()).isEqualTo(at("2026-03-02T15:30"));
  }

  @Test
  void warningLandingAtClosingIsClosing() {
    // 40 h from Monday 08:30: warning after 32 h is Thursday 18:00, not Friday 08:30.
    Deadline deadline = CALENDAR.deadline(at("2026-03-02T08:30"), 40, 0.8);
    assertThat(deadline.warningAt()).isEqualTo(at("2026-03-05T18:00"));
    assertThat(deadline.dueAt()).isEqualTo(at("2026-03-06T18:00"));
  }

  @Test
  void deadlineFromOutsideWorkingHoursCountsFromNextPeriod() {
    // Reported Saturday night: 2 working hours from Monday 08:30.
    Deadline deadline = CALENDAR.deadline(at("2026-03-07T23:10"), 2, 0.5);
    assertThat(deadline.warningAt()).isEqualTo(at("2026-03-09T09:30"));
    assertThat(deadline.dueAt()).isEqualTo(at("2026-03-09T10:30"));
  }

  // --- Invalid arguments ----------------------------------------------------------------------

  @Test
  void invalidArgumentsAreRejectedByName() {
    Instant start = at("2026-03-02T09:00");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CALENDAR.deadline(start, 0, 0.8))
        .withMessageContaining("workingHours");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CALENDAR.deadline(start, -4, 0.8))
        .withMessageContaining("workingHours");
    for (double fraction : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
      assertThatIllegalArgumentException()
          .as("fraction %s", fraction)
          .isThrownBy(() -> CALENDAR.deadline(start, 4, fraction))
          .withMessageContaining("warningFraction");
    }
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CALENDAR.addWorkingTime(start, Duration.ofMinutes(-1)))
        .withMessageContaining("workingTime");
  }

  // --- Invalid configuration ------------------------------------------------------------------

  private static WorkingCalendar calendar(List<String> periods) {
    return WorkingCalendar.of(SHANGHAI, periods, WEEKEND, List.of(), List.of());
  }

  @Test
  void malformedPeriodsAreRejectedNamingTheProperty() {
    for (String period : List.of("8:30-12:00", "08:30~12:00", "08:30", "25:00-26:00", "")) {
      assertThatIllegalArgumentException()
          .as(period)
          .isThrownBy(() -> calendar(List.of(period)))
          .withMessageContaining("wangge.calendar.working-periods");
    }
  }

  @Test
  void periodsEndingBeforeTheyStartAreRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> calendar(List.of("18:00-08:30")))
        .withMessageContaining("wangge.calendar.working-periods")
        .withMessageContaining("18:00-08:30");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> calendar(List.of("08:30-08:30")))
        .withMessageContaining("wangge.calendar.working-periods");
  }

  @Test
  void overlappingOrUnorderedPeriodsAreRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> calendar(List.of("08:30-12:00", "11:00-13:00")))
        .withMessageContaining("wangge.calendar.working-periods")
        .withMessageContaining("11:00-13:00");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> calendar(List.of("13:30-18:00", "08:30-12:00")))
        .withMessageContaining("wangge.calendar.working-periods");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> calendar(List.of()))
        .withMessageContaining("wangge.calendar.working-periods");
  }

  @Test
  void adjacentPeriodsAreAllowed() {
    WorkingCalendar calendar = calendar(List.of("08:00-12:00", "12:00-16:00"));
    assertThat(calendar.addWorkingTime(at("2026-03-02T11:00"), Duration.ofHours(2)))
        .isEqualTo(at("2026-03-02T13:00"));
  }

  @Test
  void dateBothHolidayAndWorkingDayIsRejected() {
    LocalDate day = LocalDate.parse("2026-10-01");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> WorkingCalendar.of(SHANGHAI, PERIODS, WEEKEND, List.of(day), List.of(day)))
        .withMessageContaining("wangge.calendar.holidays")
        .withMessageContaining("wangge.calendar.working-days")
        .withMessageContaining("2026-10-01");
  }

  @Test
  void weekendOfSevenDaysIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                WorkingCalendar.of(
                    SHANGHAI, PERIODS, Set.of(DayOfWeek.values()), List.of(), List.of()))
        .withMessageContaining("wangge.calendar.weekend");
  }
}
