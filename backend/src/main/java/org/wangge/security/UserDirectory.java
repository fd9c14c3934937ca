package org.wangge.security;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Who holds a role where: the enabled users of a role bound to an area or a department, for
 * features that must tell people (the notification outbox). Never passwords or tokens.
 */
@Service
public class UserDirectory {

  /**
   * A user as a notification names them.
   *
   * @param areaCode the area the user is bound to, or {@code null} for an ADMIN of everything
   * @param departmentCode the department of a DEPARTMENT_OFFICER, else {@code null}
   * @param memberCode the grid team member the user is, if any
   */
  public record Person(String username, String displayName, Role role, String areaCode, String departmentCode, String memberCode) {}

  private final JdbcTemplate jdbc;

  UserDirectory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The enabled operators of the nearest command centre at or above {@code placeCode}: those bound
   * to the longest area code that is a prefix of it (a grid's community, street, district or city
   * centre, whichever is nearest and staffed), by username. Empty when no centre above it has one.
   */
  public List<Person> nearestOperators(String placeCode) {
    List<Person> above =
        jdbc.query(
            SELECT + " WHERE enabled AND role = 'OPERATOR' AND area_code IS NOT NULL AND CAST(? AS VARCHAR(64)) LIKE area_code || '%'"
                + " ORDER BY LENGTH(area_code) DESC, username",
            (rs, i) -> person(rs),
            placeCode);
    if (above.isEmpty()) {
      return above;
    }
    String nearest = above.get(0).areaCode();
    return above.stream().filter(p -> p.areaCode().equals(nearest)).toList();
  }

  /** The enabled officers of a department, by username. */
  public List<Person> departmentOfficers(String departmentCode) {
    return jdbc.query(
        SELECT + " WHERE enabled AND role = 'DEPARTMENT_OFFICER' AND department_code = ? ORDER BY username",
        (rs, i) -> person(rs),
        departmentCode);
  }

  /** The enabled users who are these grid team members, by username. */
  public List<Person> usersOfMembers(java.util.Collection<String> memberCodes) {
    if (memberCodes.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", java.util.Collections.nCopies(memberCodes.size(), "?"));
    return jdbc.query(
        SELECT + " WHERE enabled AND member_code IN (" + marks + ") ORDER BY username", (rs, i) -> person(rs), memberCodes.toArray());
  }

  private static final String SELECT = "SELECT username, display_name, role, area_code, department_code, member_code FROM app_user";

  private static Person person(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Person(
        rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6));
  }
}
