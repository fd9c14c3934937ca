package org.wangge.exchange;

/** The import is not in a state that allows the action: answered {@code 409}. */
class ImportConflictException extends RuntimeException {
  ImportConflictException(String message) {
    super(message);
  }
}
