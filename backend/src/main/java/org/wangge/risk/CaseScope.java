package org.wangge.risk;

import java.util.List;
import org.wangge.area.AreaService;
import org.wangge.area.AreaView;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.security.Jurisdiction;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;

/**
 * The cases a list covers: those of an area's subtree (a case is inside when its grid code, or for
 * an area-centre case its area code, starts with the area's code) that the caller may see (the
 * same test on the jurisdiction, and a department officer's department). Written into the SQL
 * query, never applied after loading.
 *
 * @param areaCode the area, or {@code null} for every area (an ADMIN bound to no area)
 * @param areaName the area's name ({@value #EVERYWHERE} for every area)
 * @param level the area's level, or {@code null} for every area
 */
record CaseScope(String areaCode, String areaName, AreaLevel level, Jurisdiction jurisdiction) {

  static final String EVERYWHERE = "全部辖区";

  /**
   * The scope of a request's {@code area} parameter: absent means the caller's own area. An area
   * outside the jurisdiction answers {@code 404}, like one that does not exist.
   */
  static CaseScope of(String area, Jurisdiction j, AreaService areas) {
    String code = area == null || area.isBlank() ? j.areaCode() : area.strip();
    if (code == null) {
      return new CaseScope(null, EVERYWHERE, null, j);
    }
    if (!code.matches("\\d{1,15}")) {
      throw new InvalidInputException("area", "must be an area code (digits, at most 15), got '" + area + "'");
    }
    AreaView found = j.covers(code) ? areas.findCurrent(code).orElse(null) : null;
    if (found == null) {
      throw new NotFoundException("No area " + code + ".");
    }
    return new CaseScope(found.code(), found.name(), found.level(), j);
  }

  /**
   * Appends {@code AND …} conditions limiting the incident alias {@code i} to this scope, and
   * their arguments.
   */
  void where(StringBuilder sql, List<Object> args) {
    if (areaCode != null) {
      sql.append(" AND (i.grid_code LIKE ? OR (i.grid_code IS NULL AND i.area_code LIKE ?))");
      args.add(areaCode + "%");
      args.add(areaCode + "%");
    }
    if (!jurisdiction.everywhere()) {
      sql.append(" AND (i.grid_code LIKE ? OR (i.grid_code IS NULL AND i.area_code LIKE ?))");
      args.add(jurisdiction.likePattern());
      args.add(jurisdiction.likePattern());
    }
    if (jurisdiction.departmentCasesOnly()) {
      sql.append(" AND i.department_id = (SELECT d.id FROM department d WHERE d.code = ?)");
      args.add(jurisdiction.departmentCode());
    }
  }
}
