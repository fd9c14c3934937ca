package org.wangge.field;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.address.AddressService;
import org.wangge.security.Jurisdiction;
import org.wangge.spatial.Wgs84;
import org.wangge.team.TeamService;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;

/**
 * Patrols (巡查): started and stopped by the member, their track uploaded by the phone in batches
 * that may come late, out of order or twice (points are kept once per instant). After each batch
 * the track is rebuilt from all points in time order as a LineString (SRID 4326; {@code null}
 * below two points) with its great-circle length, and the standard addresses within {@value
 * PatrolService#COVERAGE_DISTANCE_METRES} m of it are recomputed ({@link TrackCoverage}). The
 * patrol's row is locked for each change, so batches of one patrol apply one after another.
 */
@Service
class Patrols {

  /** The most points one batch may carry. */
  static final int MAX_BATCH = 1000;

  /** How far in the future a phone's clock may be. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final JdbcTemplate jdbc;
  private final TeamService teams;
  private final AddressService addresses;

  Patrols(JdbcTemplate jdbc, TeamService teams, AddressService addresses) {
    this.jdbc = jdbc;
    this.teams = teams;
    this.addresses = addresses;
  }

  /**
   * A patrol; {@code endedAt} and {@code durationSeconds} are {@code null} while it is ACTIVE.
   *
   * @param distanceMetres great-circle length of the track so far
   */
  record PatrolView(
      long id,
      String memberCode,
      Instant startedAt,
      Instant endedAt,
      String status,
      double distanceMetres,
      Long durationSeconds,
      int pointCount) {}

  /** A patrol with its track and the grids whose jurisdiction sees it. */
  record PatrolTrack(PatrolView patrol, LineString track, List<String> gridCodes) {}

  /** The patrol an answer to a start names, and whether it was started just now. */
  record Started(PatrolView patrol, boolean created) {}

  /** A track point as the phone sends it: lon/lat EPSG:4326, when it was taken. */
  record Point(Double lon, Double lat, Double accuracyMetres, Instant at) {}

  /** Starts a patrol, or answers with the member's active one (or the one this key started). */
  @Transactional
  Started start(String memberCode, Instant startedAt, String idempotencyKey, Instant now) {
    if (idempotencyKey != null) {
      var earlier = jdbc.queryForList("SELECT id FROM patrol WHERE member_code = ? AND idempotency_key = ?", Long.class, memberCode, idempotencyKey);
      if (!earlier.isEmpty()) {
        return new Started(view(earlier.getFirst()).orElseThrow(), false);
      }
    }
    var active = active(memberCode);
    if (active.isPresent()) {
      return new Started(active.get(), false);
    }
    Instant start = startedAt == null ? now : startedAt.truncatedTo(ChronoUnit.MICROS);
    if (start.isAfter(now.plus(CLOCK_SKEW))) {
      throw new InvalidInputException("startedAt", "is in the future (" + start + "); the server's time is " + now);
    }
    var member = teams.memberByCode(memberCode).orElseThrow(() -> new NotFoundException("No team member has code " + memberCode + "."));
    jdbc.update(
        """
        INSERT INTO patrol (member_code, status, active_member_code, started_at, idempotency_key, updated_at)
        VALUES (?, 'ACTIVE', ?, ?, ?, ?)""",
        memberCode, memberCode, Timestamp.from(start), idempotencyKey, Timestamp.from(now));
    long id = jdbc.queryForObject("SELECT id FROM patrol WHERE active_member_code = ?", Long.class, memberCode);
    for (String grid : teams.gridsOf(member.id())) {
      jdbc.update("INSERT INTO patrol_grid (patrol_id, grid_code) VALUES (?, ?)", id, grid);
    }
    return new Started(view(id).orElseThrow(), true);
  }

  /** The member's active patrol, if any. */
  @Transactional(readOnly = true)
  Optional<PatrolView> active(String memberCode) {
    return jdbc.queryForList("SELECT id FROM patrol WHERE active_member_code = ?", Long.class, memberCode).stream()
        .findFirst()
        .flatMap(this::view);
  }

  /**
   * Adds a batch of points to the member's own patrol (also after it ended); points at an instant
   * already stored are skipped. All points are checked before anything is stored.
   */
  @Transactional
  PatrolView addPoints(long id, String memberCode, List<Point> points, Instant now) {
    Instant startedAt = lockOwn(id, memberCode);
    if (points == null) {
      throw new InvalidInputException("points", "is required: a list of {lon, lat, accuracyMetres, at}");
    }
    if (points.isEmpty() || points.size() > MAX_BATCH) {
      throw new InvalidInputException("points", "must hold 1 to " + MAX_BATCH + " points, got " + points.size());
    }
    for (int i = 0; i < points.size(); i++) {
      check(points.get(i), "points[" + i + "]", startedAt, now);
    }
    Set<Instant> stored = new HashSet<>(jdbc.query("SELECT at FROM patrol_point WHERE patrol_id = ?", (rs, i) -> rs.getTimestamp(1).toInstant(), id));
    Map<Instant, Point> fresh = new LinkedHashMap<>();
    for (Point p : points) {
      Instant at = p.at().truncatedTo(ChronoUnit.MICROS);
      if (!stored.contains(at)) {
        fresh.putIfAbsent(at, p);
      }
    }
    if (!fresh.isEmpty()) {
      List<Object[]> rows = new ArrayList<>();
      fresh.forEach((at, p) -> rows.add(new Object[] {id, Timestamp.from(at), p.lon(), p.lat(), p.accuracyMetres()}));
      jdbc.batchUpdate("INSERT INTO patrol_point (patrol_id, at, lon, lat, accuracy_metres) VALUES (?, ?, ?, ?, ?)", rows);
      rebuild(id, now);
    }
    return view(id).orElseThrow();
  }

  private static void check(Point p, String field, Instant startedAt, Instant now) {
    if (p == null) {
      throw new InvalidInputException(field, "is missing");
    }
    if (p.lon() == null || !Double.isFinite(p.lon()) || Math.abs(p.lon()) > 180) {
      throw new InvalidInputException(field + ".lon", "must be a longitude between -180 and 180, got " + p.lon());
    }
    if (p.lat() == null || !Double.isFinite(p.lat()) || Math.abs(p.lat()) > 90) {
      throw new InvalidInputException(field + ".lat", "must be a latitude between -90 and 90, got " + p.lat());
    }
    if (p.accuracyMetres() != null && !(p.accuracyMetres() >= 0 && p.accuracyMetres() <= 10_000)) {
      throw new InvalidInputException(field + ".accuracyMetres", "must be between 0 and 10000 metres, got " + p.accuracyMetres());
    }
    if (p.at() == null) {
      throw new InvalidInputException(field + ".at", "is required: when the point was taken (ISO-8601 instant)");
    }
    if (p.at().isAfter(now.plus(CLOCK_SKEW))) {
      throw new InvalidInputException(field + ".at", "is in the future (" + p.at() + "); the server's time is " + now);
    }
    if (p.at().isBefore(startedAt.minus(CLOCK_SKEW))) {
      throw new InvalidInputException(field + ".at", "is before the patrol started (" + startedAt + "): " + p.at());
    }
  }

  /** Rebuilds the track, its length and the addresses it passes from all stored points. */
  private void rebuild(long id, Instant now) {
    List<double[]> points = jdbc.query("SELECT lon, lat FROM patrol_point WHERE patrol_id = ? ORDER BY at", (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}, id);
    int n = points.size();
    double[] lons = new double[n];
    double[] lats = new double[n];
    double metres = 0;
    for (int i = 0; i < n; i++) {
      lons[i] = points.get(i)[0];
      lats[i] = points.get(i)[1];
      if (i > 0) {
        metres += Wgs84.distanceMetres(lons[i - 1], lats[i - 1], lons[i], lats[i]);
      }
    }
    byte[] wkb = null;
    if (n >= 2) {
      Coordinate[] coordinates = new Coordinate[n];
      for (int i = 0; i < n; i++) {
        coordinates[i] = new Coordinate(lons[i], lats[i]);
      }
      wkb = new WKBWriter(2).write(Wgs84.FACTORY.createLineString(coordinates));
    }
    if (wkb == null) {
      jdbc.update(
          "UPDATE patrol SET track = NULL, point_count = ?, distance_metres = ?, updated_at = ? WHERE id = ?",
          n, metres, Timestamp.from(now), id);
    } else {
      jdbc.update(
          "UPDATE patrol SET track = ST_GeomFromWKB(?, 4326), point_count = ?, distance_metres = ?, updated_at = ? WHERE id = ?",
          wkb, n, metres, Timestamp.from(now), id);
    }
    jdbc.update("DELETE FROM patrol_address WHERE patrol_id = ?", id);
    double within = PatrolService.COVERAGE_DISTANCE_METRES;
    List<Object[]> covered = new ArrayList<>();
    for (var a : addresses.gridAddressesIn(TrackCoverage.searchBoxes(lons, lats, within))) {
      if (TrackCoverage.distanceMetres(a.lon(), a.lat(), lons, lats) <= within) {
        covered.add(new Object[] {id, a.id(), a.gridCode()});
      }
    }
    jdbc.batchUpdate("INSERT INTO patrol_address (patrol_id, address_id, grid_code) VALUES (?, ?, ?)", covered);
  }

  /**
   * Stops the member's own patrol; stopping an ended patrol changes nothing and answers it as it is.
   */
  @Transactional
  PatrolView stop(long id, String memberCode, Instant endedAt, Instant now) {
    Instant startedAt = lockOwn(id, memberCode);
    PatrolView patrol = view(id).orElseThrow();
    if (patrol.status().equals("ENDED")) {
      return patrol;
    }
    Instant end = endedAt == null ? now : endedAt.truncatedTo(ChronoUnit.MICROS);
    if (end.isAfter(now.plus(CLOCK_SKEW))) {
      throw new InvalidInputException("endedAt", "is in the future (" + end + "); the server's time is " + now);
    }
    if (end.isBefore(startedAt)) {
      throw new InvalidInputException("endedAt", "is before the patrol started (" + startedAt + "): " + end);
    }
    jdbc.update(
        "UPDATE patrol SET status = 'ENDED', active_member_code = NULL, ended_at = ?, updated_at = ? WHERE id = ?",
        Timestamp.from(end), Timestamp.from(now), id);
    return view(id).orElseThrow();
  }

  /** Locks the patrol if it is the member's; else {@code 404}. Returns its start. */
  private Instant lockOwn(long id, String memberCode) {
    return jdbc.query(
            "SELECT started_at FROM patrol WHERE id = ? AND member_code = ? FOR UPDATE",
            (rs, i) -> rs.getTimestamp(1).toInstant(),
            id,
            memberCode)
        .stream()
        .findFirst()
        .orElseThrow(() -> new NotFoundException("You have no patrol with id " + id + "."));
  }

  private static final String VIEW_COLUMNS =
      "p.id, p.member_code, p.started_at, p.ended_at, p.status, p.distance_metres, p.point_count";

  @Transactional(readOnly = true)
  Optional<PatrolView> view(long id) {
    return jdbc.query("SELECT " + VIEW_COLUMNS + " FROM patrol p WHERE p.id = ?", (rs, i) -> view(rs), id).stream().findFirst();
  }

  private static PatrolView view(ResultSet rs) throws SQLException {
    Instant started = rs.getTimestamp(3).toInstant();
    Timestamp ended = rs.getTimestamp(4);
    return new PatrolView(
        rs.getLong(1),
        rs.getString(2),
        started,
        ended == null ? null : ended.toInstant(),
        rs.getString(5),
        Math.round(rs.getDouble(6) * 10) / 10.0,
        ended == null ? null : Duration.between(started, ended.toInstant()).toSeconds(),
        rs.getInt(7));
  }

  /**
   * Patrols inside the jurisdiction (one of the grids the member served at the start lies in it;
   * the member's own patrols too) that overlap {@code [from, to)} and have a track, in the box when
   * given, of one member when given; newest first, at most {@code limit}.
   */
  @Transactional(readOnly = true)
  List<PatrolTrack> tracks(Jurisdiction j, Instant from, Instant to, double[] box, String memberCode, Long id, int limit) {
    var sql = new StringBuilder("SELECT " + VIEW_COLUMNS + ", ST_AsBinary(p.track) FROM patrol p WHERE ");
    List<Object> args = new ArrayList<>();
    if (id != null) {
      sql.append("p.id = ?");
      args.add(id);
    } else {
      sql.append("p.track IS NOT NULL AND p.started_at < ? AND (p.ended_at IS NULL OR p.ended_at >= ?)");
      args.add(Timestamp.from(to));
      args.add(Timestamp.from(from));
    }
    if (!j.everywhere()) {
      sql.append(" AND (EXISTS (SELECT 1 FROM patrol_grid g WHERE g.patrol_id = p.id AND g.grid_code LIKE ?)");
      args.add(j.likePattern());
      if (j.memberCode() != null) {
        sql.append(" OR p.member_code = ?");
        args.add(j.memberCode());
      }
      sql.append(")");
    }
    if (box != null) {
      sql.append(" AND p.track && ST_MakeEnvelope(?, ?, ?, ?, 4326)");
      for (double d : box) {
        args.add(d);
      }
    }
    if (memberCode != null) {
      sql.append(" AND p.member_code = ?");
      args.add(memberCode);
    }
    sql.append(" ORDER BY p.started_at DESC, p.id DESC LIMIT ?");
    args.add(limit);
    var reader = new WKBReader(Wgs84.FACTORY);
    List<PatrolView> views = new ArrayList<>();
    List<LineString> lines = new ArrayList<>();
    jdbc.query(
        sql.toString(),
        (org.springframework.jdbc.core.RowCallbackHandler)
            rs -> {
              views.add(view(rs));
              byte[] wkb = rs.getBytes(8);
              try {
                lines.add(wkb == null ? null : (LineString) reader.read(wkb));
              } catch (ParseException e) {
                throw new IllegalStateException("Patrol " + rs.getLong(1) + " has an unreadable track", e);
              }
            },
        args.toArray());
    Map<Long, List<String>> grids = new LinkedHashMap<>();
    views.forEach(v -> grids.put(v.id(), new ArrayList<>()));
    for (int start = 0; start < views.size(); start += 500) {
      List<PatrolView> part = views.subList(start, Math.min(views.size(), start + 500));
      jdbc.query(
          "SELECT patrol_id, grid_code FROM patrol_grid WHERE patrol_id IN ("
              + String.join(", ", java.util.Collections.nCopies(part.size(), "?")) + ") ORDER BY grid_code",
          (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
            grids.get(rs.getLong(1)).add(rs.getString(2));
          },
          part.stream().map(PatrolView::id).toArray());
    }
    List<PatrolTrack> tracks = new ArrayList<>();
    for (int i = 0; i < views.size(); i++) {
      tracks.add(new PatrolTrack(views.get(i), lines.get(i), grids.get(views.get(i).id())));
    }
    return tracks;
  }
}
