package org.wangge.map;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.team.TeamService;
import org.wangge.web.InvalidInputException;

/**
 * {@code GET /api/map/areas?level=&within=} (every area of a level with the figures the map
 * colours it by) and {@code GET /api/map/summary?area=} (an area's key figures, its children's and
 * a 30-day trend, for the wall). {@link MapFigures} defines the figures.
 */
@RestController
class MapFiguresController {

  private static final String AREA_CODE = "\\d{4}|\\d{6}|\\d{9}|\\d{12}|\\d{15}";

  private final MapFigures figures;
  private final CurrentUser currentUser;
  private final TeamService teams;

  MapFiguresController(MapFigures figures, CurrentUser currentUser, TeamService teams) {
    this.figures = figures;
    this.currentUser = currentUser;
    this.teams = teams;
  }

  @GetMapping("/api/map/areas")
  List<MapFigures.AreaFigures> areas(
      @RequestParam(required = false) String level, @RequestParam(required = false) String within) {
    AreaLevel parsed = level(level);
    String withinCode = code("within", within);
    Jurisdiction j = currentUser.require();
    return figures.areas(parsed, withinCode, j, departmentId(j), Instant.now());
  }

  @GetMapping("/api/map/summary")
  MapFigures.Summary summary(@RequestParam(required = false) String area) {
    String code = code("area", area);
    Jurisdiction j = currentUser.require();
    return figures.summary(code, j, departmentId(j), Instant.now());
  }

  private Long departmentId(Jurisdiction j) {
    return j.departmentCasesOnly() ? teams.departmentIds().get(j.departmentCode()) : null;
  }

  private static AreaLevel level(String level) {
    if (level == null || level.isBlank()) {
      throw new InvalidInputException("level", "is required: one of " + List.of(AreaLevel.values()));
    }
    try {
      return AreaLevel.valueOf(level.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("level", "must be one of " + List.of(AreaLevel.values()) + ", got '" + level + "'");
    }
  }

  private static String code(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String code = value.strip();
    if (!code.matches(AREA_CODE)) {
      throw new InvalidInputException(field, "must be an area code of 4, 6, 9, 12 or 15 digits, got '" + value + "'");
    }
    return code;
  }
}
