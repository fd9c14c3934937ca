package org.wangge.gisdata.model;

/** The roles in a grid team ("1+1+N"). */
public enum MemberRole {
  /** 网格长: leads the grid, usually the community secretary or a cadre. */
  GRID_LEADER,
  /** 专职网格员: the full-time grid member; the staffing norm is one per 200 households. */
  FULL_TIME,
  /** 兼职网格员: party members, volunteers, police officers who "sink" into the grid. */
  PART_TIME,
  /** 楼栋长: leads one or more buildings. */
  BUILDING_LEADER,
  /** 联户长: leads about ten households in joint defence (十户联防). */
  JOINT_HOUSEHOLD_LEADER
}
