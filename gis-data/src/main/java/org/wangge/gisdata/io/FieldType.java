package org.wangge.gisdata.io;

/** TEMPORARY stub (contract §2). */
public enum FieldType { TEXT, INTEGER, DECIMAL, BOOLEAN, DATE, DATETIME }
