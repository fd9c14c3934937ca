package org.wangge.incident;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.security.ReceiptTokens;
import org.wangge.web.InvalidInputException;

/**
 * A citizen's own report by the receipt the intake gave them (no sign-in): {@code GET
 * /api/receipts/{receipt}} ({@link CitizenView}) and {@code POST /api/receipts/{receipt}/rating}
 * ({@code {"satisfaction": 1–5, "comment"?}}; {@code 409} before the case is closed and once it is
 * rated; {@code 400} naming the field, and nothing stored, for bad input).
 */
@RestController
class ReceiptController {

  /** The body of a rating. */
  record RatingRequest(BigDecimal satisfaction, String comment) {}

  private final ReceiptTokens receipts;
  private final IncidentReader reader;
  private final CitizenRatings ratings;

  ReceiptController(ReceiptTokens receipts, IncidentReader reader, CitizenRatings ratings) {
    this.receipts = receipts;
    this.reader = reader;
    this.ratings = ratings;
  }

  @GetMapping("/api/receipts/{receipt}")
  ResponseEntity<?> receipt(@PathVariable String receipt) {
    var id = receipts.verify(receipt);
    if (id.isEmpty()) {
      return unknown();
    }
    return reader
        .view(id.getAsLong(), false)
        .<ResponseEntity<?>>map(v -> ResponseEntity.ok(CitizenView.of(v, receipt, ratings.of(v.id()).orElse(null))))
        .orElseGet(ReceiptController::unknown);
  }

  @PostMapping("/api/receipts/{receipt}/rating")
  ResponseEntity<?> rate(@PathVariable String receipt, @RequestBody(required = false) RatingRequest request) {
    var id = receipts.verify(receipt);
    if (id.isEmpty() || reader.view(id.getAsLong(), false).isEmpty()) {
      return unknown();
    }
    if (request == null || request.satisfaction() == null) {
      throw new InvalidInputException("satisfaction", "is required: a whole number from 1 (very dissatisfied) to 5 (very satisfied)");
    }
    int satisfaction;
    try {
      satisfaction = request.satisfaction().intValueExact();
    } catch (ArithmeticException e) {
      satisfaction = 0;
    }
    if (satisfaction < 1 || satisfaction > 5) {
      throw new InvalidInputException(
          "satisfaction", "must be a whole number from 1 (very dissatisfied) to 5 (very satisfied), got " + request.satisfaction());
    }
    String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
    if (comment != null && comment.length() > CitizenRatings.MAX_COMMENT) {
      throw new InvalidInputException(
          "comment", "is " + comment.length() + " characters; at most " + CitizenRatings.MAX_COMMENT + " are allowed");
    }
    CitizenRatings.Outcome outcome;
    try {
      outcome = ratings.rate(id.getAsLong(), satisfaction, comment, Instant.now());
    } catch (DataIntegrityViolationException e) {
      outcome = CitizenRatings.Outcome.ALREADY_RATED; // a racing rating of the same case came first
    }
    return switch (outcome) {
      case RATED -> receipt(receipt);
      case NOT_CLOSED -> conflict("Not closed yet", "This case is not closed yet; you can rate the result once it is closed.");
      case ALREADY_RATED -> conflict("Already rated", "This case has already been rated; a case is rated once.");
    };
  }

  private static ResponseEntity<?> conflict(String title, String detail) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
    problem.setTitle(title);
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }

  private static ResponseEntity<?> unknown() {
    var problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No report has this receipt. Check that it was copied whole.");
    problem.setTitle("Not found");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }
}
