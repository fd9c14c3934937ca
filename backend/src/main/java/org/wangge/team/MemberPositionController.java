package org.wangge.team;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.wangge.web.NotFoundException;
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
 * /api/members/me/position} (a signed-in grid member on duty reports where they are; {@code 409}
 * off duty); the member's own {@code GET /api/members/me} and {@code PUT /api/members/me/duty}.
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
  ResponseEntity<?> report(@RequestBody PositionReport position) {
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
      var member = teams.memberByCode(j.memberCode());
      if (member.isEmpty()) {
        throw new AccessDeniedException("Your account names team member " + j.memberCode() + ", who does not exist.");
      }
      var problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.CONFLICT,
              "You are off duty: your position is shared only while on duty. Go on duty first (PUT /api/members/me/duty).");
      problem.setTitle("Off duty");
      problem.setProperties(Map.of("field", "onDuty"));
      return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
    return ResponseEntity.noContent().build();
  }

  /** The body of {@code PUT /api/members/me/duty}. */
  record Duty(Boolean onDuty) {}

  /** Goes on or off duty (在岗); off duty, the last position is forgotten. */
  @PutMapping("/api/members/me/duty")
  Duty duty(@RequestBody(required = false) Duty duty) {
    String code = memberCode(currentUser.require());
    if (duty == null || duty.onDuty() == null) {
      throw new InvalidInputException("onDuty", "is required: true or false");
    }
    if (!teams.setOnDuty(code, duty.onDuty())) {
      throw new NotFoundException("Your account names team member " + code + ", who does not exist.");
    }
    return new Duty(duty.onDuty());
  }

  /** The signed-in member as they see themselves; {@code 404} when the user is not a member. */
  @GetMapping("/api/members/me")
  TeamService.MemberSelf me() {
    String code = memberCode(currentUser.require());
    return teams
        .self(code)
        .orElseThrow(() -> new NotFoundException("Your account names team member " + code + ", who does not exist."));
  }

  private static String memberCode(Jurisdiction j) {
    if (j.memberCode() == null) {
      throw new NotFoundException(j.username() + " is not a grid team member (the account has no member code).");
    }
    return j.memberCode();
  }
}
