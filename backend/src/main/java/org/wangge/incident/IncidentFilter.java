package org.wangge.incident;

import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Polygon;
import org.springframework.data.jpa.domain.Specification;
import org.wangge.gisdata.model.IncidentSource;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.gisdata.model.Risk;
import org.wangge.security.Jurisdiction;

/**
 * Filters of {@code GET /api/incidents}; every field is optional and they combine with AND.
 *
 * @param box {@code [minLon, minLat, maxLon, maxLat]}
 * @param areaCode an area code: its whole subtree (grid codes start with their ancestors' codes)
 * @param categoryCode a major class (all its minor classes) or a minor class
 * @param from reported at or after
 * @param to reported before
 */
record IncidentFilter(
    double[] box,
    String areaCode,
    String gridCode,
    Set<IncidentStatus> statuses,
    String categoryCode,
    Set<Risk> risks,
    Set<IncidentSource> sources,
    Instant from,
    Instant to) {

  /**
   * Cases inside a jurisdiction: routed to a grid (or, failing a grid, an area) in its subtree; for
   * a department officer, only those of the department or those it was called in to ({@code
   * departmentId}, {@code -1} when the department is unknown so that nothing matches).
   */
  static Specification<Incident> inside(Jurisdiction jurisdiction, Long departmentId) {
    return (root, query, cb) -> {
      List<Predicate> where = new ArrayList<>();
      if (!jurisdiction.everywhere()) {
        where.add(
            cb.or(
                cb.like(root.get("gridCode"), jurisdiction.likePattern()),
                cb.and(cb.isNull(root.get("gridCode")), cb.like(root.get("areaCode"), jurisdiction.likePattern()))));
      }
      if (jurisdiction.departmentCasesOnly()) {
        // The department's own cases, and those it was called in to (吹哨).
        long department = departmentId == null ? -1L : departmentId;
        var calledIn = query.subquery(Long.class);
        var whistle = calledIn.from(Whistle.class);
        calledIn.select(whistle.get("incidentId")).where(cb.equal(whistle.get("departmentId"), department));
        where.add(cb.or(cb.equal(root.get("departmentId"), department), root.get("id").in(calledIn)));
      }
      return cb.and(where.toArray(Predicate[]::new));
    };
  }

  Specification<Incident> toSpecification() {
    return (root, query, cb) -> {
      List<Predicate> where = new ArrayList<>();
      if (box != null) {
        var envelope =
            cb.function(
                "st_makeenvelope",
                Polygon.class,
                cb.literal(box[0]),
                cb.literal(box[1]),
                cb.literal(box[2]),
                cb.literal(box[3]),
                cb.literal(4326));
        where.add(cb.isTrue(cb.function("bbox_intersects", Boolean.class, root.get("location"), envelope)));
      }
      if (areaCode != null) {
        where.add(
            cb.or(
                cb.like(root.get("gridCode"), areaCode + "%"),
                cb.like(root.get("areaCode"), areaCode + "%")));
      }
      if (gridCode != null) {
        where.add(cb.equal(root.get("gridCode"), gridCode));
      }
      if (statuses != null && !statuses.isEmpty()) {
        where.add(root.get("status").in(statuses));
      }
      if (categoryCode != null) {
        where.add(cb.like(root.get("category").get("code"), categoryCode + "%"));
      }
      if (risks != null && !risks.isEmpty()) {
        where.add(root.get("risk").in(risks));
      }
      if (sources != null && !sources.isEmpty()) {
        where.add(root.get("source").in(sources));
      }
      if (from != null) {
        where.add(cb.greaterThanOrEqualTo(root.get("reportedAt"), from));
      }
      if (to != null) {
        where.add(cb.lessThan(root.get("reportedAt"), to));
      }
      return cb.and(where.toArray(Predicate[]::new));
    };
  }
}
