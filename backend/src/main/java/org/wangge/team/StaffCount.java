package org.wangge.team;

/**
 * How many team members serve the grids inside an area: each member once, however many of its
 * grids they serve.
 *
 * @param members every member (any role)
 * @param fullTimeMembers members of role {@code FULL_TIME} (专职网格员)
 */
public record StaffCount(int members, int fullTimeMembers) {

  public static final StaffCount NONE = new StaffCount(0, 0);
}
