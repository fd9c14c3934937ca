package org.wangge.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.wangge.gisdata.model.Risk;

/** A node of the category tree: a major class (2-digit code) or a minor class (4 digits). */
@Entity
@Table(name = "category")
class Category {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String code;
  private String name;

  @Column(name = "parent_code")
  private String parentCode;

  /** The department that handles it, or {@code null} when the grid team does. */
  @Column(name = "department_id")
  private Long departmentId;

  @Column(name = "deadline_working_hours")
  private int deadlineWorkingHours;

  @Enumerated(EnumType.STRING)
  @Column(name = "default_risk")
  private Risk defaultRisk;

  @Column(name = "dedup_radius_metres")
  private int dedupRadiusMetres;

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

  int deadlineWorkingHours() {
    return deadlineWorkingHours;
  }

  Risk defaultRisk() {
    return defaultRisk;
  }

  int dedupRadiusMetres() {
    return dedupRadiusMetres;
  }
}
