package org.wangge.area;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.spatial.Wgs84;

/**
 * Boundary versions of grids: every version of a code, the grids valid at a time, and publishing a
 * new set of versions (the planning feature's publish). One area row is one version; a version is
 * valid on {@code [validFrom, validTo)}, {@code validTo == null} for the current one. Publishing
 * bumps the boundary stamp (table {@code boundary_stamp}), which every instance's {@link
 * GridLocator} polls, so all of them switch to the new versions. Geometries are lon/lat, SRID 4326.
 */
@Service
@Transactional(readOnly = true)
public class BoundaryVersions {

  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;

  BoundaryVersions(JdbcTemplate jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /** One version (row) of an area, with its boundary. */
  public record GridVersion(
      long id,
      String code,
      int version,
      String name,
      String parentCode,
      Instant validFrom,
      Instant validTo,
      int households,
      int residents,
      MultiPolygon boundary) {}

  /** Every version of an area code, oldest first, without boundaries. */
  public record VersionView(
      long id, String code, int version, String name, Instant validFrom, Instant validTo, int households) {}

  public List<VersionView> versions(String code) {
    return jdbc.query(
        "SELECT id, code, version, name, valid_from, valid_to, households FROM area WHERE code = ? ORDER BY version",
        (rs, i) ->
            new VersionView(
                rs.getLong(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                instant(rs, 5),
                instant(rs, 6),
                rs.getInt(7)),
        code);
  }

  /** The current grid versions whose code starts with {@code codePrefix}, by code. */
  public List<GridVersion> currentGrids(String codePrefix) {
    return query("valid_to IS NULL", codePrefix);
  }

  /** The grid versions valid at {@code at} whose code starts with {@code codePrefix}, by code. */
  public List<GridVersion> gridsAt(String codePrefix, Instant at) {
    return query("valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)", codePrefix, Timestamp.from(at), Timestamp.from(at));
  }

  /** The current versions of these codes (any level), by code. */
  public List<GridVersion> current(List<String> codes) {
    if (codes.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", codes.stream().map(c -> "?").toList());
    return jdbc.query(
        SELECT + " WHERE valid_to IS NULL AND code IN (" + marks + ") ORDER BY code", BoundaryVersions::row, codes.toArray());
  }

  private static final String SELECT =
      "SELECT id, code, version, name, parent_code, valid_from, valid_to, households, residents, ST_AsBinary(boundary) FROM area";

  private List<GridVersion> query(String when, String codePrefix, Object... args) {
    List<Object> all = new ArrayList<>(List.of(args));
    all.add(codePrefix + "%");
    return jdbc.query(
        SELECT + " WHERE level = 'GRID' AND " + when + " AND code LIKE ? ORDER BY code", BoundaryVersions::row, all.toArray());
  }

  private static GridVersion row(ResultSet rs, int i) throws SQLException {
    return new GridVersion(
        rs.getLong(1),
        rs.getString(2),
        rs.getInt(3),
        rs.getString(4),
        rs.getString(5),
        instant(rs, 6),
        instant(rs, 7),
        rs.getInt(8),
        rs.getInt(9),
        multi(rs.getBytes(10)));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static MultiPolygon multi(byte[] wkb) {
    try {
      Geometry g = new WKBReader(Wgs84.FACTORY).read(wkb);
      return asMulti(g);
    } catch (ParseException e) {
      throw new IllegalStateException("Unreadable boundary", e);
    }
  }

  /** The geometry as a MultiPolygon (a Polygon wrapped), SRID 4326. */
  public static MultiPolygon asMulti(Geometry g) {
    MultiPolygon m;
    if (g instanceof MultiPolygon mp) {
      m = mp;
    } else if (g instanceof Polygon p) {
      m = Wgs84.FACTORY.createMultiPolygon(new Polygon[] {p});
    } else {
      List<Polygon> parts = new ArrayList<>();
      for (int i = 0; i < g.getNumGeometries(); i++) {
        if (g.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
          parts.add(p);
        }
      }
      m = Wgs84.FACTORY.createMultiPolygon(parts.toArray(Polygon[]::new));
    }
    m.setSRID(Wgs84.SRID);
    return m;
  }

  /** A new version of a grid code: version 1 for a new code, else the current version + 1. */
  public record NewVersion(String code, String name, String parentCode, Geometry boundary, int households, int residents) {}

  /**
   * Publishes new grid versions from {@code validFrom}: for each new version the current row of
   * its code (if any) is closed at {@code validFrom} and the next version inserted; each retired
   * code's current row is closed with no successor. Runs in the caller's transaction; the boundary
   * stamp is bumped first, which serialises concurrent publishes (its row lock). Announces {@link
   * GridBoundariesPublished} (the locator of this instance rebuilds after commit; other instances
   * see the stamp).
   *
   * @return the row written for each code of {@code versions}: code → [id, version]
   */
  @Transactional
  public Map<String, long[]> publish(List<NewVersion> versions, List<String> retiredCodes, Instant validFrom) {
    bumpStamp();
    Timestamp from = Timestamp.from(validFrom);
    var wkb = new WKBWriter(2);
    Map<String, long[]> written = new java.util.LinkedHashMap<>();
    // Set-wise: one read of the latest versions, batched closes and inserts, one read of the ids.
    List<String> codes = new ArrayList<>(retiredCodes);
    versions.forEach(v -> codes.add(v.code()));
    Map<String, Integer> latest = new java.util.HashMap<>();
    for (int from0 = 0; from0 < codes.size(); from0 += 500) {
      List<String> chunk = codes.subList(from0, Math.min(codes.size(), from0 + 500));
      jdbc.query(
          "SELECT code, max(version) FROM area WHERE code IN (" + marks(chunk.size()) + ") GROUP BY code",
          rs -> {
            latest.put(rs.getString(1), rs.getInt(2));
          },
          chunk.toArray());
    }
    jdbc.batchUpdate(
        "UPDATE area SET valid_to = ? WHERE code = ? AND valid_to IS NULL",
        codes.stream().map(c -> new Object[] {from, c}).toList());
    jdbc.batchUpdate(
        """
        INSERT INTO area (code, version, name, level, parent_code, boundary, valid_from, households, residents)
        VALUES (?, ?, ?, 'GRID', ?, ST_GeomFromWKB(?, 4326), ?, ?, ?)""",
        versions.stream()
            .map(
                v ->
                    new Object[] {
                      v.code(),
                      latest.getOrDefault(v.code(), 0) + 1,
                      v.name(),
                      v.parentCode(),
                      wkb.write(asMulti(v.boundary())),
                      from,
                      v.households(),
                      v.residents()
                    })
            .toList());
    List<String> written0 = versions.stream().map(NewVersion::code).toList();
    for (int from0 = 0; from0 < written0.size(); from0 += 500) {
      List<String> chunk = written0.subList(from0, Math.min(written0.size(), from0 + 500));
      jdbc.query(
          "SELECT code, id, version FROM area WHERE valid_to IS NULL AND code IN (" + marks(chunk.size()) + ")",
          rs -> {
            written.put(rs.getString(1), new long[] {rs.getLong(2), rs.getInt(3)});
          },
          chunk.toArray());
    }
    Integer grids = jdbc.queryForObject("SELECT count(*) FROM area WHERE level = 'GRID' AND valid_to IS NULL", Integer.class);
    events.publishEvent(new GridBoundariesPublished(grids == null ? 0 : grids, validFrom));
    return written;
  }

  private static String marks(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }

  /** Increments the boundary stamp (locks its row until the transaction ends). */
  @Transactional
  public long bumpStamp() {
    jdbc.update("UPDATE boundary_stamp SET stamp = stamp + 1, changed_at = ? WHERE id = 1", Timestamp.from(Instant.now()));
    return stamp();
  }

  /** The boundary stamp: changes whenever grid boundaries are published. */
  public long stamp() {
    Long s = jdbc.queryForObject("SELECT stamp FROM boundary_stamp WHERE id = 1", Long.class);
    return s == null ? 0 : s;
  }
}
