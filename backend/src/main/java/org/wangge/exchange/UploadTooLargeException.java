package org.wangge.exchange;

import org.springframework.util.unit.DataSize;

/** An upload over {@code wangge.exchange.max-upload-size}: answered {@code 413} naming {@code file}. */
class UploadTooLargeException extends RuntimeException {
  UploadTooLargeException(DataSize limit) {
    super(message(limit));
  }

  static String message(DataSize limit) {
    return "The file is larger than " + ImportProperties.words(limit)
        + " (limit wangge.exchange.max-upload-size); split the file or raise the limit.";
  }
}
