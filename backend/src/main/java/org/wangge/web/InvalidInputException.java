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
    try {
      return java.time.Instant.parse(value.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidInputException(
          field, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, got '" + value + "'");
    }
  }

  /** The request parameter or body field at fault. */
  public String field() {
    return field;
  }
}
