package org.wangge.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.incident.CaseSummary;
import org.wangge.security.Role;
import org.wangge.security.UserDirectory;
import org.wangge.team.MemberRef;
import org.wangge.team.TeamService;

/**
 * Who of a role a notification about a case is for:
 *
 * <ul>
 *   <li>GRID_MEMBER: the member the case is assigned to;
 *   <li>GRID_LEADER: the grid leaders (网格长) of the case's grid;
 *   <li>DEPARTMENT_OFFICER: the case's department and its officers' accounts;
 *   <li>OPERATOR: the operators of the nearest staffed command centre at or above the case's owner
 *       (the escalated owner's area, else its grid, else its area).
 * </ul>
 *
 * Members carry their user name when a user account is that member. Phones are not here: the
 * delivery adds them for endpoints that ask ({@code include-phones}).
 */
@Component
class Recipients {

  /**
   * One recipient.
   *
   * @param type MEMBER (a grid team member), DEPARTMENT, or USER (an account without a member)
   * @param code the member's or department's code, or {@code null} for a USER
   * @param username the user account, or {@code null} when none
   * @param memberRole for a MEMBER, its team role
   * @param areaCode for a USER, the area it is bound to
   */
  record Recipient(String type, String code, String name, String username, String memberRole, String areaCode) {}

  private final TeamService teams;
  private final UserDirectory users;

  Recipients(TeamService teams, UserDirectory users) {
    this.teams = teams;
    this.users = users;
  }

  List<Recipient> of(Role role, CaseSummary c) {
    return switch (role) {
      case GRID_MEMBER -> c.assigneeId() == null ? List.of() : members(List.copyOf(teams.membersByIds(List.of(c.assigneeId())).values()));
      case GRID_LEADER ->
          c.gridCode() == null
              ? List.of()
              : members(teams.membersOf(c.gridCode()).stream().filter(m -> m.role() == MemberRole.GRID_LEADER).toList());
      case DEPARTMENT_OFFICER -> department(c.departmentId());
      case OPERATOR ->
          users.nearestOperators(c.ownerCode()).stream()
              .map(p -> new Recipient("USER", null, p.displayName(), p.username(), null, p.areaCode()))
              .toList();
      default -> List.of();
    };
  }

  private List<Recipient> members(List<MemberRef> members) {
    if (members.isEmpty()) {
      return List.of();
    }
    Map<String, String> usernames =
        users.usersOfMembers(members.stream().map(MemberRef::code).toList()).stream()
            .collect(Collectors.toMap(UserDirectory.Person::memberCode, UserDirectory.Person::username, (a, b) -> a));
    return members.stream()
        .map(m -> new Recipient("MEMBER", m.code(), m.name(), usernames.get(m.code()), m.role().name(), null))
        .toList();
  }

  private List<Recipient> department(Long departmentId) {
    if (departmentId == null) {
      return List.of();
    }
    String code = teams.departmentCodes().get(departmentId);
    if (code == null) {
      return List.of();
    }
    List<Recipient> out = new ArrayList<>();
    out.add(new Recipient("DEPARTMENT", code, teams.departmentNames().get(code), null, null, null));
    users.departmentOfficers(code)
        .forEach(p -> out.add(new Recipient("USER", null, p.displayName(), p.username(), null, p.areaCode())));
    return out;
  }

  static <T> Map<String, T> byCode(List<T> list, Function<T, String> code) {
    Map<String, T> map = new LinkedHashMap<>();
    list.forEach(t -> map.put(code.apply(t), t));
    return map;
  }
}
