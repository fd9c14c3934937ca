package org.wangge.responsibility;

/** The list changed since the caller read it (a stale {@code expectedVersion}): {@code 409}. */
class ListConflictException extends RuntimeException {
  ListConflictException(String message) {
    super(message);
  }
}
