package org.wangge.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.security.Role;
import org.wangge.security.UserAccounts.NewUser;

/**
 * The demo users (README, "Demo users"): one per role, at several levels of the demo city, all
 * with the demo password. Chosen from the loaded city by code order, so they are the same on
 * every machine: the first district, its first two streets, the first community of the first
 * street, its first two grids (neighbours) and their full-time members, the first department.
 */
final class DemoUsers {

  private DemoUsers() {}

  static List<NewUser> choose(JdbcTemplate jdbc) {
    List<NewUser> users = new ArrayList<>();
    Optional<Area> city = first(jdbc, "CITY", null);
    if (city.isEmpty()) {
      return users;
    }
    String c = city.get().code();
    users.add(new NewUser("admin", "系统管理员", null, Role.ADMIN, c, null, null));
    users.add(new NewUser("operator-city", city.get().name() + "指挥中心值班员", null, Role.OPERATOR, c, null, null));
    department(jdbc)
        .ifPresent(d -> users.add(new NewUser("officer-dept", d.name() + "工作人员", null, Role.DEPARTMENT_OFFICER, c, d.code(), null)));
    Optional<Area> district = first(jdbc, "DISTRICT", c);
    district.ifPresent(
        d -> {
          users.add(new NewUser("operator-district", d.name() + "指挥中心值班员", null, Role.OPERATOR, d.code(), null, null));
          users.add(new NewUser("planner-district", d.name() + "网格规划员", null, Role.PLANNER, d.code(), null, null));
          List<Area> streets = children(jdbc, "STREET", d.code(), 2);
          for (int i = 0; i < streets.size(); i++) {
            Area s = streets.get(i);
            users.add(new NewUser(i == 0 ? "operator-street" : "operator-street2", s.name() + "综治中心值班员", null, Role.OPERATOR, s.code(), null, null));
          }
          if (!streets.isEmpty()) {
            children(jdbc, "COMMUNITY", streets.getFirst().code(), 1)
                .forEach(
                    community -> {
                      users.add(new NewUser("leader-community", community.name() + "网格长", null, Role.GRID_LEADER, community.code(), null, null));
                      List<Area> grids = children(jdbc, "GRID", community.code(), 2);
                      for (int i = 0; i < grids.size(); i++) {
                        Area g = grids.get(i);
                        String member = fullTimeMember(jdbc, g.code()).orElse(null);
                        users.add(new NewUser("member-grid" + (i + 1), g.name() + "专职网格员", null, Role.GRID_MEMBER, g.code(), null, member));
                      }
                    });
          }
        });
    return users;
  }

  private record Area(String code, String name) {}

  private static Optional<Area> first(JdbcTemplate jdbc, String level, String parent) {
    List<Area> found = parent == null ? children(jdbc, level, null, 1) : children(jdbc, level, parent, 1);
    return found.stream().findFirst();
  }

  private static List<Area> children(JdbcTemplate jdbc, String level, String parent, int limit) {
    String sql =
        "SELECT code, name FROM area WHERE level = ? AND valid_to IS NULL"
            + (parent == null ? "" : " AND parent_code = ?")
            + " ORDER BY code LIMIT " + limit;
    Object[] args = parent == null ? new Object[] {level} : new Object[] {level, parent};
    return jdbc.query(sql, (rs, i) -> new Area(rs.getString(1), rs.getString(2)), args);
  }

  private static Optional<Area> department(JdbcTemplate jdbc) {
    return jdbc.query("SELECT code, name FROM department ORDER BY code LIMIT 1", (rs, i) -> new Area(rs.getString(1), rs.getString(2)))
        .stream()
        .findFirst();
  }

  private static Optional<String> fullTimeMember(JdbcTemplate jdbc, String gridCode) {
    return jdbc.query(
            """
            SELECT m.code FROM member m JOIN member_grid g ON g.member_id = m.id
            WHERE g.grid_code = ? AND m.role = 'FULL_TIME' ORDER BY m.code LIMIT 1""",
            (rs, i) -> rs.getString(1),
            gridCode)
        .stream()
        .findFirst();
  }
}
