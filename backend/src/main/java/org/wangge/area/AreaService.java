package org.wangge.area;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.AreaRecord;
import org.wangge.security.Jurisdiction;
import org.wangge.spatial.Wgs84;

/** Reads the current area tree and loads new areas. */
@Service
@Transactional(readOnly = true)
public class AreaService {

  private static final int BATCH = 500;
  private static final List<Integer> CODE_LENGTHS = List.of(4, 6, 9, 12, 15);

  private final AreaRepository areas;
  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;

  AreaService(AreaRepository areas, JdbcTemplate jdbc, ApplicationEventPublisher events) {
    this.areas = areas;
    this.jdbc = jdbc;
    this.events = events;
  }

  /** Whether no area has been loaded yet. */
  public boolean isEmpty() {
    return areas.count() == 0;
  }

  public Optional<AreaView> findCurrent(String code) {
    return areas.findCurrent(code).map(AreaView::of);
  }

  /**
   * The current chain of areas from the city down to {@code code}, inclusive, or an empty list if
   * no such area is current.
   */
  public List<AreaView> chain(String code) {
    // Codes nest (DOMAIN.md: 4, 6, 9, 12, 15 digits), so one query fetches the usual chain; a
    // parent outside that pattern is fetched on its own.
    Map<String, Area> fetched = new HashMap<>();
    List<String> prefixes =
        CODE_LENGTHS.stream().filter(n -> n <= code.length()).map(n -> code.substring(0, n)).toList();
    areas.findCurrent(prefixes).forEach(a -> fetched.put(a.code(), a));
    List<AreaView> chain = new ArrayList<>();
    String next = code;
    while (next != null) {
      Area area = fetched.get(next);
      if (area == null) {
        area = areas.findCurrent(next).orElse(null);
        if (area == null) {
          break;
        }
      }
      chain.addFirst(AreaView.of(area));
      next = area.parentCode();
    }
    return chain;
  }

  public long childCount(String code) {
    return areas.countCurrentChildren(code);
  }

  /** Current areas of a level with their boundaries, by code. */
  public List<AreaShape> currentShapes(AreaLevel level) {
    return areas.findCurrentByLevel(level).stream().map(AreaShape::of).toList();
  }

  /** Current areas of a level whose boundary intersects the lon/lat box, by code. */
  public List<AreaShape> currentShapes(
      AreaLevel level, double minLon, double minLat, double maxLon, double maxLat) {
    return areas
        .findCurrentByLevelIntersecting(level, Wgs84.box(minLon, minLat, maxLon, maxLat))
        .stream()
        .map(AreaShape::of)
        .toList();
  }

  /**
   * Current areas of a level that a jurisdiction may see: those in its subtree, and the areas
   * above it (for context: the caller shows only their names and outlines), by code.
   */
  public List<AreaShape> currentShapes(AreaLevel level, Jurisdiction jurisdiction) {
    if (jurisdiction.everywhere()) {
      return currentShapes(level);
    }
    return areas.findCurrentByLevelWithin(level, jurisdiction.likePattern(), above(jurisdiction)).stream()
        .map(AreaShape::of)
        .toList();
  }

  /** {@link #currentShapes(AreaLevel, Jurisdiction)} whose boundary intersects the lon/lat box. */
  public List<AreaShape> currentShapes(
      AreaLevel level, Jurisdiction jurisdiction, double minLon, double minLat, double maxLon, double maxLat) {
    if (jurisdiction.everywhere()) {
      return currentShapes(level, minLon, minLat, maxLon, maxLat);
    }
    return areas
        .findCurrentByLevelWithinIntersecting(
            level, jurisdiction.likePattern(), above(jurisdiction), Wgs84.box(minLon, minLat, maxLon, maxLat))
        .stream()
        .map(AreaShape::of)
        .toList();
  }

  /** The codes of the areas above a jurisdiction's area (never empty, for SQL's IN). */
  private static List<String> above(Jurisdiction jurisdiction) {
    String code = jurisdiction.areaCode();
    List<String> above = new ArrayList<>(CODE_LENGTHS.stream().filter(n -> n < code.length()).map(n -> code.substring(0, n)).toList());
    if (above.isEmpty()) {
      above.add("-");
    }
    return above;
  }

  /**
   * How many current areas of a level lie in a jurisdiction's subtree (and in {@code subtree}, an
   * area code, when not {@code null}) and intersect the lon/lat box (when not {@code null}). Unlike
   * {@link #currentShapes(AreaLevel, Jurisdiction)}, the areas above the jurisdiction are not
   * included: this is for data services (OGC API, exports), not for map context.
   */
  public long countCurrent(AreaLevel level, Jurisdiction jurisdiction, String subtree, double[] box) {
    List<Object> args = new ArrayList<>();
    String where = currentWhere(level, jurisdiction, subtree, box, args);
    return jdbc.queryForObject("SELECT count(*) FROM area WHERE " + where, Long.class, args.toArray());
  }

  /**
   * One page of {@link #countCurrent}'s areas, by code: rows {@code offset} to {@code offset +
   * limit - 1}.
   */
  public List<AreaShape> currentPage(
      AreaLevel level, Jurisdiction jurisdiction, String subtree, double[] box, long offset, int limit) {
    List<Object> args = new ArrayList<>();
    String where = currentWhere(level, jurisdiction, subtree, box, args);
    args.add(offset);
    args.add(limit);
    var wkb = new WKBReader(Wgs84.FACTORY);
    return jdbc.query(
        SHAPE_COLUMNS + " FROM area WHERE " + where + " ORDER BY code OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
        (rs, i) -> shape(rs, wkb),
        args.toArray());
  }

  /**
   * Streams {@link #countCurrent}'s areas, by code, to {@code visitor} from an open cursor
   * (constant memory; the visitor runs inside this read-only transaction).
   */
  public void forEachCurrent(
      AreaLevel level, Jurisdiction jurisdiction, String subtree, double[] box, Consumer<AreaShape> visitor) {
    List<Object> args = new ArrayList<>();
    String where = currentWhere(level, jurisdiction, subtree, box, args);
    var wkb = new WKBReader(Wgs84.FACTORY);
    jdbc.query(
        con -> {
          PreparedStatement ps = con.prepareStatement(SHAPE_COLUMNS + " FROM area WHERE " + where + " ORDER BY code");
          ps.setFetchSize(500);
          for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
          }
          return ps;
        },
        (RowCallbackHandler) rs -> visitor.accept(shape(rs, wkb)));
  }

  /** The current area of a level with this code, if it lies in the jurisdiction's subtree. */
  public Optional<AreaShape> findCurrentShape(AreaLevel level, String code, Jurisdiction jurisdiction) {
    List<Object> args = new ArrayList<>();
    String where = currentWhere(level, jurisdiction, null, null, args) + " AND code = ?";
    args.add(code);
    var wkb = new WKBReader(Wgs84.FACTORY);
    return jdbc.query(SHAPE_COLUMNS + " FROM area WHERE " + where, (rs, i) -> shape(rs, wkb), args.toArray())
        .stream()
        .findFirst();
  }

  /**
   * {@code [minLon, minLat, maxLon, maxLat]} of {@link #countCurrent}'s areas (no box), or {@code
   * null} when there are none.
   */
  public double[] currentExtent(AreaLevel level, Jurisdiction jurisdiction) {
    List<Object> args = new ArrayList<>();
    String where = currentWhere(level, jurisdiction, null, null, args);
    return jdbc.queryForObject(
        "SELECT min(ST_XMin(boundary)), min(ST_YMin(boundary)), max(ST_XMax(boundary)), max(ST_YMax(boundary)) FROM area WHERE "
            + where,
        (rs, i) -> rs.getObject(1) == null ? null : new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)},
        args.toArray());
  }

  private static final String SHAPE_COLUMNS =
      "SELECT id, code, name, level, parent_code, version, valid_from, households, residents, ST_AsBinary(boundary)";

  private static String currentWhere(
      AreaLevel level, Jurisdiction jurisdiction, String subtree, double[] box, List<Object> args) {
    var where = new StringBuilder("valid_to IS NULL AND level = ?");
    args.add(level.name());
    if (!jurisdiction.everywhere()) {
      where.append(" AND code LIKE ?");
      args.add(jurisdiction.likePattern());
    }
    if (subtree != null) {
      where.append(" AND code LIKE ?");
      args.add(subtree + "%");
    }
    if (box != null) {
      where.append(
          " AND boundary && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_Intersects(boundary, ST_MakeEnvelope(?, ?, ?, ?, 4326))");
      for (int i = 0; i < 2; i++) {
        for (double d : box) {
          args.add(d);
        }
      }
    }
    return where.toString();
  }

  private static AreaShape shape(java.sql.ResultSet rs, WKBReader wkb) throws java.sql.SQLException {
    Geometry g;
    try {
      g = wkb.read(rs.getBytes(10));
    } catch (ParseException e) {
      throw new IllegalStateException("Unreadable boundary of area " + rs.getString(2), e);
    }
    MultiPolygon boundary =
        g instanceof MultiPolygon m ? m : Wgs84.FACTORY.createMultiPolygon(new Polygon[] {(Polygon) g});
    boundary.setSRID(Wgs84.SRID);
    var env = boundary.getEnvelopeInternal();
    var view =
        new AreaView(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            AreaLevel.valueOf(rs.getString(4)),
            rs.getString(5),
            rs.getInt(6),
            rs.getTimestamp(7).toInstant(),
            rs.getInt(8),
            rs.getInt(9),
            new double[] {env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY()});
    return new AreaShape(view, boundary);
  }

  /** Row ids of the current versions of every area of a level, by code. */
  public Map<String, Long> currentIds(AreaLevel level) {
    Map<String, Long> ids = new LinkedHashMap<>();
    for (Area area : areas.findCurrentByLevel(level)) {
      ids.put(area.code(), area.id());
    }
    return ids;
  }

  /**
   * Inserts areas as version 1 of their codes, valid from {@code validFrom}, in one transaction,
   * then announces {@link GridBoundariesPublished}. Parents must come before children.
   */
  @Transactional
  public void importAreas(Collection<AreaRecord> records, Instant validFrom) {
    var wkb = new WKBWriter(2);
    var batch = new ArrayList<AreaRecord>(BATCH);
    for (AreaRecord record : records) {
      batch.add(record);
      if (batch.size() == BATCH) {
        insert(batch, validFrom, wkb);
        batch.clear();
      }
    }
    insert(batch, validFrom, wkb);
    jdbc.update("UPDATE boundary_stamp SET stamp = stamp + 1, changed_at = ? WHERE id = 1", java.sql.Timestamp.from(Instant.now()));
    int grids = (int) records.stream().filter(r -> r.level() == AreaLevel.GRID).count();
    events.publishEvent(new GridBoundariesPublished(grids, validFrom));
  }

  private void insert(List<AreaRecord> batch, Instant validFrom, WKBWriter wkb) {
    if (batch.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        """
        INSERT INTO area (code, version, name, level, parent_code, boundary, valid_from,
                          households, residents)
        VALUES (?, 1, ?, ?, ?, ST_GeomFromWKB(?, 4326), ?, ?, ?)""",
        batch,
        batch.size(),
        (PreparedStatement ps, AreaRecord r) -> {
          ps.setString(1, r.code());
          ps.setString(2, r.name());
          ps.setString(3, r.level().name());
          ps.setString(4, r.parentCode());
          ps.setBytes(5, wkb.write(r.boundary()));
          ps.setTimestamp(6, Timestamp.from(validFrom));
          ps.setInt(7, r.households());
          ps.setInt(8, r.residents());
        });
  }

  // --- import (org.wangge.exchange) -----------------------------------------------------------

  /** The current children of an area with their boundaries, by code. */
  public List<AreaShape> currentChildShapes(String parentCode) {
    return areas.findCurrentChildren(parentCode).stream().map(AreaShape::of).toList();
  }

  /**
   * Writes areas of any level as new versions valid from {@code validFrom}, in the caller's
   * transaction: the current row of a code that has one is closed at {@code validFrom} and version
   * + 1 inserted; a new code gets version 1. Bumps the boundary stamp (which serialises concurrent
   * publishes) and announces {@link GridBoundariesPublished} (locators switch after commit).
   *
   * @return how many of the records replaced a current version
   */
  @Transactional
  public int publishAreas(Collection<AreaRecord> records, Instant validFrom) {
    jdbc.update("UPDATE boundary_stamp SET stamp = stamp + 1, changed_at = ? WHERE id = 1", Timestamp.from(Instant.now()));
    Timestamp from = Timestamp.from(validFrom);
    List<AreaRecord> all = new ArrayList<>(records);
    Map<String, Integer> latest = new HashMap<>();
    Map<String, Integer> current = new HashMap<>();
    for (int i = 0; i < all.size(); i += BATCH) {
      List<AreaRecord> chunk = all.subList(i, Math.min(all.size(), i + BATCH));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      jdbc.query(
          "SELECT code, max(version), max(CASE WHEN valid_to IS NULL THEN 1 ELSE 0 END) FROM area WHERE code IN ("
              + marks + ") GROUP BY code",
          rs -> {
            latest.put(rs.getString(1), rs.getInt(2));
            current.put(rs.getString(1), rs.getInt(3));
          },
          chunk.stream().map(AreaRecord::code).toArray());
    }
    jdbc.batchUpdate(
        "UPDATE area SET valid_to = ? WHERE code = ? AND valid_to IS NULL",
        all.stream().filter(r -> current.getOrDefault(r.code(), 0) == 1).map(r -> new Object[] {from, r.code()}).toList());
    var wkb = new WKBWriter(2);
    jdbc.batchUpdate(
        """
        INSERT INTO area (code, version, name, level, parent_code, boundary, valid_from,
                          households, residents)
        VALUES (?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326), ?, ?, ?)""",
        all,
        BATCH,
        (PreparedStatement ps, AreaRecord r) -> {
          ps.setString(1, r.code());
          ps.setInt(2, latest.getOrDefault(r.code(), 0) + 1);
          ps.setString(3, r.name());
          ps.setString(4, r.level().name());
          ps.setString(5, r.parentCode());
          ps.setBytes(6, wkb.write(r.boundary()));
          ps.setTimestamp(7, from);
          ps.setInt(8, r.households());
          ps.setInt(9, r.residents());
        });
    Integer grids = jdbc.queryForObject("SELECT count(*) FROM area WHERE level = 'GRID' AND valid_to IS NULL", Integer.class);
    events.publishEvent(new GridBoundariesPublished(grids == null ? 0 : grids, validFrom));
    return (int) all.stream().filter(r -> current.getOrDefault(r.code(), 0) == 1).count();
  }

  /**
   * Recounts the households and residents of the current versions of these areas from the
   * addresses whose grid code starts with the area's code, in the caller's transaction (one
   * aggregate over the addresses by grid, rolled up here, then one batch of updates).
   */
  @Transactional
  public void recountHouseholds(Collection<String> codes) {
    Map<String, long[]> totals = new HashMap<>();
    codes.forEach(c -> totals.put(c, new long[2]));
    jdbc.query(
        "SELECT grid_code, COALESCE(SUM(households), 0), COALESCE(SUM(residents), 0) FROM address WHERE grid_code IS NOT NULL GROUP BY grid_code",
        rs -> {
          String grid = rs.getString(1);
          long households = rs.getLong(2);
          long residents = rs.getLong(3);
          for (int n = 1; n <= grid.length(); n++) {
            long[] t = totals.get(grid.substring(0, n));
            if (t != null) {
              t[0] += households;
              t[1] += residents;
            }
          }
        });
    jdbc.batchUpdate(
        "UPDATE area SET households = ?, residents = ? WHERE code = ? AND valid_to IS NULL",
        totals.entrySet().stream()
            .map(e -> new Object[] {(int) Math.min(Integer.MAX_VALUE, e.getValue()[0]), (int) Math.min(Integer.MAX_VALUE, e.getValue()[1]), e.getKey()})
            .toList());
  }
}
