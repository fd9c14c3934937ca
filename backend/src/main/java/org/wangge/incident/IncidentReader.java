package org.wangge.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.spatial.Wgs84;
import org.wangge.team.MemberRef;
import org.wangge.team.TeamService;
import org.wangge.web.PhoneMask;

/** Reads incidents as API views: one, a filtered page, possible duplicates, photos. */
@Service
@Transactional(readOnly = true)
class IncidentReader {

  private final IncidentRepository incidents;
  private final TeamService teams;
  private final JdbcTemplate jdbc;
  private final IncidentProperties properties;

  IncidentReader(IncidentRepository incidents, TeamService teams, JdbcTemplate jdbc, IncidentProperties properties) {
    this.incidents = incidents;
    this.teams = teams;
    this.jdbc = jdbc;
    this.properties = properties;
  }

  Optional<IncidentView> view(long id, boolean withDuplicates) {
    return incidents
        .findById(id)
        .map(
            incident -> {
              Map<Long, MemberRef> members =
                  incident.assigneeId() == null ? Map.of() : teams.membersByIds(Set.of(incident.assigneeId()));
              return toView(
                  incident,
                  members,
                  teams.departmentCodes(),
                  photos(id),
                  withDuplicates ? possibleDuplicates(incident) : null);
            });
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

  Page<IncidentView> search(IncidentFilter filter, Pageable page) {
    Page<Incident> found = incidents.findAll(filter.toSpecification(), page);
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
   * Open incidents of the same category within the category's radius and the configured window
   * before this one, nearest first; distances on the sphere in metres.
   */
  List<IncidentView.DuplicateRef> possibleDuplicates(Incident incident) {
    double lon = incident.location().getX();
    double lat = incident.location().getY();
    double radius = incident.category().dedupRadiusMetres();
    double dLon = Wgs84.metresToDegreesLon(radius, lat);
    double dLat = Wgs84.metresToDegreesLat(radius);
    Instant since = incident.reportedAt().minus(Duration.ofHours(properties.duplicateWindowHours()));
    // Plain SQL: the envelope test (&&) uses the spatial index on both databases, and the plan is
    // not rebuilt per call as a criteria query would be (this runs on every report).
    return jdbc
        .query(
            """
            SELECT id, number, status, reported_at, ST_X(location), ST_Y(location) FROM incident
            WHERE category_id = ? AND id <> ? AND reported_at >= ? AND reported_at <= ?
              AND status IN ('REPORTED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'HANDLED')
              AND location && ST_MakeEnvelope(?, ?, ?, ?, 4326)""",
            (rs, i) ->
                new IncidentView.DuplicateRef(
                    rs.getLong(1),
                    rs.getString(2),
                    IncidentStatus.valueOf(rs.getString(3)),
                    rs.getTimestamp(4).toInstant(),
                    Math.round(Wgs84.distanceMetres(lon, lat, rs.getDouble(5), rs.getDouble(6)) * 10) / 10.0),
            incident.category().id(),
            incident.id(),
            java.sql.Timestamp.from(since),
            java.sql.Timestamp.from(incident.reportedAt()),
            lon - dLon,
            lat - dLat,
            lon + dLon,
            lat + dLat)
        .stream()
        .filter(d -> d.distanceMetres() <= radius)
        .sorted(Comparator.comparingDouble(IncidentView.DuplicateRef::distanceMetres))
        .toList();
  }

  private List<IncidentView.PhotoRef> photos(long incidentId) {
    return jdbc.query(
        "SELECT id, content_type, size_bytes, sha256 FROM incident_photo WHERE incident_id = ? ORDER BY id",
        (rs, i) ->
            new IncidentView.PhotoRef(
                rs.getLong(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                "/api/incidents/" + incidentId + "/photos/" + rs.getLong(1)),
        incidentId);
  }

  /** A stored photo's type and bytes. */
  record PhotoData(String contentType, byte[] data, String sha256) {}

  Optional<PhotoData> photo(long incidentId, long photoId) {
    return jdbc
        .query(
            "SELECT content_type, data, sha256 FROM incident_photo WHERE incident_id = ? AND id = ?",
            (rs, i) -> new PhotoData(rs.getString(1), rs.getBytes(2), rs.getString(3)),
            incidentId,
            photoId)
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
        i.reporterName(),
        PhoneMask.mask(i.reporterPhone()),
        photos,
        duplicates);
  }
}
