package org.wangge.incident;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.wangge.security.Jurisdiction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.area.AreaService;
import org.wangge.address.AddressService;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.CategoryRecord;
import org.wangge.gisdata.model.IncidentRecord;
import org.wangge.spatial.Wgs84;
import org.wangge.team.TeamService;
import tools.jackson.databind.json.JsonMapper;

/** Incidents and categories: bulk loading of past cases and of the category tree. */
@Service
@Transactional(readOnly = true)
public class IncidentService {

  private static final int BATCH = 1000;

  private final IncidentRepository incidents;
  private final JdbcTemplate jdbc;
  private final AreaService areas;
  private final AddressService addresses;
  private final TeamService teams;
  private final CategoryCatalogue catalogue;
  private final JsonMapper json;

  IncidentService(
      IncidentRepository incidents,
      JdbcTemplate jdbc,
      AreaService areas,
      AddressService addresses,
      TeamService teams,
      CategoryCatalogue catalogue,
      JsonMapper json) {
    this.json = json;
    this.incidents = incidents;
    this.jdbc = jdbc;
    this.areas = areas;
    this.addresses = addresses;
    this.teams = teams;
    this.catalogue = catalogue;
  }

  public long count() {
    return incidents.count();
  }

  /**
   * Inserts the responsibility list as list version 1 (parents before children), with each item's
   * co-departments.
   */
  @Transactional
  public void importCategories(Collection<CategoryRecord> records) {
    Map<String, Long> departmentIds = teams.departmentIds();
    jdbc.batchUpdate(
        """
        INSERT INTO category (code, name, name_en, level, parent_code, department_id, grid_admitted,
                              deadline_hours, clock_type, default_risk, dedup_radius_metres,
                              raises_alarm, questions, list_version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""",
        records,
        BATCH,
        (PreparedStatement ps, CategoryRecord c) -> {
          ps.setString(1, c.code());
          ps.setString(2, c.name());
          ps.setString(3, c.nameEn());
          ps.setString(4, c.level().name());
          ps.setString(5, c.parentCode());
          setId(ps, 6, c.departmentCode(), departmentIds, "department");
          ps.setBoolean(7, c.gridAdmitted());
          ps.setInt(8, c.deadlineHours());
          ps.setString(9, c.clockType().name());
          ps.setString(10, c.defaultRisk().name());
          ps.setInt(11, c.dedupRadiusMetres());
          ps.setBoolean(12, c.raisesAlarm());
          ps.setString(13, json.writeValueAsString(c.questions()));
        });
    List<Object[]> coDepartments = new ArrayList<>();
    Map<String, Long> categoryIds = new HashMap<>();
    jdbc.query("SELECT code, id FROM category WHERE retired_in IS NULL", rs -> {
      categoryIds.put(rs.getString(1), rs.getLong(2));
    });
    for (CategoryRecord c : records) {
      for (String d : c.coDepartmentCodes()) {
        Long department = departmentIds.get(d);
        if (department == null) {
          throw new IllegalArgumentException("category " + c.code() + ": unknown co-department " + d);
        }
        coDepartments.add(new Object[] {categoryIds.get(c.code()), department});
      }
    }
    jdbc.batchUpdate("INSERT INTO category_co_department (category_id, department_id) VALUES (?, ?)", coDepartments);
    catalogue.reload();
  }

  /**
   * Inserts past incidents, each against the current version of its grid. Codes that name no
   * category, grid, address, member or department fail the whole load.
   */
  @Transactional
  public void importIncidents(Collection<IncidentRecord> records) {
    Map<String, Long> categoryIds = new HashMap<>();
    jdbc.query("SELECT code, id FROM category WHERE retired_in IS NULL", rs -> {
      categoryIds.put(rs.getString(1), rs.getLong(2));
    });
    Map<String, Long> gridIds = areas.currentIds(AreaLevel.GRID);
    Map<String, Long> addressIds = addresses.ids();
    Map<String, Long> memberIds = teams.memberIds();
    Map<String, Long> departmentIds = teams.departmentIds();
    var wkb = new WKBWriter(2);
    List<IncidentRecord> all = new ArrayList<>(records);
    jdbc.batchUpdate(
        """
        INSERT INTO incident (number, category_id, source, risk, status, description, location,
                              address_id, grid_id, grid_version, assignee_id, department_id,
                              reported_at, due_at, closed_at, grid_code, area_code)
        VALUES (?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326), ?, ?,
                (SELECT version FROM area WHERE id = ?), ?, ?, ?, ?, ?, ?, ?)""",
        all,
        BATCH,
        (PreparedStatement ps, IncidentRecord i) -> {
          ps.setString(1, i.number());
          setId(ps, 2, i.categoryCode(), categoryIds, "category");
          ps.setString(3, i.source().name());
          ps.setString(4, i.risk().name());
          ps.setString(5, i.status().name());
          ps.setString(6, i.description());
          ps.setBytes(7, wkb.write(Wgs84.point(i.lon(), i.lat())));
          setId(ps, 8, i.addressCode(), addressIds, "address");
          setId(ps, 9, i.gridCode(), gridIds, "grid");
          setId(ps, 10, i.gridCode(), gridIds, "grid");
          setId(ps, 11, i.assigneeCode(), memberIds, "member");
          setId(ps, 12, i.departmentCode(), departmentIds, "department");
          ps.setTimestamp(13, Timestamp.from(i.reportedAt()));
          ps.setTimestamp(14, i.dueAt() == null ? null : Timestamp.from(i.dueAt()));
          ps.setTimestamp(15, i.closedAt() == null ? null : Timestamp.from(i.closedAt()));
          ps.setString(16, i.gridCode());
          ps.setString(17, i.gridCode());
        });
  }

  /**
   * A case as data services (OGC API, exports) serve it: no reporter data, ever.
   *
   * @param gridCode the grid it was routed to, or {@code null}
   * @param addressCode its standard address, or {@code null}
   */
  public record IncidentFeature(
      String number,
      String categoryCode,
      String categoryName,
      String source,
      String risk,
      String status,
      Instant reportedAt,
      Instant dueAt,
      Instant closedAt,
      String gridCode,
      String addressCode,
      double lon,
      double lat) {}

  /**
   * Which cases a data service reads, on top of the caller's jurisdiction ({@link CaseScope}).
   *
   * @param subtree an area code: cases routed to its subtree, or {@code null}
   * @param box {@code [minLon, minLat, maxLon, maxLat]} or {@code null}
   * @param from reported at or after, or {@code null}
   * @param to reported at or before (inclusive, as OGC intervals are), or {@code null}
   */
  public record FeatureQuery(String subtree, double[] box, Instant from, Instant to) {}

  /** How many cases inside the jurisdiction match the query. */
  public long countFeatures(Jurisdiction jurisdiction, FeatureQuery query) {
    List<Object> args = new ArrayList<>();
    String where = featureWhere(jurisdiction, query, args);
    return jdbc.queryForObject("SELECT count(*) FROM incident i WHERE " + where, Long.class, args.toArray());
  }

  /** One page of {@link #countFeatures}'s cases, by number. */
  public List<IncidentFeature> featurePage(Jurisdiction jurisdiction, FeatureQuery query, long offset, int limit) {
    List<Object> args = new ArrayList<>();
    String where = featureWhere(jurisdiction, query, args);
    args.add(offset);
    args.add(limit);
    return jdbc.query(
        FEATURE_SELECT + where + " ORDER BY i.number OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
        (rs, i) -> feature(rs),
        args.toArray());
  }

  /**
   * Streams {@link #countFeatures}'s cases, by number, to {@code visitor} from an open cursor
   * (constant memory; the visitor runs inside this read-only transaction).
   */
  public void forEachFeature(Jurisdiction jurisdiction, FeatureQuery query, Consumer<IncidentFeature> visitor) {
    List<Object> args = new ArrayList<>();
    String where = featureWhere(jurisdiction, query, args);
    jdbc.query(
        con -> {
          PreparedStatement ps = con.prepareStatement(FEATURE_SELECT + where + " ORDER BY i.number");
          ps.setFetchSize(1000);
          for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
          }
          return ps;
        },
        (RowCallbackHandler) rs -> visitor.accept(feature(rs)));
  }

  /** The case with this number, if it lies inside the jurisdiction. */
  public Optional<IncidentFeature> findFeature(String number, Jurisdiction jurisdiction) {
    List<Object> args = new ArrayList<>();
    String where = featureWhere(jurisdiction, new FeatureQuery(null, null, null, null), args) + " AND i.number = ?";
    args.add(number);
    return jdbc.query(FEATURE_SELECT + where, (rs, i) -> feature(rs), args.toArray()).stream().findFirst();
  }

  /**
   * The extent of the cases inside the jurisdiction: {@code [minLon, minLat, maxLon, maxLat]} and
   * the first and last reported times, or {@code null} when there are none.
   */
  public FeatureExtent featureExtent(Jurisdiction jurisdiction) {
    List<Object> args = new ArrayList<>();
    String where = featureWhere(jurisdiction, new FeatureQuery(null, null, null, null), args);
    return jdbc.queryForObject(
        "SELECT min(ST_X(i.location)), min(ST_Y(i.location)), max(ST_X(i.location)), max(ST_Y(i.location)),"
            + " min(i.reported_at), max(i.reported_at) FROM incident i WHERE "
            + where,
        (rs, n) ->
            rs.getObject(1) == null
                ? null
                : new FeatureExtent(
                    new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)},
                    rs.getTimestamp(5).toInstant(),
                    rs.getTimestamp(6).toInstant()),
        args.toArray());
  }

  /** Where and when cases lie: {@code box} is {@code [minLon, minLat, maxLon, maxLat]}. */
  public record FeatureExtent(double[] box, Instant firstReported, Instant lastReported) {}

  private static final String FEATURE_SELECT =
      """
      SELECT i.number, c.code, c.name, i.source, i.risk, i.status, i.reported_at, i.due_at, i.closed_at,
             i.grid_code, a.code, ST_X(i.location), ST_Y(i.location)
      FROM incident i JOIN category c ON c.id = i.category_id LEFT JOIN address a ON a.id = i.address_id
      WHERE\s""";

  private String featureWhere(Jurisdiction jurisdiction, FeatureQuery query, List<Object> args) {
    var sql = new StringBuilder("1 = 1");
    Long departmentId =
        jurisdiction.departmentCasesOnly() ? teams.departmentIds().get(jurisdiction.departmentCode()) : null;
    CaseScope.appendInside(sql, args, jurisdiction, departmentId);
    if (query.subtree() != null) {
      sql.append(" AND (i.grid_code LIKE ? OR (i.grid_code IS NULL AND i.area_code LIKE ?))");
      args.add(query.subtree() + "%");
      args.add(query.subtree() + "%");
    }
    if (query.box() != null) {
      // && alone compares PostGIS's float4 index boxes and lets points just outside through.
      sql.append(
          " AND i.location && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_Intersects(i.location, ST_MakeEnvelope(?, ?, ?, ?, 4326))");
      for (int i = 0; i < 2; i++) {
        for (double d : query.box()) {
          args.add(d);
        }
      }
    }
    if (query.from() != null) {
      sql.append(" AND i.reported_at >= ?");
      args.add(Timestamp.from(query.from()));
    }
    if (query.to() != null) {
      sql.append(" AND i.reported_at <= ?");
      args.add(Timestamp.from(query.to()));
    }
    return sql.toString();
  }

  private static IncidentFeature feature(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new IncidentFeature(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        instant(rs.getTimestamp(7)),
        instant(rs.getTimestamp(8)),
        instant(rs.getTimestamp(9)),
        rs.getString(10),
        rs.getString(11),
        rs.getDouble(12),
        rs.getDouble(13));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static void setId(
      PreparedStatement ps, int index, String code, Map<String, Long> ids, String kind)
      throws java.sql.SQLException {
    if (code == null) {
      ps.setNull(index, Types.BIGINT);
      return;
    }
    Long id = ids.get(code);
    if (id == null) {
      throw new IllegalArgumentException("No " + kind + " with code " + code);
    }
    ps.setLong(index, id);
  }

  // --- import (org.wangge.exchange) -----------------------------------------------------------

  /** Which of these case numbers are stored. */
  public java.util.Set<String> existingNumbers(Collection<String> numbers) {
    java.util.Set<String> found = new java.util.HashSet<>();
    List<String> all = new ArrayList<>(numbers);
    for (int from = 0; from < all.size(); from += 1000) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + 1000));
      jdbc.query(
          "SELECT number FROM incident WHERE number IN (" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")",
          rs -> {
            found.add(rs.getString(1));
          },
          chunk.toArray());
    }
    return found;
  }

  /** The codes of every category (major and minor). */
  public java.util.Set<String> categoryCodes() {
    return new java.util.HashSet<>(jdbc.queryForList("SELECT code FROM category WHERE retired_in IS NULL", String.class));
  }
}
