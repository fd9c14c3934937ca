package org.wangge.gisdata.io;

import java.util.Objects;

/** An attribute of a layer. */
public record Field(String name, FieldType type) {
  public Field {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
