package org.wangge.planning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.wangge.spatial.Wgs84;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans in the database (tables {@code plan}, {@code plan_base}, {@code plan_grid}, {@code
 * plan_edit}, {@code plan_publication}). Geometries as WKB (exact round trip). Callers hold the
 * transaction.
 */
@Repository
class PlanStore {

  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  PlanStore(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A plan row. */
  record PlanRow(
      long id,
      String name,
      String areaCode,
      String status,
      String createdBy,
      Instant createdAt,
      Instant updatedAt,
      Instant basedOn,
      long revision,
      Instant publishedAt,
      String publishedBy,
      Instant validFrom,
      int edits) {}

  /** An edit of the history. */
  record EditRow(
      int seq, String kind, String actor, Instant at, String summary, boolean undone, boolean dropped,
      List<PlanGrid> removed, List<PlanGrid> added) {}

  private static final String PLAN_COLUMNS =
      "p.id, p.name, p.area_code, p.status, p.created_by, p.created_at, p.updated_at, p.based_on, p.revision, "
          + "p.published_at, p.published_by, p.valid_from, "
          + "(SELECT count(*) FROM plan_edit e WHERE e.plan_id = p.id AND e.undone = false)";

  long insertPlan(String name, String areaCode, String createdBy, Instant now, Instant basedOn) {
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.update(
        con -> {
          var ps =
              con.prepareStatement(
                  "INSERT INTO plan (name, area_code, status, created_by, created_at, updated_at, based_on) VALUES (?, ?, 'DRAFT', ?, ?, ?, ?)",
                  new String[] {"id"});
          ps.setString(1, name);
          ps.setString(2, areaCode);
          ps.setString(3, createdBy);
          ps.setTimestamp(4, ts(now));
          ps.setTimestamp(5, ts(now));
          ps.setTimestamp(6, basedOn == null ? null : ts(basedOn));
          return ps;
        },
        keys);
    return keys.getKey().longValue();
  }

  Optional<PlanRow> plan(long id) {
    return jdbc.query("SELECT " + PLAN_COLUMNS + " FROM plan p WHERE p.id = ?", PlanStore::planRow, id).stream().findFirst();
  }

  /** Locks the plan row until the transaction ends (edits of one plan are serialised). */
  Optional<PlanRow> lock(long id) {
    List<Long> ids = jdbc.queryForList("SELECT id FROM plan WHERE id = ? FOR UPDATE", Long.class, id);
    return ids.isEmpty() ? Optional.empty() : plan(id);
  }

  List<PlanRow> plans(String areaPattern, String status) {
    List<Object> args = new ArrayList<>(List.of(areaPattern));
    String sql = "SELECT " + PLAN_COLUMNS + " FROM plan p WHERE p.area_code LIKE ?";
    if (status != null) {
      sql += " AND p.status = ?";
      args.add(status);
    }
    return jdbc.query(sql + " ORDER BY p.created_at DESC, p.id DESC", PlanStore::planRow, args.toArray());
  }

  private static PlanRow planRow(ResultSet rs, int i) throws SQLException {
    return new PlanRow(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        instant(rs, 6),
        instant(rs, 7),
        instant(rs, 8),
        rs.getLong(9),
        instant(rs, 10),
        rs.getString(11),
        instant(rs, 12),
        rs.getInt(13));
  }

  void touch(long id, Instant now) {
    jdbc.update("UPDATE plan SET updated_at = ?, revision = revision + 1 WHERE id = ?", ts(now), id);
  }

  void abandoned(long id, Instant at) {
    jdbc.update("UPDATE plan SET status = 'ABANDONED', updated_at = ?, revision = revision + 1 WHERE id = ?", ts(at), id);
  }

  void published(long id, String by, Instant at, Instant validFrom) {
    jdbc.update(
        "UPDATE plan SET status = 'PUBLISHED', published_by = ?, published_at = ?, valid_from = ?, updated_at = ?, revision = revision + 1 WHERE id = ?",
        by, ts(at), ts(validFrom), ts(at), id);
  }

  /** Reserves {@code n} new grid keys of the plan and returns them. */
  List<String> newKeys(long planId, int n) {
    Integer next = jdbc.queryForObject("SELECT next_key FROM plan WHERE id = ?", Integer.class, planId);
    jdbc.update("UPDATE plan SET next_key = next_key + ? WHERE id = ?", n, planId);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add("k" + (next + i));
    }
    return keys;
  }

  void insertBase(long planId, List<BaseGrid> base) {
    var wkb = new WKBWriter(2);
    jdbc.batchUpdate(
        "INSERT INTO plan_base (plan_id, area_id, code, version, name, community_code, boundary_wkb) VALUES (?, ?, ?, ?, ?, ?, ?)",
        base.stream()
            .map(b -> new Object[] {planId, b.areaId(), b.code(), b.version(), b.name(), b.communityCode(), wkb.write(b.boundary())})
            .toList());
  }

  List<BaseGrid> base(long planId) {
    return jdbc.query(
        "SELECT area_id, code, version, name, community_code, boundary_wkb FROM plan_base WHERE plan_id = ? ORDER BY code",
        (rs, i) -> new BaseGrid(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), geometry(rs.getBytes(6))),
        planId);
  }

  List<PlanGrid> grids(long planId) {
    return jdbc.query(
        "SELECT grid_key, code, name, community_code, base_codes, boundary_wkb FROM plan_grid WHERE plan_id = ?",
        (rs, i) ->
            new PlanGrid(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5).isEmpty() ? List.of() : Arrays.asList(rs.getString(5).split(",")),
                geometry(rs.getBytes(6))),
        planId)
        .stream()
        .sorted(PlanStore::byKey)
        .toList();
  }

  /** Keys in numeric order: k2 before k10. */
  static int byKey(PlanGrid a, PlanGrid b) {
    return Integer.compare(Integer.parseInt(a.key().substring(1)), Integer.parseInt(b.key().substring(1)));
  }

  /** Replaces grids: deletes the keys of {@code removed}, inserts {@code added}. */
  void replaceGrids(long planId, List<PlanGrid> removed, List<PlanGrid> added) {
    for (PlanGrid g : removed) {
      jdbc.update("DELETE FROM plan_grid WHERE plan_id = ? AND grid_key = ?", planId, g.key());
    }
    var wkb = new WKBWriter(2);
    jdbc.batchUpdate(
        "INSERT INTO plan_grid (plan_id, grid_key, code, name, community_code, base_codes, boundary_wkb) VALUES (?, ?, ?, ?, ?, ?, ?)",
        added.stream()
            .map(g -> new Object[] {planId, g.key(), g.code(), g.name(), g.communityCode(), String.join(",", g.baseCodes()), wkb.write(g.boundary())})
            .toList());
  }

  List<EditRow> edits(long planId) {
    return jdbc.query(
        "SELECT seq, kind, actor, edited_at, summary, undone, dropped, removed, added FROM plan_edit WHERE plan_id = ? ORDER BY seq",
        (rs, i) ->
            new EditRow(
                rs.getInt(1), rs.getString(2), rs.getString(3), instant(rs, 4), rs.getString(5), rs.getBoolean(6), rs.getBoolean(7),
                fromJson(rs.getString(8)), fromJson(rs.getString(9))),
        planId);
  }

  /** Records an edit; the undone edits still redoable become unreachable (kept as history). */
  int insertEdit(long planId, String kind, String actor, Instant at, String summary, List<PlanGrid> removed, List<PlanGrid> added) {
    jdbc.update("UPDATE plan_edit SET dropped = true WHERE plan_id = ? AND undone = true", planId);
    Integer max = jdbc.queryForObject("SELECT max(seq) FROM plan_edit WHERE plan_id = ?", Integer.class, planId);
    int seq = (max == null ? 0 : max) + 1;
    jdbc.update(
        "INSERT INTO plan_edit (plan_id, seq, kind, actor, edited_at, summary, removed, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        planId, seq, kind, actor, ts(at), summary.length() > 500 ? summary.substring(0, 500) : summary, toJson(removed), toJson(added));
    return seq;
  }

  void setUndone(long planId, int seq, boolean undone, String actor, Instant at) {
    jdbc.update(
        "UPDATE plan_edit SET undone = ?, undone_by = ?, undone_at = ? WHERE plan_id = ? AND seq = ?",
        undone, undone ? actor : null, undone ? ts(at) : null, planId, seq);
  }

  /** Gives the plan's new grids (no code yet) the codes numbering gave them at publish: key → code. */
  void assignCodes(long planId, Map<String, String> codeByKey) {
    jdbc.batchUpdate(
        "UPDATE plan_grid SET code = ? WHERE plan_id = ? AND grid_key = ? AND code IS NULL",
        codeByKey.entrySet().stream().map(e -> new Object[] {e.getValue(), planId, e.getKey()}).toList());
  }

  void recordPublication(long planId, Map<String, Long> rows, List<String> retired) {
    rows.forEach((code, id) -> jdbc.update("INSERT INTO plan_publication (plan_id, code, area_id) VALUES (?, ?, ?)", planId, code, id));
    retired.forEach(code -> jdbc.update("INSERT INTO plan_publication (plan_id, code, area_id) VALUES (?, ?, NULL)", planId, code));
  }

  /** The latest plan that published or retired this code: [planId, publishedBy, publishedAt], or empty. */
  Optional<Object[]> lastPublicationOf(String code) {
    return jdbc.query(
            "SELECT p.id, p.published_by, p.published_at FROM plan_publication u JOIN plan p ON p.id = u.plan_id "
                + "WHERE u.code = ? ORDER BY p.published_at DESC, p.id DESC",
            (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), instant(rs, 3)},
            code)
        .stream()
        .findFirst();
  }

  /** The highest 15-digit grid code ever used (any version, retired too) in a community, or null. */
  String maxGridCode(String communityCode) {
    return jdbc.queryForObject(
        "SELECT max(code) FROM area WHERE level = 'GRID' AND code LIKE ?", String.class, communityCode + "___");
  }

  // --- JSON of grid states in the edit history ---------------------------------------------

  record GridJson(String key, String code, String name, String communityCode, List<String> baseCodes, String wkb) {}

  private String toJson(List<PlanGrid> grids) {
    var wkb = new WKBWriter(2);
    return json.writeValueAsString(
        grids.stream()
            .map(g -> new GridJson(g.key(), g.code(), g.name(), g.communityCode(), g.baseCodes(), HexFormat.of().formatHex(wkb.write(g.boundary()))))
            .toList());
  }

  private List<PlanGrid> fromJson(String text) {
    List<GridJson> rows = json.readValue(text, new TypeReference<List<GridJson>>() {});
    return rows.stream()
        .map(r -> new PlanGrid(r.key(), r.code(), r.name(), r.communityCode(), r.baseCodes(), geometry(HexFormat.of().parseHex(r.wkb()))))
        .toList();
  }

  static Geometry geometry(byte[] wkb) {
    try {
      Geometry g = new WKBReader(Wgs84.FACTORY).read(wkb);
      g.setSRID(Wgs84.SRID);
      return g;
    } catch (ParseException e) {
      throw new IllegalStateException("Unreadable plan geometry", e);
    }
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
