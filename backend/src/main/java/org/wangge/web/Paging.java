package org.wangge.web;

/**
 * The one check of a list's {@code page} and {@code size} parameters: page 0 or more, size from 1
 * to the list's maximum, and the first row ({@code page × size}) within what a database offset
 * holds (2^31 − 1 rows), so that a huge page is bad input naming {@code page}, not a server error.
 */
public final class Paging {

  private Paging() {}

  /** Checks the parameters; returns the offset of the page's first row. */
  public static long offset(int page, int size, int maxSize) {
    if (page < 0) {
      throw new InvalidInputException("page", "must be 0 or more, got " + page);
    }
    if (size < 1 || size > maxSize) {
      throw new InvalidInputException("size", "must be between 1 and " + maxSize + ", got " + size);
    }
    long offset = (long) page * size;
    if (offset > Integer.MAX_VALUE - size) {
      throw new InvalidInputException(
          "page", "is too far: page × size must stay below " + Integer.MAX_VALUE + " rows, got page " + page + " of size " + size);
    }
    return offset;
  }
}
