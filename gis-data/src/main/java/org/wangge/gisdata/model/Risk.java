package org.wangge.gisdata.model;

/** Risk grade of an incident (风险分级): each grade has its own ledger and measures. */
public enum Risk {
  HIGH,
  MEDIUM,
  LOW
}
