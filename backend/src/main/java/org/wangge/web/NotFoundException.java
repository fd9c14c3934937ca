package org.wangge.web;

/**
 * Something that does not exist, or that lies outside the caller's jurisdiction: both answer
 * {@code 404} alike, so that a guessed id reveals nothing.
 */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
