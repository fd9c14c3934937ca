package org.wangge.gisdata.io;

/** TEMPORARY stub (contract §2). */
public record GeometryColumns(String x, String y, String wkt) {}
