package org.wangge.address;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.security.Jurisdiction;
import org.wangge.spatial.Wgs84;

/** Standard addresses: bulk loading and lookups. */
@Service
@Transactional(readOnly = true)
public class AddressService {

  private static final int BATCH = 2000;

  private final AddressRepository addresses;
  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;

  AddressService(AddressRepository addresses, JdbcTemplate jdbc, ApplicationEventPublisher events) {
    this.addresses = addresses;
    this.jdbc = jdbc;
    this.events = events;
  }

  public long count() {
    return addresses.count();
  }

  /** A standard address's code and full text. */
  public record AddressLabel(long id, String code, String fullText) {}

  /** The code and full text of each address row id given (unknown ids are left out). */
  public Map<Long, AddressLabel> labels(Collection<Long> ids) {
    Map<Long, AddressLabel> labels = new HashMap<>();
    List<Long> all = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
    for (int from = 0; from < all.size(); from += BATCH) {
      List<Long> part = all.subList(from, Math.min(all.size(), from + BATCH));
      String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
      jdbc.query(
          "SELECT id, code, full_text FROM address WHERE id IN (" + marks + ")",
          rs -> {
            labels.put(rs.getLong(1), new AddressLabel(rs.getLong(1), rs.getString(2), rs.getString(3)));
          },
          part.toArray());
    }
    return labels;
  }

  /** Address row ids by address code. */
  public Map<String, Long> ids() {
    Map<String, Long> ids = new HashMap<>();
    jdbc.query("SELECT code, id FROM address", rs -> {
      ids.put(rs.getString(1), rs.getLong(2));
    });
    return ids;
  }

  /**
   * Inserts addresses in one transaction, in batches, telling {@code progress} how many rows are
   * in after each batch, then announces {@link AddressesImported}.
   */
  @Transactional
  public void importAddresses(Collection<AddressRecord> records, IntConsumer progress) {
    List<AddressRecord> all = new ArrayList<>(records);
    for (int from = 0; from < all.size(); from += BATCH) {
      List<AddressRecord> batch = all.subList(from, Math.min(all.size(), from + BATCH));
      insertAddresses(batch);
      progress.accept(from + batch.size());
    }
    events.publishEvent(new AddressesImported(all.size()));
  }

  /** An address point with its households and residents (lon/lat). */
  public record AddressPoint(long id, double lon, double lat, int households, int residents) {}

  /**
   * The addresses whose point lies in the lon/lat box, by id: one query that the spatial index
   * answers (the {@code &&} box operator on both databases).
   */
  public List<AddressPoint> pointsIn(double minLon, double minLat, double maxLon, double maxLat) {
    return jdbc.query(
        "SELECT id, ST_X(location), ST_Y(location), households, residents FROM address "
            + "WHERE location && ST_MakeEnvelope(?, ?, ?, ?, 4326) ORDER BY id",
        (rs, i) -> new AddressPoint(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getInt(4), rs.getInt(5)),
        minLon, minLat, maxLon, maxLat);
  }

  /**
   * A standard address as data services (OGC API, exports) serve it.
   *
   * @param gridCode the grid it lies in, or {@code null}
   */
  public record AddressFeature(
      String code,
      String fullText,
      String road,
      String number,
      String building,
      String unit,
      int households,
      int residents,
      String gridCode,
      double lon,
      double lat) {}

  /**
   * How many addresses lie in grids of a jurisdiction's subtree (and of {@code subtree}, an area
   * code, when not {@code null}) and in the lon/lat box (when not {@code null}).
   */
  public long countFeatures(Jurisdiction jurisdiction, String subtree, double[] box) {
    List<Object> args = new ArrayList<>();
    String where = featureWhere(jurisdiction, subtree, box, args);
    return jdbc.queryForObject("SELECT count(*) FROM address WHERE " + where, Long.class, args.toArray());
  }

  /** One page of {@link #countFeatures}'s addresses, by code. */
  public List<AddressFeature> featurePage(Jurisdiction jurisdiction, String subtree, double[] box, long offset, int limit) {
    List<Object> args = new ArrayList<>();
    String where = featureWhere(jurisdiction, subtree, box, args);
    args.add(offset);
    args.add(limit);
    return jdbc.query(
        FEATURE_COLUMNS + " FROM address WHERE " + where + " ORDER BY code OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
        (rs, i) -> feature(rs),
        args.toArray());
  }

  /**
   * Streams {@link #countFeatures}'s addresses, by code, to {@code visitor} from an open cursor
   * (constant memory; the visitor runs inside this read-only transaction).
   */
  public void forEachFeature(Jurisdiction jurisdiction, String subtree, double[] box, Consumer<AddressFeature> visitor) {
    List<Object> args = new ArrayList<>();
    String where = featureWhere(jurisdiction, subtree, box, args);
    jdbc.query(
        con -> {
          PreparedStatement ps = con.prepareStatement(FEATURE_COLUMNS + " FROM address WHERE " + where + " ORDER BY code");
          ps.setFetchSize(2000);
          for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
          }
          return ps;
        },
        (RowCallbackHandler) rs -> visitor.accept(feature(rs)));
  }

  /** The address with this code, if its grid lies in the jurisdiction. */
  public Optional<AddressFeature> findFeature(String code, Jurisdiction jurisdiction) {
    List<Object> args = new ArrayList<>();
    String where = featureWhere(jurisdiction, null, null, args) + " AND code = ?";
    args.add(code);
    return jdbc.query(FEATURE_COLUMNS + " FROM address WHERE " + where, (rs, i) -> feature(rs), args.toArray())
        .stream()
        .findFirst();
  }

  /** {@code [minLon, minLat, maxLon, maxLat]} of {@link #countFeatures}'s addresses, or {@code null}. */
  public double[] featureExtent(Jurisdiction jurisdiction) {
    List<Object> args = new ArrayList<>();
    String where = featureWhere(jurisdiction, null, null, args);
    return jdbc.queryForObject(
        "SELECT min(ST_X(location)), min(ST_Y(location)), max(ST_X(location)), max(ST_Y(location)) FROM address WHERE " + where,
        (rs, i) -> rs.getObject(1) == null ? null : new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)},
        args.toArray());
  }

  private static final String FEATURE_COLUMNS =
      "SELECT code, full_text, road, number, building, unit, households, residents, grid_code, ST_X(location), ST_Y(location)";

  private static String featureWhere(Jurisdiction jurisdiction, String subtree, double[] box, List<Object> args) {
    var where = new StringBuilder("1 = 1");
    if (!jurisdiction.everywhere()) {
      where.append(" AND grid_code LIKE ?");
      args.add(jurisdiction.likePattern());
    }
    if (subtree != null) {
      where.append(" AND grid_code LIKE ?");
      args.add(subtree + "%");
    }
    if (box != null) {
      // && alone compares PostGIS's float4 index boxes and lets points just outside through.
      where.append(" AND location && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_Intersects(location, ST_MakeEnvelope(?, ?, ?, ?, 4326))");
      for (int i = 0; i < 2; i++) {
        for (double d : box) {
          args.add(d);
        }
      }
    }
    return where.toString();
  }

  private static AddressFeature feature(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new AddressFeature(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getInt(7),
        rs.getInt(8),
        rs.getString(9),
        rs.getDouble(10),
        rs.getDouble(11));
  }

  /** An address point with the grid code it is filed under. */
  public record GridAddress(long id, double lon, double lat, String gridCode) {}

  /**
   * The addresses whose point lies in the lon/lat box, and those filed under the grid wherever they
   * lie (two indexed queries, one answer without repeats): what an import that redraws the grid
   * must locate again.
   */
  public List<GridAddress> gridAddresses(double minLon, double minLat, double maxLon, double maxLat, String gridCode) {
    return jdbc.query(
        "SELECT id, ST_X(location), ST_Y(location), grid_code FROM address "
            + "WHERE location && ST_MakeEnvelope(?, ?, ?, ?, 4326) "
            + "UNION SELECT id, ST_X(location), ST_Y(location), grid_code FROM address WHERE grid_code = ?",
        (rs, i) -> new GridAddress(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getString(4)),
        minLon, minLat, maxLon, maxLat, gridCode);
  }

  /**
   * The addresses whose point lies in any of the lon/lat boxes ({@code [minLon, minLat, maxLon,
   * maxLat]} each), with the grid each is filed under; an address in several boxes comes once. One
   * query of index lookups ({@code &&} per box, joined by {@code UNION}) per 50 boxes.
   */
  public List<GridAddress> gridAddressesIn(List<double[]> boxes) {
    var found = new java.util.LinkedHashMap<Long, GridAddress>();
    for (int start = 0; start < boxes.size(); start += 50) {
      List<double[]> part = boxes.subList(start, Math.min(boxes.size(), start + 50));
      String one = "SELECT id, ST_X(location), ST_Y(location), grid_code FROM address WHERE location && ST_MakeEnvelope(?, ?, ?, ?, 4326)";
      String sql = String.join(" UNION ", java.util.Collections.nCopies(part.size(), one));
      Object[] args = new Object[part.size() * 4];
      for (int i = 0; i < part.size(); i++) {
        for (int k = 0; k < 4; k++) {
          args[i * 4 + k] = part.get(i)[k];
        }
      }
      jdbc.query(
          sql,
          (RowCallbackHandler) rs -> {
            found.putIfAbsent(rs.getLong(1), new GridAddress(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getString(4)));
          },
          args);
    }
    return List.copyOf(found.values());
  }

  /** How many addresses are filed under each grid whose code matches the {@code LIKE} pattern. */
  public Map<String, Long> countsByGrid(String gridPattern) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    jdbc.query(
        "SELECT grid_code, count(*) FROM address WHERE grid_code LIKE ? GROUP BY grid_code",
        (RowCallbackHandler) rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        },
        gridPattern);
    return counts;
  }

  /** Sets the grid code of addresses (after a publish moved them to other grids): code → address ids. */
  @Transactional
  public void assignGrids(Map<String, List<Long>> idsByGridCode) {
    idsByGridCode.forEach(
        (code, ids) -> {
          for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object> args = new ArrayList<>();
            args.add(code);
            args.addAll(chunk);
            jdbc.update(
                "UPDATE address SET grid_code = ? WHERE id IN (" + String.join(",", chunk.stream().map(x -> "?").toList()) + ")",
                args.toArray());
          }
        });
  }

  // --- import (org.wangge.exchange) -----------------------------------------------------------

  /** Which of these address codes are stored. */
  public java.util.Set<String> existingCodes(Collection<String> codes) {
    java.util.Set<String> found = new java.util.HashSet<>();
    List<String> all = new ArrayList<>(codes);
    for (int from = 0; from < all.size(); from += 1000) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + 1000));
      jdbc.query(
          "SELECT code FROM address WHERE code IN (" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")",
          rs -> {
            found.add(rs.getString(1));
          },
          chunk.toArray());
    }
    return found;
  }

  /** Inserts addresses in the caller's transaction without announcing them (see {@link #announceImported}). */
  @Transactional
  public void insertAddresses(Collection<AddressRecord> records) {
    var wkb = new WKBWriter(2);
    List<AddressRecord> all = new ArrayList<>(records);
    jdbc.batchUpdate(
        """
        INSERT INTO address (code, full_text, road, number, building, unit, location,
                             households, residents, grid_code)
        VALUES (?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326), ?, ?, ?)""",
        all,
        BATCH,
        (PreparedStatement ps, AddressRecord a) -> {
          ps.setString(1, a.code());
          ps.setString(2, a.fullText());
          ps.setString(3, a.road());
          ps.setString(4, a.number());
          ps.setString(5, a.building());
          ps.setString(6, a.unit());
          ps.setBytes(7, wkb.write(Wgs84.point(a.lon(), a.lat())));
          ps.setInt(8, a.households());
          ps.setInt(9, a.residents());
          ps.setString(10, a.gridCode());
        });
  }

  /** Updates stored addresses in place by code, in the caller's transaction. */
  @Transactional
  public void updateAddresses(Collection<AddressRecord> records) {
    var wkb = new WKBWriter(2);
    List<AddressRecord> all = new ArrayList<>(records);
    jdbc.batchUpdate(
        """
        UPDATE address SET full_text = ?, road = ?, number = ?, building = ?, unit = ?,
                           location = ST_GeomFromWKB(?, 4326), households = ?, residents = ?, grid_code = ?
        WHERE code = ?""",
        all,
        BATCH,
        (PreparedStatement ps, AddressRecord a) -> {
          ps.setString(1, a.fullText());
          ps.setString(2, a.road());
          ps.setString(3, a.number());
          ps.setString(4, a.building());
          ps.setString(5, a.unit());
          ps.setBytes(6, wkb.write(Wgs84.point(a.lon(), a.lat())));
          ps.setInt(7, a.households());
          ps.setInt(8, a.residents());
          ps.setString(9, a.gridCode());
          ps.setString(10, a.code());
        });
  }

  /** Announces {@link AddressesImported} (the geocoder rebuilds after the transaction commits). */
  public void announceImported(int count) {
    events.publishEvent(new AddressesImported(count));
  }
}
