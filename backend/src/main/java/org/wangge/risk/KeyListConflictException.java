package org.wangge.risk;

/** A case that is not (or no longer) on the key list: answered with {@code 409}. */
class KeyListConflictException extends RuntimeException {
  KeyListConflictException(String message) {
    super(message);
  }
}
