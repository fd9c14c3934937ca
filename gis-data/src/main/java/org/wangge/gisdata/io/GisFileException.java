package org.wangge.gisdata.io;

import java.io.IOException;

/** TEMPORARY stub (contract §2). */
public class GisFileException extends IOException {
  public enum Kind { UNREADABLE, UNSUPPORTED, TOO_LARGE, PATH_TRAVERSAL, ZIP_BOMB, NO_GEOMETRY }

  private final String field;

  public GisFileException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  public Kind kind() {
    return Kind.UNREADABLE;
  }
}
