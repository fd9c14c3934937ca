package org.wangge.team;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.NavigableMap;
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

  TeamService(
      MemberRepository members,
      DepartmentRepository departments,
      JdbcTemplate jdbc,
      PersonalDataCipher cipher) {
    this.members = members;
    this.departments = departments;
    this.jdbc = jdbc;
    this.cipher = cipher;
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

  /** Number of members serving each grid code; grids without members are absent. */
  public NavigableMap<String, Integer> memberCountsByGrid() {
    NavigableMap<String, Integer> counts = new TreeMap<>();
    for (Object[] row : members.countByGrid()) {
      counts.put((String) row[0], ((Number) row[1]).intValue());
    }
    return counts;
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
}
