package org.wangge.field;

/** A request the current state does not allow: {@code 409} naming the field at fault. */
class FieldConflict extends RuntimeException {

  private final String field;

  FieldConflict(String field, String message) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
