package org.wangge.evaluation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.alarm.Alarms;
import org.wangge.area.AreaView;
import org.wangge.dispatch.WorkingCalendar;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.web.InvalidInputException;

/**
 * {@code GET /api/stats}: the evaluation figures ({@link EvaluationRow}) of an area inside the
 * caller's jurisdiction over a period, broken down by child area, team member or department, as
 * JSON or as CSV (UTF-8 with a byte-order mark and Chinese headers, for spreadsheets); {@code GET
 * /api/stats/series}: the area's total figures step by step over the period ({@link
 * EvaluationSeries}). The JSON also carries {@code alarmAcknowledgement}: minutes to acknowledge
 * alarms per level over the period (package alarm).
 */
@RestController
class EvaluationController {

  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final Evaluator evaluator;
  private final CurrentUser currentUser;
  private final WorkingCalendar calendar;
  private final Alarms alarms;

  EvaluationController(Evaluator evaluator, CurrentUser currentUser, WorkingCalendar calendar, Alarms alarms) {
    this.alarms = alarms;
    this.evaluator = evaluator;
    this.currentUser = currentUser;
    this.calendar = calendar;
  }

  @GetMapping("/api/stats")
  ResponseEntity<?> stats(
      @RequestParam(required = false) String area,
      @RequestParam(required = false) String groupBy,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String format) {
    Jurisdiction j = currentUser.require();
    String code = area == null || area.isBlank() ? null : area.strip();
    if (code != null && !code.matches("\\d{1,15}")) {
      throw new InvalidInputException("area", "must be a numeric area code, got '" + area + "'");
    }
    GroupBy grouping = GroupBy.parse(groupBy);
    EvaluationPeriod evaluated = EvaluationPeriod.parse(from, to, period, Instant.now(), calendar.zone());
    boolean csv = false;
    if (format != null && !format.isBlank()) {
      String f = format.strip().toLowerCase(Locale.ROOT);
      if (!f.equals("json") && !f.equals("csv")) {
        throw new InvalidInputException("format", "must be json or csv, got '" + format + "'");
      }
      csv = f.equals("csv");
    }
    AreaView evaluatedArea = evaluator.area(code, j);
    Evaluation evaluation =
        evaluator
            .evaluate(evaluatedArea, grouping, evaluated, j)
            .withAlarms(alarms.acknowledgementTimes(evaluatedArea.code(), evaluated.from(), evaluated.to()));
    if (!csv) {
      return ResponseEntity.ok(evaluation);
    }
    String filename =
        "evaluation-" + evaluatedArea.code() + "-" + grouping.parameter() + "-"
            + evaluated.from().toString().replace(":", "") + ".csv";
    return ResponseEntity.ok()
        .contentType(CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
        .body(EvaluationCsv.write(evaluation).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code GET /api/stats/series?area&from&to&period&step=week|month|day}: the area's total
   * figures per step over the period (the same parameters and rules as {@code /api/stats}).
   */
  @GetMapping("/api/stats/series")
  EvaluationSeries series(
      @RequestParam(required = false) String area,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String step) {
    Jurisdiction j = currentUser.require();
    String code = area == null || area.isBlank() ? null : area.strip();
    if (code != null && !code.matches("\\d{1,15}")) {
      throw new InvalidInputException("area", "must be a numeric area code, got '" + area + "'");
    }
    EvaluationSeries.Step steps = EvaluationSeries.Step.parse(step);
    EvaluationPeriod evaluated = EvaluationPeriod.parse(from, to, period, Instant.now(), calendar.zone());
    return evaluator.series(evaluator.area(code, j), evaluated, steps, calendar.zone(), j);
  }
}
