/**
 * Grid teams ("1+1+N": grid leader, full-time member, part-time members, building and
 * joint-household leaders), who serves which grid, who is on duty and where they were last seen;
 * and the functional departments. Serves {@code GET /api/members/{code}/contact}, {@code GET
 * /api/members/positions} and {@code POST /api/members/me/position}. Public face: {@link
 * org.wangge.team.TeamService}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Teams and departments")
package org.wangge.team;
