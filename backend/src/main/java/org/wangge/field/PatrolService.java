package org.wangge.field;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.address.AddressService;

/**
 * Patrols as other features need them: whether a patrol is a member's own (a report made on
 * patrol names it), and patrol coverage (巡查覆盖率) per grid.
 */
@Service
@Transactional(readOnly = true)
public class PatrolService {

  /** How near a track an address must lie to count as patrolled, in metres. */
  public static final double COVERAGE_DISTANCE_METRES = 50;

  private final JdbcTemplate jdbc;
  private final AddressService addresses;

  PatrolService(JdbcTemplate jdbc, AddressService addresses) {
    this.jdbc = jdbc;
    this.addresses = addresses;
  }

  /** Whether the patrol exists and is the member's. */
  public boolean isOwnPatrol(long patrolId, String memberCode) {
    Integer n = jdbc.queryForObject("SELECT count(*) FROM patrol WHERE id = ? AND member_code = ?", Integer.class, patrolId, memberCode);
    return n != null && n > 0;
  }

  /**
   * A grid's patrol coverage over a period.
   *
   * @param addresses the standard addresses filed under the grid now
   * @param covered of the grid's addresses, those within {@value #COVERAGE_DISTANCE_METRES} m of the
   *     track of a patrol started in the period (as filed when the track was last uploaded)
   */
  public record GridCoverage(String gridCode, long addresses, long covered) {

    /** {@code covered / addresses}, 4 decimals, at most 1; {@code null} for a grid without addresses. */
    public Double rate() {
      if (addresses == 0) {
        return null;
      }
      return Math.round(Math.min(1.0, (double) covered / addresses) * 10_000) / 10_000.0;
    }
  }

  /**
   * Patrol coverage of every grid in an area's subtree that has addresses, by grid code: the share
   * of its standard addresses within {@value #COVERAGE_DISTANCE_METRES} m of the track of a patrol
   * started in {@code [from, to)} (whoever patrolled). For a week (Monday to Monday in the
   * calendar's zone) this is the weekly coverage. Two aggregate queries: the addresses each
   * patrol's track passes are kept when its points are uploaded (table {@code patrol_address}),
   * so the cost does not grow with the number of addresses or grids, only with the patrols.
   */
  public Map<String, GridCoverage> coverage(String areaCode, Instant from, Instant to) {
    Map<String, Long> covered = new TreeMap<>();
    jdbc.query(
        """
        SELECT pa.grid_code, count(DISTINCT pa.address_id) FROM patrol_address pa
        JOIN patrol p ON p.id = pa.patrol_id
        WHERE p.started_at >= ? AND p.started_at < ? AND pa.grid_code LIKE ?
        GROUP BY pa.grid_code""",
        (RowCallbackHandler) rs -> {
          covered.put(rs.getString(1), rs.getLong(2));
        },
        Timestamp.from(from),
        Timestamp.from(to),
        areaCode + "%");
    Map<String, GridCoverage> byGrid = new TreeMap<>();
    addresses
        .countsByGrid(areaCode + "%")
        .forEach((grid, count) -> byGrid.put(grid, new GridCoverage(grid, count, covered.getOrDefault(grid, 0L))));
    return byGrid;
  }
}
