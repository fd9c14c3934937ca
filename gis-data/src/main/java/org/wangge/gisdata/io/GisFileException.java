package org.wangge.gisdata.io;

import java.io.IOException;

/**
 * A file that cannot be read as it is; the message names the problem and the fix. {@link #field}
 * is the request field to blame ("file", "crs", "encoding", "layer", "columns").
 */
public class GisFileException extends IOException {

  private static final long serialVersionUID = 1L;

  /** What is wrong. */
  public enum Kind {
    UNREADABLE,
    UNSUPPORTED,
    TOO_LARGE,
    PATH_TRAVERSAL,
    ZIP_BOMB,
    NO_GEOMETRY
  }

  private final String field;
  private final Kind kind;

  public GisFileException(String field, String message) {
    this(field, Kind.UNREADABLE, message, null);
  }

  public GisFileException(String field, Kind kind, String message) {
    this(field, kind, message, null);
  }

  public GisFileException(String field, Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
    this.kind = kind;
  }

  public String field() {
    return field;
  }

  public Kind kind() {
    return kind;
  }
}
