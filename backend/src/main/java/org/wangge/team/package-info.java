/**
 * Grid teams ("1+1+N": grid leader, full-time member, part-time members, building and
 * joint-household leaders), who serves which grid, who is on duty and where they were last seen;
 * and the functional departments. Serves {@code GET /api/members/{code}/contact}, {@code GET
 * /api/members/positions}, {@code POST /api/members/me/position} (on duty only), {@code GET
 * /api/members/me} and {@code PUT /api/members/me/duty}. Public face: {@link
 * org.wangge.team.TeamService} and {@link org.wangge.team.ContactPhones} (phones in clear, for a
 * channel that must call or text).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Teams and departments")
package org.wangge.team;
