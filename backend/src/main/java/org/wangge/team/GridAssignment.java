package org.wangge.team;

import org.wangge.gisdata.model.MemberRole;

/** A member serving a grid code (one row of the 1+1+N assignments). */
public record GridAssignment(String memberCode, String name, MemberRole role, String gridCode) {}
