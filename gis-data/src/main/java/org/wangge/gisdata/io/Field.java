package org.wangge.gisdata.io;

/** TEMPORARY stub (contract §2). */
public record Field(String name, FieldType type) {}
