package org.wangge.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.wangge.gisdata.model.CategoryLevel;
import org.wangge.gisdata.model.ClockType;
import org.wangge.gisdata.model.Risk;

/**
 * One version of a node of the responsibility list (权责清单): a class (2-digit code), subclass (4
 * digits) or item (6 digits). Rows are never changed once written except to retire them: an edit
 * inserts a new row and sets {@code retired_in} on the old one, so a case keeps the row it was
 * filed under. Co-departments and the extra questions are read by {@link CategoryCatalogue}.
 */
@Entity
@Table(name = "category")
class Category {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String code;
  private String name;

  @Column(name = "name_en")
  private String nameEn;

  @Enumerated(EnumType.STRING)
  private CategoryLevel level;

  @Column(name = "parent_code")
  private String parentCode;

  /** The department that handles it, or {@code null} when the grid team does. */
  @Column(name = "department_id")
  private Long departmentId;

  @Column(name = "grid_admitted")
  private boolean gridAdmitted;

  @Column(name = "deadline_hours")
  private int deadlineHours;

  @Enumerated(EnumType.STRING)
  @Column(name = "clock_type")
  private ClockType clockType;

  @Enumerated(EnumType.STRING)
  @Column(name = "default_risk")
  private Risk defaultRisk;

  @Column(name = "dedup_radius_metres")
  private int dedupRadiusMetres;

  @Column(name = "raises_alarm")
  private boolean raisesAlarm;

  /** JSON array of the extra questions. */
  private String questions;

  @Column(name = "list_version")
  private int listVersion;

  @Column(name = "retired_in")
  private Integer retiredIn;

  protected Category() {}

  Long id() {
    return id;
  }

  String code() {
    return code;
  }

  String name() {
    return name;
  }

  String parentCode() {
    return parentCode;
  }

  Long departmentId() {
    return departmentId;
  }

  String nameEn() {
    return nameEn;
  }

  CategoryLevel level() {
    return level;
  }

  /** Whether a report may be filed under it: only items are. */
  boolean reportable() {
    return level == CategoryLevel.ITEM;
  }

  boolean gridAdmitted() {
    return gridAdmitted;
  }

  /** Hours allowed to handle it, counted as {@link #clockType()} says. */
  int deadlineHours() {
    return deadlineHours;
  }

  ClockType clockType() {
    return clockType;
  }

  boolean raisesAlarm() {
    return raisesAlarm;
  }

  /** The extra questions as stored: a JSON array. */
  String questionsJson() {
    return questions;
  }

  /** The list version that introduced this row. */
  int listVersion() {
    return listVersion;
  }

  /** The list version that replaced or removed this row, {@code null} while it is in force. */
  Integer retiredIn() {
    return retiredIn;
  }

  Risk defaultRisk() {
    return defaultRisk;
  }

  int dedupRadiusMetres() {
    return dedupRadiusMetres;
  }
}
