package org.wangge.team;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.gisdata.model.DepartmentRecord;
import org.wangge.gisdata.model.MemberRecord;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.security.PersonalDataCipher;
import org.wangge.spatial.Wgs84;

/** Grid teams and departments: who serves a grid, and bulk loading of both. */
@Service
@Transactional(readOnly = true)
public class TeamService {

  private static final int BATCH = 1000;

  private final MemberRepository members;
  private final DepartmentRepository departments;
  private final JdbcTemplate jdbc;
  private final PersonalDataCipher cipher;
  private final org.wangge.security.AuditLog audit;

  TeamService(
      MemberRepository members,
      DepartmentRepository departments,
      JdbcTemplate jdbc,
      PersonalDataCipher cipher,
      org.wangge.security.AuditLog audit) {
    this.members = members;
    this.departments = departments;
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.audit = audit;
  }

  /** The team of a grid, leader first, phones masked. Empty for an unstaffed or unknown grid. */
  public List<TeamMember> teamOf(String gridCode) {
    return members.findByGrid(gridCode).stream()
        .sorted(Comparator.comparing(Member::role).thenComparing(Member::code))
        .map(TeamMember::of)
        .toList();
  }

  /** The members serving a grid, with their ids and duty, for dispatch. */
  public List<MemberRef> membersOf(String gridCode) {
    // Plain SQL: this runs for every report routed to a grid team, and needs no entities.
    return jdbc
        .query(
            """
            SELECT m.id, m.code, m.name, m.role, m.on_duty FROM member m
            JOIN member_grid g ON g.member_id = m.id WHERE g.grid_code = ?""",
            (rs, i) ->
                new MemberRef(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    MemberRole.valueOf(rs.getString(4)),
                    rs.getBoolean(5)),
            gridCode)
        .stream()
        .sorted(Comparator.comparing(MemberRef::role).thenComparing(MemberRef::code))
        .toList();
  }

  /** A member by code, with the grid codes they serve; empty for an unknown code. */
  public Optional<MemberRef> memberByCode(String code) {
    return jdbc.query(
            "SELECT id, code, name, role, on_duty FROM member WHERE code = ?",
            (rs, i) ->
                new MemberRef(rs.getLong(1), rs.getString(2), rs.getString(3), MemberRole.valueOf(rs.getString(4)), rs.getBoolean(5)),
            code)
        .stream()
        .findFirst();
  }

  /** The grid codes a member serves. */
  public List<String> gridsOf(long memberId) {
    return jdbc.queryForList("SELECT grid_code FROM member_grid WHERE member_id = ? ORDER BY grid_code", String.class, memberId);
  }

  /**
   * Every assignment of a member to a grid whose code matches {@code gridPattern} (a {@code LIKE}
   * pattern), by grid code then member code. One query.
   */
  public List<GridAssignment> assignments(String gridPattern) {
    return jdbc.query(
        "SELECT m.code, m.name, m.role, g.grid_code FROM member m JOIN member_grid g ON g.member_id = m.id "
            + "WHERE g.grid_code LIKE ? ORDER BY g.grid_code, m.code",
        (rs, i) -> new GridAssignment(rs.getString(1), rs.getString(2), MemberRole.valueOf(rs.getString(3)), rs.getString(4)),
        gridPattern);
  }

  /**
   * A member as exports serve it.
   *
   * @param gridCodes the grids it serves among those asked for, by code
   * @param phone in clear, or {@code null} when not asked for
   * @param lon the last known position, or {@code NaN} when never seen (likewise {@code lat})
   */
  public record MemberFeature(
      String code, String name, MemberRole role, List<String> gridCodes, boolean onDuty, String phone, double lon, double lat) {}

  /**
   * Streams the members serving grids whose codes match {@code gridPattern} (a {@code LIKE}
   * pattern), by code, each with those of its grids, from one ordered query (constant memory but
   * for one member's grids). Phones are decrypted only when {@code withPhone}.
   */
  public void forEachMemberFeature(String gridPattern, boolean withPhone, java.util.function.Consumer<MemberFeature> visitor) {
    var current = new Object() {
      String code;
      String name;
      MemberRole role;
      boolean onDuty;
      String phone;
      double lon;
      double lat;
      List<String> grids = new ArrayList<>();

      void flush() {
        if (code != null) {
          visitor.accept(new MemberFeature(code, name, role, List.copyOf(grids), onDuty, phone, lon, lat));
        }
        grids.clear();
      }
    };
    jdbc.query(
        con -> {
          var ps =
              con.prepareStatement(
                  "SELECT m.code, m.name, m.role, m.on_duty, m.phone, ST_X(m.last_position), ST_Y(m.last_position), g.grid_code"
                      + " FROM member m JOIN member_grid g ON g.member_id = m.id WHERE g.grid_code LIKE ? ORDER BY m.code, g.grid_code");
          ps.setFetchSize(1000);
          ps.setString(1, gridPattern);
          return ps;
        },
        (org.springframework.jdbc.core.RowCallbackHandler)
            rs -> {
              String code = rs.getString(1);
              if (!code.equals(current.code)) {
                current.flush();
                current.code = code;
                current.name = rs.getString(2);
                current.role = MemberRole.valueOf(rs.getString(3));
                current.onDuty = rs.getBoolean(4);
                current.phone = withPhone ? cipher.decrypt(rs.getString(5)) : null;
                current.lon = rs.getDouble(6);
                current.lon = rs.wasNull() ? Double.NaN : current.lon;
                current.lat = rs.getDouble(7);
                current.lat = rs.wasNull() ? Double.NaN : current.lat;
              }
              current.grids.add(rs.getString(8));
            });
    current.flush();
  }

  /** Number of members serving each grid code; grids without members are absent. */
  public NavigableMap<String, Integer> memberCountsByGrid() {
    NavigableMap<String, Integer> counts = new TreeMap<>();
    for (Object[] row : members.countByGrid()) {
      counts.put((String) row[0], ((Number) row[1]).intValue());
    }
    return counts;
  }

  /**
   * The staff of every area of one level inside an area: members serving grids whose codes match
   * {@code gridPattern}, by the first {@code codeLength} digits of the grid code (the code of the
   * area of that level above or at the grid), each member counted once per area however many of
   * its grids they serve. Areas without members are absent. One query of the assignments, counted
   * here: on H2 that is three times faster than {@code COUNT(DISTINCT …)} grouped in SQL
   * (BENCHMARKS.md, "Map figures").
   *
   * @param codeLength the length of the level's codes (4 city, 6 district, 9 street, 12
   *     community, 15 grid)
   * @param gridPattern a {@code LIKE} pattern of grid codes ({@code "3605%"}, {@code "%"} for all)
   */
  public Map<String, StaffCount> staffByArea(int codeLength, String gridPattern) {
    if (codeLength < 1 || codeLength > 15) {
      throw new IllegalArgumentException("codeLength must be 1 to 15, got " + codeLength);
    }
    record Counting(java.util.Set<Long> members, java.util.Set<Long> fullTime) {}
    Map<String, Counting> counting = new HashMap<>();
    jdbc.query(
        """
        SELECT g.grid_code, m.id, m.role FROM member_grid g JOIN member m ON m.id = g.member_id
        WHERE g.grid_code LIKE ?""",
        rs -> {
          String grid = rs.getString(1);
          String area = grid.length() <= codeLength ? grid : grid.substring(0, codeLength);
          Counting c = counting.computeIfAbsent(area, k -> new Counting(new java.util.HashSet<>(), new java.util.HashSet<>()));
          long id = rs.getLong(2);
          c.members().add(id);
          if (MemberRole.FULL_TIME.name().equals(rs.getString(3))) {
            c.fullTime().add(id);
          }
        },
        gridPattern);
    Map<String, StaffCount> staff = new HashMap<>();
    counting.forEach((area, c) -> staff.put(area, new StaffCount(c.members().size(), c.fullTime().size())));
    return staff;
  }

  /** Receives one row of {@link #positions}: a member with a position and one of its grids. */
  interface PositionRow {
    void accept(
        String code, String name, MemberRole role, String gridCode, double lon, double lat, Instant seenAt, boolean onDuty);
  }

  /**
   * Members with a last known position serving grids whose codes match {@code gridPattern} (a
   * {@code LIKE} pattern), one row per member and matching grid, by member code then grid code;
   * names unmasked (the caller masks them).
   */
  void positions(String gridPattern, PositionRow row) {
    jdbc.query(
        """
        SELECT m.code, m.name, m.role, g.grid_code, ST_X(m.last_position), ST_Y(m.last_position), m.last_seen_at, m.on_duty
        FROM member m JOIN member_grid g ON g.member_id = m.id
        WHERE m.last_position IS NOT NULL AND g.grid_code LIKE ?
        ORDER BY m.code, g.grid_code""",
        rs -> {
          Timestamp seen = rs.getTimestamp(7);
          row.accept(
              rs.getString(1),
              rs.getString(2),
              MemberRole.valueOf(rs.getString(3)),
              rs.getString(4),
              rs.getDouble(5),
              rs.getDouble(6),
              seen == null ? null : seen.toInstant(),
              rs.getBoolean(8));
        },
        gridPattern);
  }

  /**
   * Records a member's position (EPSG:4326) taken at {@code at} while they are on duty; {@code
   * false} when no member has this code or the member is off duty.
   */
  @Transactional
  boolean reportPosition(String memberCode, double lon, double lat, Instant at) {
    return jdbc.update(
            "UPDATE member SET last_position = ST_GeomFromWKB(?, 4326), last_seen_at = ? WHERE code = ? AND on_duty = TRUE",
            new WKBWriter(2).write(Wgs84.point(lon, lat)),
            Timestamp.from(at),
            memberCode)
        == 1;
  }

  /**
   * Puts a member on or off duty (在岗). Going off duty also forgets the last position: a position
   * is shared only while on duty. Audited.
   *
   * @return {@code false} when no member has the code
   */
  @Transactional
  public boolean setOnDuty(String memberCode, boolean onDuty) {
    var before = memberByCode(memberCode);
    if (before.isEmpty()) {
      return false;
    }
    if (onDuty) {
      jdbc.update("UPDATE member SET on_duty = TRUE WHERE code = ?", memberCode);
    } else {
      jdbc.update("UPDATE member SET on_duty = FALSE, last_position = NULL, last_seen_at = NULL WHERE code = ?", memberCode);
    }
    if (before.get().onDuty() != onDuty) {
      List<String> grids = gridsOf(before.get().id());
      audit.change(
          onDuty ? "MEMBER_ON_DUTY" : "MEMBER_OFF_DUTY",
          "member",
          memberCode,
          grids.isEmpty() ? null : grids.getFirst(),
          Map.of("onDuty", before.get().onDuty()),
          Map.of("onDuty", onDuty));
    }
    return true;
  }

  /**
   * A member as they see themselves (name unmasked, last position while on duty).
   *
   * @param lon last known longitude (EPSG:4326), or {@code null}
   * @param lat last known latitude (EPSG:4326), or {@code null}
   */
  public record MemberSelf(
      String code, String name, MemberRole role, List<String> gridCodes, boolean onDuty, Double lon, Double lat, Instant seenAt) {}

  /** The member with this code as they see themselves; empty for an unknown code. */
  public Optional<MemberSelf> self(String memberCode) {
    return members
        .findByCode(memberCode)
        .map(
            m -> {
              var p = m.lastPosition();
              return new MemberSelf(
                  m.code(), m.name(), m.role(), List.copyOf(m.gridCodes()), m.onDuty(),
                  p == null ? null : p.getX(), p == null ? null : p.getY(), m.lastSeenAt());
            });
  }

  /** Members by row id, for showing who handles cases; unknown ids are absent. */
  public Map<Long, MemberRef> membersByIds(Collection<Long> ids) {
    Map<Long, MemberRef> byId = new HashMap<>();
    members.findAllById(ids).forEach(m -> byId.put(m.id(), new MemberRef(m.id(), m.code(), m.name(), m.role(), m.onDuty())));
    return byId;
  }

  /** Department codes by row id. */
  public Map<Long, String> departmentCodes() {
    Map<Long, String> codes = new HashMap<>();
    departments.findAll().forEach(d -> codes.put(d.id(), d.code()));
    return codes;
  }

  /** Department names by department code (for partner APIs that name the agency handling a case). */
  public Map<String, String> departmentNames() {
    Map<String, String> names = new HashMap<>();
    departments.findAll().forEach(d -> names.put(d.code(), d.name()));
    return names;
  }

  /** Department row ids by department code. */
  public Map<String, Long> departmentIds() {
    Map<String, Long> ids = new HashMap<>();
    departments.findAll().forEach(d -> ids.put(d.code(), d.id()));
    return ids;
  }

  /** Member row ids by member code. */
  public Map<String, Long> memberIds() {
    Map<String, Long> ids = new HashMap<>();
    jdbc.query("SELECT code, id FROM member", rs -> {
      ids.put(rs.getString(1), rs.getLong(2));
    });
    return ids;
  }

  @Transactional
  public void importDepartments(Collection<DepartmentRecord> records) {
    departments.saveAll(
        records.stream().map(r -> new Department(r.code(), r.name(), r.phone())).toList());
  }

  /**
   * Inserts members and the grids they serve, in one transaction. Plain JDBC bypasses the entity's
   * converter, so phones are encrypted here.
   */
  @Transactional
  public void importMembers(Collection<MemberRecord> records) {
    var wkb = new WKBWriter(2);
    List<MemberRecord> all = new ArrayList<>(records);
    for (int from = 0; from < all.size(); from += BATCH) {
      List<MemberRecord> batch = all.subList(from, Math.min(all.size(), from + BATCH));
      jdbc.batchUpdate(
          """
          INSERT INTO member (code, name, phone, role, on_duty, last_position, last_seen_at)
          VALUES (?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326), ?)""",
          batch,
          batch.size(),
          (PreparedStatement ps, MemberRecord m) -> {
            ps.setString(1, m.code());
            ps.setString(2, m.name());
            ps.setString(3, cipher.encrypt(m.phone()));
            ps.setString(4, m.role().name());
            ps.setBoolean(5, m.onDuty());
            if (m.lon() == null || m.lat() == null) {
              ps.setNull(6, Types.BINARY);
              ps.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
              ps.setBytes(6, wkb.write(Wgs84.point(m.lon(), m.lat())));
              ps.setTimestamp(7, m.lastSeenAt() == null ? null : Timestamp.from(m.lastSeenAt()));
            }
          });
    }
    record Assignment(String memberCode, String gridCode) {}
    List<Assignment> assignments =
        all.stream()
            .flatMap(m -> m.gridCodes().stream().map(g -> new Assignment(m.code(), g)))
            .toList();
    jdbc.batchUpdate(
        "INSERT INTO member_grid (member_id, grid_code) SELECT id, ? FROM member WHERE code = ?",
        assignments,
        BATCH,
        (PreparedStatement ps, Assignment a) -> {
          ps.setString(1, a.gridCode());
          ps.setString(2, a.memberCode());
        });
  }

  // --- import (org.wangge.exchange) -----------------------------------------------------------

  /**
   * Updates stored members in place by code (name, phone, role, on duty, position when given) and
   * replaces their grid assignments, in the caller's transaction.
   */
  @Transactional
  public void updateMembers(Collection<MemberRecord> records) {
    List<MemberRecord> all = new ArrayList<>(records);
    var wkb = new WKBWriter(2);
    jdbc.batchUpdate(
        "UPDATE member SET name = ?, phone = ?, role = ?, on_duty = ? WHERE code = ?",
        all,
        BATCH,
        (PreparedStatement ps, MemberRecord m) -> {
          ps.setString(1, m.name());
          ps.setString(2, cipher.encrypt(m.phone()));
          ps.setString(3, m.role().name());
          ps.setBoolean(4, m.onDuty());
          ps.setString(5, m.code());
        });
    jdbc.batchUpdate(
        "UPDATE member SET last_position = ST_GeomFromWKB(?, 4326) WHERE code = ?",
        all.stream().filter(m -> m.lon() != null && m.lat() != null).toList(),
        BATCH,
        (PreparedStatement ps, MemberRecord m) -> {
          ps.setBytes(1, wkb.write(Wgs84.point(m.lon(), m.lat())));
          ps.setString(2, m.code());
        });
    jdbc.batchUpdate(
        "DELETE FROM member_grid WHERE member_id = (SELECT id FROM member WHERE code = ?)",
        all,
        BATCH,
        (PreparedStatement ps, MemberRecord m) -> ps.setString(1, m.code()));
    record Assignment(String memberCode, String gridCode) {}
    jdbc.batchUpdate(
        "INSERT INTO member_grid (member_id, grid_code) SELECT id, ? FROM member WHERE code = ?",
        all.stream().flatMap(m -> m.gridCodes().stream().map(g -> new Assignment(m.code(), g))).toList(),
        BATCH,
        (PreparedStatement ps, Assignment a) -> {
          ps.setString(1, a.gridCode());
          ps.setString(2, a.memberCode());
        });
  }
}
