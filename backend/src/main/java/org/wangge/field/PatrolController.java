package org.wangge.field;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import org.springframework.beans.factory.annotation.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.LineString;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.spatial.Feature;
import org.wangge.spatial.FeatureCollection;
import org.wangge.team.MemberRef;
import org.wangge.team.TeamService;
import org.wangge.web.Bbox;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NameMask;
import org.wangge.web.NotFoundException;

/**
 * Patrols: {@code POST /api/patrols} (start), {@code POST /api/patrols/{id}/points} (a batch of
 * track points), {@code POST /api/patrols/{id}/stop}, by the member who patrols; {@code GET
 * /api/patrols} (tracks as GeoJSON for the map, inside the caller's jurisdiction) and {@code GET
 * /api/patrols/{id}}; {@code GET /api/patrols/coverage} (weekly patrol coverage per grid).
 */
@RestController
class PatrolController {

  /** The longest window {@code GET /api/patrols} may cover. */
  static final Duration MAX_WINDOW = Duration.ofDays(31);

  /** The window when none is asked for: the last 7 days. */
  static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

  static final int MAX_FEATURES = 1000;

  private final Patrols patrols;
  private final CurrentUser currentUser;
  private final TeamService teams;
  private final PatrolService coverage;
  private final ZoneId zone;

  PatrolController(
      Patrols patrols,
      CurrentUser currentUser,
      TeamService teams,
      PatrolService coverage,
      @Value("${wangge.calendar.zone:Asia/Shanghai}") ZoneId zone) {
    this.patrols = patrols;
    this.currentUser = currentUser;
    this.teams = teams;
    this.coverage = coverage;
    this.zone = zone;
  }

  record StartRequest(Instant startedAt) {}

  record PointBatch(List<Patrols.Point> points) {}

  record StopRequest(Instant endedAt) {}

  /** The answer to a batch of points. */
  record Uploaded(long id, int pointCount, double distanceMetres) {}

  @PostMapping("/api/patrols")
  ResponseEntity<Patrols.PatrolView> start(
      @RequestBody(required = false) StartRequest body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    String member = member();
    String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
    if (key != null && key.length() > 100) {
      throw new InvalidInputException("Idempotency-Key", "is longer than 100 characters");
    }
    Instant startedAt = body == null ? null : body.startedAt();
    Patrols.Started started;
    try {
      started = patrols.start(member, startedAt, key, Instant.now());
    } catch (DataIntegrityViolationException e) {
      // A racing start of the same member (or key) committed first: answer with that patrol.
      started = patrols.start(member, startedAt, key, Instant.now());
    }
    if (started.created()) {
      return ResponseEntity.created(URI.create("/api/patrols/" + started.patrol().id())).body(started.patrol());
    }
    return ResponseEntity.ok(started.patrol());
  }

  @PostMapping("/api/patrols/{id}/points")
  Uploaded points(@PathVariable long id, @RequestBody(required = false) PointBatch body) {
    var patrol = patrols.addPoints(id, member(), body == null ? null : body.points(), Instant.now());
    return new Uploaded(patrol.id(), patrol.pointCount(), patrol.distanceMetres());
  }

  @PostMapping("/api/patrols/{id}/stop")
  Patrols.PatrolView stop(@PathVariable long id, @RequestBody(required = false) StopRequest body) {
    return patrols.stop(id, member(), body == null ? null : body.endedAt(), Instant.now());
  }

  /**
   * A patrol's track on the map.
   *
   * @param memberName masked ({@code 张*明})
   * @param gridCodes the grids the member served when the patrol started
   */
  record TrackProperties(
      long id,
      String memberCode,
      String memberName,
      List<String> gridCodes,
      Instant startedAt,
      Instant endedAt,
      String status,
      double distanceMetres,
      Long durationSeconds,
      int pointCount) {}

  @GetMapping(value = "/api/patrols", produces = {FeatureCollection.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
  FeatureCollection<TrackProperties> list(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String bbox,
      @RequestParam(required = false) String member) {
    Jurisdiction j = currentUser.require();
    Instant end = InvalidInputException.instant("to", to);
    Instant start = InvalidInputException.instant("from", from);
    end = end == null ? Instant.now() : end;
    start = start == null ? end.minus(DEFAULT_WINDOW) : start;
    if (!start.isBefore(end)) {
      throw new InvalidInputException("to", "must be after from (" + start + "), got " + end);
    }
    if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
      throw new InvalidInputException("to", "must be at most 31 days after from (" + start + "), got " + end);
    }
    double[] box = bbox == null || bbox.isBlank() ? null : Bbox.parse(bbox);
    String memberCode = member == null || member.isBlank() ? null : member.strip();
    var tracks = patrols.tracks(j, start, end, box, memberCode, null, MAX_FEATURES);
    Map<String, String> names = new HashMap<>();
    List<Feature<TrackProperties>> features = new ArrayList<>();
    for (var t : tracks) {
      features.add(feature(t, names));
    }
    return FeatureCollection.of(features);
  }

  @GetMapping(value = "/api/patrols/{id}", produces = {FeatureCollection.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
  Feature<TrackProperties> get(@PathVariable long id) {
    Jurisdiction j = currentUser.require();
    var found = patrols.tracks(j, Instant.EPOCH, Instant.now(), null, null, id, 1);
    if (found.isEmpty()) {
      throw new NotFoundException("No patrol has id " + id + " in your jurisdiction.");
    }
    return feature(found.getFirst(), new HashMap<>());
  }

  /** One grid's patrol coverage in a week (see {@link PatrolService#coverage}). */
  record GridCoverageView(String gridCode, long addresses, long covered, Double rate) {}

  /** The weekly patrol coverage of every grid of an area. */
  record WeeklyCoverage(String areaCode, LocalDate week, Instant from, Instant to, List<GridCoverageView> grids) {}

  /**
   * Patrol coverage (巡查覆盖率) of the grids of an area inside the caller's jurisdiction (the
   * caller's own area when none is given, or when the given one lies above it) for the week (Monday
   * to Monday in {@code wangge.calendar.zone}) holding {@code week}, a date (default: today).
   */
  @GetMapping("/api/patrols/coverage")
  WeeklyCoverage coverage(@RequestParam(required = false) String area, @RequestParam(required = false) String week) {
    Jurisdiction j = currentUser.require();
    String code = area == null || area.isBlank() ? null : area.strip();
    if (code != null && !code.matches("\\d{1,15}")) {
      throw new InvalidInputException("area", "must be a numeric area code, got '" + area + "'");
    }
    if (code == null || j.isAbove(code)) {
      code = j.everywhere() ? (code == null ? "" : code) : j.areaCode();
    } else if (!j.covers(code)) {
      throw new NotFoundException("No area has code " + code + " in your jurisdiction.");
    }
    LocalDate day;
    try {
      day = week == null || week.isBlank() ? LocalDate.now(zone) : LocalDate.parse(week.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidInputException("week", "must be a date such as 2026-12-07, got '" + week + "'");
    }
    LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    Instant from = monday.atStartOfDay(zone).toInstant();
    Instant to = monday.plusWeeks(1).atStartOfDay(zone).toInstant();
    List<GridCoverageView> grids = new ArrayList<>();
    coverage.coverage(code, from, to).values().forEach(g -> grids.add(new GridCoverageView(g.gridCode(), g.addresses(), g.covered(), g.rate())));
    return new WeeklyCoverage(code, monday, from, to, grids);
  }

  private Feature<TrackProperties> feature(Patrols.PatrolTrack t, Map<String, String> names) {
    var p = t.patrol();
    String name =
        names.computeIfAbsent(p.memberCode(), code -> teams.memberByCode(code).map(MemberRef::name).map(NameMask::mask).orElse(null));
    LineString track = t.track();
    return Feature.of(
        Long.toString(p.id()),
        track,
        new TrackProperties(
            p.id(), p.memberCode(), name, t.gridCodes(), p.startedAt(), p.endedAt(), p.status(), p.distanceMetres(), p.durationSeconds(),
            p.pointCount()));
  }

  /** The signed-in user's member code; {@code 403} for a user who is no grid team member. */
  private String member() {
    Jurisdiction j = currentUser.require();
    if (j.memberCode() == null) {
      throw new AccessDeniedException("Only a grid team member patrols; " + j.username() + " is not one (no member code).");
    }
    return j.memberCode();
  }
}
