package org.wangge.web;

/**
 * Bad input from a client: answered with {@code 400} and a problem detail naming the field and
 * what is wrong with it. Nothing has been changed when it is thrown.
 */
public class InvalidInputException extends RuntimeException {

  private final String field;

  public InvalidInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  /**
   * An optional ISO-8601 instant parameter: {@code null} when absent or blank, else the instant;
   * anything else is bad input naming the field.
   */
  public static java.time.Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    java.time.Instant instant;
    try {
      instant = java.time.Instant.parse(value.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidInputException(
          field, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, got '" + value + "'");
    }
    return inRange(field, instant);
  }

  /** The first instant a client may name: 0001-01-01T00:00:00Z. */
  public static final java.time.Instant EARLIEST = java.time.Instant.parse("0001-01-01T00:00:00Z");

  /** The first instant after what a client may name: 10000-01-01T00:00:00Z. */
  public static final java.time.Instant AFTER_LATEST = java.time.Instant.parse("+10000-01-01T00:00:00Z");

  /**
   * The instant when it lies in the years 1 to 9999 (what the databases store and the formats
   * print), else bad input naming the field. {@code Instant} itself reaches year ±1,000,000,000.
   */
  public static java.time.Instant inRange(String field, java.time.Instant instant) {
    if (instant != null && (instant.isBefore(EARLIEST) || !instant.isBefore(AFTER_LATEST))) {
      throw new InvalidInputException(field, "must lie in the years 1 to 9999, got " + instant);
    }
    return instant;
  }

  /**
   * Bad JSON in a request body (or in a multipart request's JSON part {@code part}), naming the
   * field at fault where the reader knows it: a value of the wrong type or out of range
   * ({@code satisfaction}, {@code intoId}), a field the endpoint does not know, a key given twice;
   * else the part itself ({@code body}, {@code report}).
   */
  public static InvalidInputException json(String part, tools.jackson.core.JacksonException e) {
    String field = JsonFields.field(e);
    if (e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
      var known = unknown.getKnownPropertyIds() == null ? java.util.List.of() : unknown.getKnownPropertyIds();
      return new InvalidInputException(
          field == null ? part : field,
          "is not a field of this request (known: " + known.stream().map(String::valueOf).sorted().toList() + ")");
    }
    String reason = e.getOriginalMessage();
    if (field == null) {
      return new InvalidInputException(part, "is not valid JSON: " + reason);
    }
    if (reason != null && reason.startsWith("Duplicate")) {
      return new InvalidInputException(field, "is given more than once; give each field once");
    }
    return new InvalidInputException(field, "has the wrong type, format or range: " + reason);
  }

  /** The request parameter or body field at fault. */
  public String field() {
    return field;
  }
}
