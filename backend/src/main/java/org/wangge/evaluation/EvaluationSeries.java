package org.wangge.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.wangge.web.InvalidInputException;

/**
 * An area's evaluation figures over a period, step by step (per week, month or day), for charts of
 * the closure and on-time closure rates over time. Each point is the area's total row ({@link
 * EvaluationRow}) over its step, computed exactly as {@code GET /api/stats} computes a period.
 *
 * @param step {@code week} (Monday 00:00 to Monday), {@code month} (the 1st to the 1st) or {@code
 *     day}, in the working calendar's zone; the first and last steps are cut to the period
 * @param points the steps in time order
 */
record EvaluationSeries(
    Evaluation.AreaRef area, String departmentCode, Instant from, Instant to, String step, List<Point> points) {

  /** One step: its part of the period and the area's figures over it. */
  record Point(Instant from, Instant to, EvaluationRow figures) {}

  /** At most this many steps in one request. */
  static final int MAX_STEPS = 62;

  enum Step {
    DAY,
    WEEK,
    MONTH;

    static Step parse(String text) {
      if (text == null || text.isBlank()) {
        return WEEK;
      }
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            "step", "must be one of " + Arrays.stream(values()).map(Step::parameter).toList() + ", got '" + text + "'");
      }
    }

    String parameter() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The start of the step that holds {@code t}. */
    private ZonedDateTime start(ZonedDateTime t) {
      LocalDate day = t.toLocalDate();
      LocalDate first =
          switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
          };
      return first.atStartOfDay(t.getZone());
    }

    private ZonedDateTime next(ZonedDateTime start) {
      return switch (this) {
        case DAY -> start.plusDays(1);
        case WEEK -> start.plusWeeks(1);
        case MONTH -> start.plusMonths(1);
      };
    }

    /** The period cut at this step's boundaries; more than {@link #MAX_STEPS} is bad input. */
    List<EvaluationPeriod> split(EvaluationPeriod period, ZoneId zone) {
      List<EvaluationPeriod> parts = new ArrayList<>();
      ZonedDateTime boundary = start(period.from().atZone(zone));
      Instant from = period.from();
      while (from.isBefore(period.to())) {
        boundary = next(boundary);
        Instant to = boundary.toInstant().isBefore(period.to()) ? boundary.toInstant() : period.to();
        parts.add(new EvaluationPeriod(from, to));
        if (parts.size() > MAX_STEPS) {
          throw new InvalidInputException(
              "step", "gives more than " + MAX_STEPS + " steps over this period: choose a longer step or a shorter period");
        }
        from = to;
      }
      return parts;
    }
  }
}
