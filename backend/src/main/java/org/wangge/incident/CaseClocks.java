package org.wangge.incident;

import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.wangge.dispatch.WorkingCalendar;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.ClockType;

/**
 * Starts each stage's clock: ACCEPT (from dispatch, or from the report while it waits in a queue),
 * HANDLE (the case's own deadline), VERIFY (from the feedback). Each counts as the case's item
 * says ({@link Category#clockType()}): working hours on the working calendar, or calendar hours
 * around the clock for safety and emergency items, so a gas leak's accept clock runs through the
 * night and the weekend. The hours of ACCEPT and VERIFY come from {@code wangge.closed-loop.*}. The
 * yellow point is at the same share of the time as the handling deadline's ({@code
 * wangge.dispatch.warning-fraction}).
 */
@Component
class CaseClocks {

  private static final java.util.Map<AreaLevel, Integer> CODE_LENGTH =
      java.util.Map.of(AreaLevel.CITY, 4, AreaLevel.DISTRICT, 6, AreaLevel.STREET, 9, AreaLevel.COMMUNITY, 12, AreaLevel.GRID, 15);

  /**
   * The code of the area at {@code level} that holds a place (codes nest: a grid's code starts with
   * those of its community, street, district and city), or {@code null} when the place lies above
   * that level or has no code.
   */
  static String areaAt(String placeCode, AreaLevel level) {
    int length = CODE_LENGTH.get(level);
    return placeCode == null || placeCode.length() < length ? null : placeCode.substring(0, length);
  }

  private final WorkingCalendar calendar;
  private final ClosedLoopProperties properties;
  private final double warningFraction;

  CaseClocks(
      WorkingCalendar calendar,
      ClosedLoopProperties properties,
      @Value("${wangge.dispatch.warning-fraction:0.8}") double warningFraction) {
    this.calendar = calendar;
    this.properties = properties;
    this.warningFraction = warningFraction;
  }

  void accept(Incident incident, Instant from) {
    incident.startStage(CaseStage.ACCEPT, acceptDeadline(from, incident.category().clockType()));
  }

  void verify(Incident incident, Instant from) {
    incident.startStage(CaseStage.VERIFY, verifyDeadline(from, incident.category().clockType()));
  }

  /** The ACCEPT clock from {@code from}: {@code accept-working-hours}, counted as {@code clockType} says. */
  org.wangge.dispatch.Deadline acceptDeadline(Instant from, ClockType clockType) {
    return deadline(from, properties.acceptWorkingHours(), clockType);
  }

  /** The VERIFY clock from {@code from}: {@code verify-working-hours}, counted as {@code clockType} says. */
  org.wangge.dispatch.Deadline verifyDeadline(Instant from, ClockType clockType) {
    return deadline(from, properties.verifyWorkingHours(), clockType);
  }

  /** A deadline of so many working hours from {@code from}, with its yellow point. */
  org.wangge.dispatch.Deadline deadline(Instant from, int workingHours) {
    return calendar.deadline(from, workingHours, warningFraction);
  }

  /** A deadline of so many hours from {@code from}, counted as {@code clockType} says, with its yellow point. */
  org.wangge.dispatch.Deadline deadline(Instant from, int hours, ClockType clockType) {
    return calendar.deadline(from, hours, warningFraction, clockType);
  }

  /** A new case: the accept clock, and the owner an initial-owner rule gives it. */
  void reported(Incident incident, Instant now) {
    accept(incident, now);
    String place = incident.gridCode() != null ? incident.gridCode() : incident.areaCode();
    for (var rule : properties.rules()) {
      String owner = areaAt(place, rule.level());
      if (rule.matches(incident.category().code(), incident.risk()) && owner != null) {
        incident.ownedBy(rule.level(), owner);
        return;
      }
    }
  }
}
