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

  /** The request parameter or body field at fault. */
  public String field() {
    return field;
  }
}
