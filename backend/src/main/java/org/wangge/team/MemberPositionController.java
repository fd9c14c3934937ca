package org.wangge.team;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NameMask;

/**
 * Grid members' last known positions: {@code GET /api/members/positions} (members serving grids
 * inside the caller's jurisdiction that have a position, names masked) and {@code POST
 * /api/members/me/position} (a signed-in grid member reports where they are).
 */
@RestController
class MemberPositionController {

  private final TeamService teams;
  private final CurrentUser currentUser;

  MemberPositionController(TeamService teams, CurrentUser currentUser) {
    this.teams = teams;
    this.currentUser = currentUser;
  }

  /**
   * A member's last known position.
   *
   * @param name masked ({@code 张*明})
   * @param gridCodes the grids inside the caller's jurisdiction the member serves, by code
   * @param lon longitude, EPSG:4326
   * @param lat latitude, EPSG:4326
   * @param seenAt when the position was taken
   */
  record MemberPosition(
      String code,
      String name,
      MemberRole role,
      List<String> gridCodes,
      double lon,
      double lat,
      Instant seenAt,
      boolean onDuty) {}

  /** The body of a position report: longitude and latitude, EPSG:4326 (WGS84 / CGCS2000). */
  record PositionReport(Double lon, Double lat) {}

  @GetMapping("/api/members/positions")
  List<MemberPosition> positions() {
    Jurisdiction j = currentUser.require();
    Map<String, MemberPosition> byCode = new LinkedHashMap<>();
    teams.positions(
        j.likePattern(),
        (code, name, role, grid, lon, lat, seenAt, onDuty) ->
            byCode
                .computeIfAbsent(
                    code,
                    c -> new MemberPosition(c, NameMask.mask(name), role, new ArrayList<>(), lon, lat, seenAt, onDuty))
                .gridCodes()
                .add(grid));
    return List.copyOf(byCode.values());
  }

  @PostMapping("/api/members/me/position")
  ResponseEntity<Void> report(@RequestBody PositionReport position) {
    Jurisdiction j = currentUser.require();
    if (j.memberCode() == null) {
      throw new AccessDeniedException(
          "Only a grid team member reports a position; " + j.username() + " is not one (no member code).");
    }
    if (position == null || position.lon() == null || !Double.isFinite(position.lon()) || Math.abs(position.lon()) > 180) {
      throw new InvalidInputException(
          "lon", "must be a longitude between -180 and 180, got " + (position == null ? null : position.lon()));
    }
    if (position.lat() == null || !Double.isFinite(position.lat()) || Math.abs(position.lat()) > 90) {
      throw new InvalidInputException("lat", "must be a latitude between -90 and 90, got " + position.lat());
    }
    if (!teams.reportPosition(j.memberCode(), position.lon(), position.lat(), Instant.now())) {
      throw new AccessDeniedException("Your account names team member " + j.memberCode() + ", who does not exist.");
    }
    return ResponseEntity.noContent().build();
  }
}
