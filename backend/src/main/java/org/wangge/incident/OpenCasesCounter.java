package org.wangge.incident;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.wangge.dispatch.OpenCases;

/** Counts each member's open cases for the dispatcher's workload tie-break. */
@Component
class OpenCasesCounter implements OpenCases {

  private final NamedParameterJdbcTemplate jdbc;

  OpenCasesCounter(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<Long, Integer> countByAssignee(Collection<Long> memberIds) {
    Map<Long, Integer> counts = new HashMap<>();
    if (memberIds.isEmpty()) {
      return counts;
    }
    jdbc.query(
        """
        SELECT assignee_id, count(*) FROM incident
        WHERE assignee_id IN (:ids)
          AND status NOT IN ('CLOSED', 'FOLLOWED_UP', 'CANCELLED')
        GROUP BY assignee_id""",
        Map.of("ids", memberIds),
        rs -> {
          counts.put(rs.getLong(1), rs.getInt(2));
        });
    return counts;
  }
}
