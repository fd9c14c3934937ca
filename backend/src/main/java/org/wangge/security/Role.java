package org.wangge.security;

import java.util.EnumSet;
import java.util.Set;
import org.wangge.gisdata.model.IncidentSource;

/**
 * What a user is. Every user is bound to an area (a department officer also to a department);
 * what they may see is that area's subtree, what they may do depends on the role.
 */
public enum Role {
  /** 指挥中心值班员: a command centre at some level (city, district, street). */
  OPERATOR("指挥中心值班员"),
  /** 网格长: leads the grids of a community or one grid. */
  GRID_LEADER("网格长"),
  /** 网格员: works one grid. */
  GRID_MEMBER("网格员"),
  /** 职能部门人员: handles the cases of their department. */
  DEPARTMENT_OFFICER("职能部门人员"),
  /** 规划人员: redraws grid boundaries. */
  PLANNER("规划人员"),
  /** 系统管理员: users, tokens, audit. */
  ADMIN("系统管理员");

  private final String chineseName;

  Role(String chineseName) {
    this.chineseName = chineseName;
  }

  public String chineseName() {
    return chineseName;
  }

  /** The Spring Security authority, {@code ROLE_OPERATOR} etc. */
  public String authority() {
    return "ROLE_" + name();
  }

  /**
   * Whether the role may see reporters' and residents' names and phone numbers unmasked (always
   * on an explicit request, which is audited): those who call people back.
   */
  public boolean mayRevealContacts() {
    return this == OPERATOR || this == GRID_LEADER || this == GRID_MEMBER || this == DEPARTMENT_OFFICER;
  }

  /** The report sources this role may file under; anonymous citizens may only use CITIZEN. */
  public Set<IncidentSource> reportSources() {
    return switch (this) {
      case OPERATOR -> EnumSet.allOf(IncidentSource.class);
      case GRID_LEADER, GRID_MEMBER -> EnumSet.of(IncidentSource.PATROL, IncidentSource.CITIZEN);
      case DEPARTMENT_OFFICER -> EnumSet.of(IncidentSource.DEPARTMENT, IncidentSource.CITIZEN);
      case PLANNER -> EnumSet.of(IncidentSource.CITIZEN);
      case ADMIN -> EnumSet.of(IncidentSource.CITIZEN, IncidentSource.SENSOR);
    };
  }
}
