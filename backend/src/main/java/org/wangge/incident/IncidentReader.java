package org.wangge.incident;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Point;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.spatial.Wgs84;
import org.wangge.team.MemberRef;
import org.wangge.team.TeamService;
import org.wangge.web.NameMask;
import org.wangge.web.PhoneMask;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.springframework.data.jpa.domain.Specification;

/** Reads incidents as API views: one, a filtered page, possible duplicates, photos. */
@Service
@Transactional(readOnly = true)
class IncidentReader {

  private final IncidentRepository incidents;
  private final TeamService teams;
  private final JdbcTemplate jdbc;
  private final IncidentProperties properties;
  private final CurrentUser currentUser;
  private final EntityManager entityManager;
  private final PhotoStore photoStore;

  IncidentReader(
      IncidentRepository incidents,
      TeamService teams,
      JdbcTemplate jdbc,
      IncidentProperties properties,
      CurrentUser currentUser,
      EntityManager entityManager,
      PhotoStore photoStore) {
    this.entityManager = entityManager;
    this.photoStore = photoStore;
    this.incidents = incidents;
    this.teams = teams;
    this.jdbc = jdbc;
    this.properties = properties;
    this.currentUser = currentUser;
  }

  /**
   * The case with this id if it lies inside the jurisdiction (the test is part of the query), with
   * its possible duplicates (the case card offers them as originals to merge into).
   */
  Optional<IncidentView> view(long id, Jurisdiction jurisdiction) {
    return find(id, jurisdiction).map(incident -> view(incident, true));
  }

  /** A case whatever the jurisdiction: for the intake's own answers and receipts. */
  Optional<IncidentView> view(long id, boolean withDuplicates) {
    return incidents.findById(id).map(incident -> view(incident, withDuplicates));
  }

  /** The case with this number (yyyyMMdd + serial) if it lies inside the jurisdiction. */
  Optional<IncidentView> viewByNumber(String number, Jurisdiction jurisdiction) {
    Specification<Incident> byNumber = (root, query, cb) -> cb.equal(root.get("number"), number);
    return incidents
        .findOne(byNumber.and(IncidentFilter.inside(jurisdiction, departmentId(jurisdiction))))
        .map(incident -> view(incident, false));
  }

  Optional<Incident> find(long id, Jurisdiction jurisdiction) {
    Specification<Incident> byId = (root, query, cb) -> cb.equal(root.get("id"), id);
    return incidents.findOne(byId.and(IncidentFilter.inside(jurisdiction, departmentId(jurisdiction))));
  }

  private Long departmentId(Jurisdiction jurisdiction) {
    return jurisdiction.departmentCasesOnly() ? teams.departmentIds().get(jurisdiction.departmentCode()) : null;
  }

  /** The reporter's name and phone, unmasked; the caller checks the role and audits the read. */
  record ReporterContact(long incidentId, String number, String areaCode, String reporterName, String reporterPhone) {}

  Optional<ReporterContact> reporterContact(long id, Jurisdiction jurisdiction) {
    return find(id, jurisdiction)
        .map(
            i ->
                new ReporterContact(
                    i.id(), i.number(), i.gridCode() != null ? i.gridCode() : i.areaCode(), i.reporterName(), i.reporterPhone()));
  }

  private IncidentView view(Incident incident, boolean withDuplicates) {
    long id = incident.id();
    Map<Long, MemberRef> members =
        incident.assigneeId() == null ? Map.of() : teams.membersByIds(Set.of(incident.assigneeId()));
    return toView(
        incident,
        members,
        teams.departmentCodes(),
        photos(id),
        withDuplicates ? possibleDuplicates(incident) : null);
  }

  /**
   * The view of a case just stored, from the entity and the routed assignee in hand (no re-read),
   * with its possible duplicates.
   */
  IncidentView created(Incident incident, MemberRef assignee, boolean hasPhotos) {
    Map<Long, MemberRef> members = assignee == null ? Map.of() : Map.of(assignee.id(), assignee);
    Map<Long, String> departments = incident.departmentId() == null ? Map.of() : teams.departmentCodes();
    return toView(
        incident, members, departments, hasPhotos ? photos(incident.id()) : List.of(), possibleDuplicates(incident));
  }

  Page<IncidentView> search(IncidentFilter filter, Jurisdiction jurisdiction, Pageable page) {
    Page<Incident> found =
        incidents.findAll(
            filter.toSpecification().and(IncidentFilter.inside(jurisdiction, departmentId(jurisdiction))), page);
    Set<Long> assignees = new HashSet<>();
    found.forEach(i -> {
      if (i.assigneeId() != null) {
        assignees.add(i.assigneeId());
      }
    });
    Map<Long, MemberRef> members = teams.membersByIds(assignees);
    Map<Long, String> departments = teams.departmentCodes();
    return found.map(i -> toView(i, members, departments, null, null));
  }

  /**
   * Cases as compact rows for the map (see {@code GET /api/incidents/points}).
   *
   * @param total every case matching the filters in the jurisdiction
   * @param truncated whether more than the limit matched (then {@code rows} holds the newest)
   * @param fields the names of each row's values, in order ({@link #POINT_FIELDS})
   */
  record Points(long total, boolean truncated, List<String> fields, List<Object[]> rows) {}

  /**
   * The values of a point row: {@code overdue} is an open case past its deadline ({@code due_at}
   * before now), as on the key and risk lists; {@code urgeLevel} 0 none, 1 yellow, 2 red.
   */
  static final List<String> POINT_FIELDS =
      List.of(
          "id", "number", "lon", "lat", "status", "risk", "urgeLevel", "overdue", "categoryCode", "source",
          "reportedAt", "gridCode");

  /**
   * The newest {@code limit} cases matching the filter inside the jurisdiction, newest first: one
   * projection query of the columns the rows need (no entities, no views), with the same criteria
   * as {@link #search}, and a count only when the limit cut the list.
   */
  Points points(IncidentFilter filter, Jurisdiction jurisdiction, int limit, Instant now) {
    Specification<Incident> where =
        filter.toSpecification().and(IncidentFilter.inside(jurisdiction, departmentId(jurisdiction)));
    CriteriaBuilder cb = entityManager.getCriteriaBuilder();
    CriteriaQuery<Tuple> query = cb.createTupleQuery();
    Root<Incident> root = query.from(Incident.class);
    query.multiselect(
        root.get("id"),
        root.get("number"),
        root.get("location"),
        root.get("status"),
        root.get("risk"),
        root.get("urgeLevel"),
        root.get("dueAt"),
        root.get("category").get("code"),
        root.get("source"),
        root.get("reportedAt"),
        root.get("gridCode"));
    Predicate predicate = where.toPredicate(root, query, cb);
    if (predicate != null) {
      query.where(predicate);
    }
    query.orderBy(cb.desc(root.get("reportedAt")), cb.desc(root.get("id")));
    List<Tuple> found = entityManager.createQuery(query).setMaxResults(limit + 1).getResultList();
    boolean truncated = found.size() > limit;
    List<Object[]> rows = new java.util.ArrayList<>(Math.min(found.size(), limit));
    for (Tuple t : found.subList(0, Math.min(found.size(), limit))) {
      Point location = (Point) t.get(2);
      IncidentStatus status = (IncidentStatus) t.get(3);
      Instant due = (Instant) t.get(6);
      rows.add(
          new Object[] {
            t.get(0),
            t.get(1),
            location.getX(),
            location.getY(),
            status,
            t.get(4),
            t.get(5),
            status.isOpen() && due != null && due.isBefore(now),
            t.get(7),
            t.get(8),
            t.get(9),
            t.get(10)
          });
    }
    long total = truncated ? count(where) : rows.size();
    return new Points(total, truncated, POINT_FIELDS, rows);
  }

  private long count(Specification<Incident> where) {
    CriteriaBuilder cb = entityManager.getCriteriaBuilder();
    CriteriaQuery<Long> query = cb.createQuery(Long.class);
    Root<Incident> root = query.from(Incident.class);
    query.select(cb.count(root));
    Predicate predicate = where.toPredicate(root, query, cb);
    if (predicate != null) {
      query.where(predicate);
    }
    return entityManager.createQuery(query).getSingleResult();
  }

  /**
   * Open incidents of the same category within the category's radius and the configured window
   * before this one, nearest first; distances on the sphere in metres. Only those the signed-in
   * caller may see (in the query); none for an anonymous caller, who gets a receipt view anyway.
   */
  List<IncidentView.DuplicateRef> possibleDuplicates(Incident incident) {
    Optional<Jurisdiction> caller = currentUser.jurisdiction();
    if (caller.isEmpty()) {
      return List.of();
    }
    return possibleDuplicates(
        incident.category(),
        incident.location().getX(),
        incident.location().getY(),
        incident.reportedAt(),
        incident.id(),
        caller.get());
  }

  /**
   * The same rule for a report not yet made (the intake desk asks before submitting): open cases
   * of {@code category} within its radius of the point, reported in the window before {@code at},
   * that {@code j} may see, nearest first; {@code excludeId} is the case itself (or -1).
   */
  List<IncidentView.DuplicateRef> possibleDuplicates(
      Category category, double lon, double lat, Instant at, long excludeId, Jurisdiction j) {
    var sql =
        new StringBuilder(
            """
            SELECT id, number, status, reported_at, ST_X(location), ST_Y(location) FROM incident i
            WHERE category_id = ? AND id <> ? AND reported_at >= ? AND reported_at <= ?
              AND status IN ('REPORTED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'HANDLED')
              AND location && ST_MakeEnvelope(?, ?, ?, ?, 4326)""");
    double radius = category.dedupRadiusMetres();
    double dLon = Wgs84.metresToDegreesLon(radius, lat);
    double dLat = Wgs84.metresToDegreesLat(radius);
    Instant since = at.minus(Duration.ofHours(properties.duplicateWindowHours()));
    List<Object> args =
        new java.util.ArrayList<>(
            List.of(
                category.id(),
                excludeId,
                java.sql.Timestamp.from(since),
                java.sql.Timestamp.from(at),
                lon - dLon,
                lat - dLat,
                lon + dLon,
                lat + dLat));
    CaseScope.appendInside(sql, args, j, departmentId(j));
    // Plain SQL: the envelope test (&&) uses the spatial index on both databases, and the plan is
    // not rebuilt per call as a criteria query would be (this runs on every report).
    return jdbc
        .query(
            sql.toString(),
            (rs, i) ->
                new IncidentView.DuplicateRef(
                    rs.getLong(1),
                    rs.getString(2),
                    IncidentStatus.valueOf(rs.getString(3)),
                    rs.getTimestamp(4).toInstant(),
                    Math.round(Wgs84.distanceMetres(lon, lat, rs.getDouble(5), rs.getDouble(6)) * 10) / 10.0),
            args.toArray())
        .stream()
        .filter(d -> d.distanceMetres() <= radius)
        .sorted(Comparator.comparingDouble(IncidentView.DuplicateRef::distanceMetres))
        .toList();
  }

  /** The window of the duplicate rule, in hours before a report. */
  int duplicateWindowHours() {
    return (int) properties.duplicateWindowHours();
  }

  /** A caller's earlier case, as the intake desk lists it. */
  record EarlierCase(
      long id,
      String number,
      IncidentStatus status,
      String categoryCode,
      String categoryName,
      Instant reportedAt,
      Instant dueAt,
      String gridCode,
      String description,
      String mergedInto) {}

  /** Up to {@code limit} cases (newest first) and how many there are in all. */
  record EarlierCases(long total, List<EarlierCase> cases) {}

  /**
   * The cases reported from the phone whose keyed hash is {@code phoneHash} that {@code j} may see
   * (the test is part of the query), newest first.
   */
  EarlierCases earlierCases(String phoneHash, Jurisdiction j, int limit) {
    var where = new StringBuilder(" FROM incident i JOIN category c ON c.id = i.category_id WHERE i.reporter_phone_hash = ?");
    List<Object> args = new java.util.ArrayList<>(List.of(phoneHash));
    CaseScope.appendInside(where, args, j, departmentId(j));
    long total = jdbc.queryForObject("SELECT count(*)" + where, Long.class, args.toArray());
    if (total == 0) {
      return new EarlierCases(0, List.of());
    }
    List<EarlierCase> cases =
        jdbc.query(
            "SELECT i.id, i.number, i.status, c.code, c.name, i.reported_at, i.due_at, i.grid_code, i.description,"
                + " (SELECT o.number FROM incident o WHERE o.id = i.merged_into)"
                + where
                + " ORDER BY i.reported_at DESC, i.id DESC FETCH FIRST " + limit + " ROWS ONLY",
            (rs, n) ->
                new EarlierCase(
                    rs.getLong(1),
                    rs.getString(2),
                    IncidentStatus.valueOf(rs.getString(3)),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getTimestamp(6).toInstant(),
                    rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10)),
            args.toArray());
    return new EarlierCases(total, cases);
  }

  private List<IncidentView.PhotoRef> photos(long incidentId) {
    return photoStore.ofIncident(incidentId);
  }

  /** A stored photo's type and bytes. */
  record PhotoData(String contentType, byte[] data, String sha256) {}

  /** A photo of a case inside the jurisdiction (the test is part of the query). */
  Optional<PhotoData> photo(long incidentId, long photoId, Jurisdiction jurisdiction) {
    var sql =
        new StringBuilder(
            """
            SELECT p.content_type, p.data, p.sha256 FROM incident_photo p JOIN incident i ON i.id = p.incident_id
            WHERE p.incident_id = ? AND p.id = ?""");
    List<Object> args = new java.util.ArrayList<>(List.of(incidentId, photoId));
    CaseScope.appendInside(sql, args, jurisdiction, departmentId(jurisdiction));
    return jdbc
        .query(
            sql.toString(),
            (rs, i) -> new PhotoData(rs.getString(1), rs.getBytes(2), rs.getString(3)),
            args.toArray())
        .stream()
        .findFirst();
  }

  private static IncidentView toView(
      Incident i,
      Map<Long, MemberRef> members,
      Map<Long, String> departments,
      List<IncidentView.PhotoRef> photos,
      List<IncidentView.DuplicateRef> duplicates) {
    return new IncidentView(
        i.id(),
        i.number(),
        new IncidentView.CategoryRef(i.category().code(), i.category().name()),
        i.source(),
        i.risk(),
        i.status(),
        i.description(),
        i.location().getX(),
        i.location().getY(),
        i.addressId(),
        i.gridCode() == null ? null : new IncidentView.GridRef(i.gridId(), i.gridCode(), i.gridVersion()),
        i.areaCode(),
        i.assigneeId() == null ? null : IncidentView.AssigneeRef.of(members.get(i.assigneeId())),
        i.departmentId() == null ? null : departments.get(i.departmentId()),
        i.communityQueue(),
        new IncidentView.RoutingView(i.routingReason(), i.routingDetail(), i.routingDistanceMetres()),
        i.reportedAt(),
        i.warningAt(),
        i.dueAt(),
        i.closedAt(),
        NameMask.mask(i.reporterName()),
        PhoneMask.mask(i.reporterPhone()),
        photos,
        duplicates,
        null,
        IncidentView.LoopView.of(i),
        ReportQuestions.shown(i.category(), i.answers()));
  }
}
