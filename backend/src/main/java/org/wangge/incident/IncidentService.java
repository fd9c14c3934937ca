package org.wangge.incident;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.area.AreaService;
import org.wangge.address.AddressService;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.CategoryRecord;
import org.wangge.gisdata.model.IncidentRecord;
import org.wangge.spatial.Wgs84;
import org.wangge.team.TeamService;

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

  IncidentService(
      IncidentRepository incidents,
      JdbcTemplate jdbc,
      AreaService areas,
      AddressService addresses,
      TeamService teams,
      CategoryCatalogue catalogue) {
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

  /** Inserts the category tree; major classes must come before their minor classes. */
  @Transactional
  public void importCategories(Collection<CategoryRecord> records) {
    Map<String, Long> departmentIds = teams.departmentIds();
    jdbc.batchUpdate(
        """
        INSERT INTO category (code, name, parent_code, department_id, deadline_working_hours,
                              default_risk, dedup_radius_metres)
        VALUES (?, ?, ?, ?, ?, ?, ?)""",
        records,
        BATCH,
        (PreparedStatement ps, CategoryRecord c) -> {
          ps.setString(1, c.code());
          ps.setString(2, c.name());
          ps.setString(3, c.parentCode());
          setId(ps, 4, c.departmentCode(), departmentIds, "department");
          ps.setInt(5, c.deadlineWorkingHours());
          ps.setString(6, c.defaultRisk().name());
          ps.setInt(7, c.dedupRadiusMetres());
        });
    catalogue.reload();
  }

  /**
   * Inserts past incidents, each against the current version of its grid. Codes that name no
   * category, grid, address, member or department fail the whole load.
   */
  @Transactional
  public void importIncidents(Collection<IncidentRecord> records) {
    Map<String, Long> categoryIds = new HashMap<>();
    jdbc.query("SELECT code, id FROM category", rs -> {
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
    return new java.util.HashSet<>(jdbc.queryForList("SELECT code FROM category", String.class));
  }
}
