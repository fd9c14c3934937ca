package org.wangge.gisdata.model;

/** The three levels of the responsibility list (权责清单): 大类, 小类, 事项. Only items are reported. */
public enum CategoryLevel {
  /** 大类: 2-digit code. */
  CLASS,
  /** 小类: 4-digit code starting with its class's. */
  SUBCLASS,
  /** 事项: 6-digit code starting with its subclass's; the unit a report is filed under. */
  ITEM
}
