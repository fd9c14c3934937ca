package org.wangge.team;

import org.wangge.gisdata.model.MemberRole;

/** A team member as dispatch sees them: who, in which role, and whether on duty now. */
public record MemberRef(long id, String code, String name, MemberRole role, boolean onDuty) {}
