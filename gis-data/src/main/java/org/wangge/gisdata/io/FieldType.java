package org.wangge.gisdata.io;

/** The type of an attribute; values are String, Long, Double, Boolean, LocalDate, Instant. */
public enum FieldType {
  TEXT,
  INTEGER,
  DECIMAL,
  BOOLEAN,
  DATE,
  DATETIME
}
