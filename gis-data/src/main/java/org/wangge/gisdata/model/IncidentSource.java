package org.wangge.gisdata.model;

/** Where a report came from. */
public enum IncidentSource {
  PATROL,
  CITIZEN,
  HOTLINE,
  SENSOR,
  DEPARTMENT
}
