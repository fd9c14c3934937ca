package org.wangge.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.wangge.dispatch.WorkingCalendar;
import org.wangge.spatial.Wgs84;

/**
 * Stores and reads a case's photos with their capture facts ({@link CaptureFacts}: the file's EXIF
 * preferred over the phone's {@code photoFacts}), and checks handling photos (those sent with an
 * action, such as the handler's feedback) against faking: {@link #TAKEN_BEFORE_DISPATCH} when
 * taken before the case was first dispatched (for a case routed at intake, before it was
 * reported), {@link #FAR_FROM_CASE} when taken more than {@code
 * wangge.field.photo-max-distance-metres} from the case (great-circle distance). A photo without
 * a capture time or position is not flagged for what it lacks. The callers' transactions hold.
 */
@Component
class PhotoStore {

  static final String TAKEN_BEFORE_DISPATCH = "TAKEN_BEFORE_DISPATCH";
  static final String FAR_FROM_CASE = "FAR_FROM_CASE";

  private static final String COLUMNS =
      "id, content_type, size_bytes, sha256, event_id, taken_at, taken_at_source, taken_lon, taken_lat, position_source,"
          + " distance_metres, flags";

  private final JdbcTemplate jdbc;
  private final WorkingCalendar calendar;
  private final FieldChecksProperties checks;

  PhotoStore(JdbcTemplate jdbc, WorkingCalendar calendar, FieldChecksProperties checks) {
    this.jdbc = jdbc;
    this.calendar = calendar;
    this.checks = checks;
  }

  /** Stores a report's photos (not checked: the reporter's photo shows the problem). */
  void storeReported(Incident incident, List<Photo> photos, Instant now) {
    for (Photo photo : photos) {
      insert(incident, null, photo, facts(photo), List.of(), now);
    }
  }

  /** Stores the photos of timeline entry {@code eventId}, each checked against faking. */
  void storeHandling(Incident incident, long eventId, List<Photo> photos, Instant now) {
    if (photos.isEmpty()) {
      return;
    }
    Timestamp firstDispatch =
        jdbc.queryForObject(
            "SELECT min(occurred_at) FROM incident_event WHERE incident_id = ? AND action = 'DISPATCH'",
            Timestamp.class,
            incident.id());
    Instant dispatchedAt = firstDispatch != null ? firstDispatch.toInstant() : incident.reportedAt();
    for (Photo photo : photos) {
      CaptureFacts facts = facts(photo);
      List<String> flags = new ArrayList<>();
      if (facts.takenAt() != null && facts.takenAt().isBefore(dispatchedAt)) {
        flags.add(TAKEN_BEFORE_DISPATCH);
      }
      if (facts.hasPosition() && distance(incident, facts) > checks.photoMaxDistanceMetres()) {
        flags.add(FAR_FROM_CASE);
      }
      insert(incident, eventId, photo, facts, flags, now);
    }
  }

  private CaptureFacts facts(Photo photo) {
    return photo.clientFacts().overriddenBy(CaptureFacts.fromExif(photo.data(), calendar.zone()));
  }

  private static double distance(Incident incident, CaptureFacts facts) {
    return Wgs84.distanceMetres(facts.lon(), facts.lat(), incident.location().getX(), incident.location().getY());
  }

  private void insert(Incident incident, Long eventId, Photo photo, CaptureFacts facts, List<String> flags, Instant now) {
    Double distance = facts.hasPosition() ? Math.round(distance(incident, facts) * 10) / 10.0 : null;
    jdbc.update(
        """
        INSERT INTO incident_photo (incident_id, content_type, size_bytes, sha256, data, created_at, event_id,
          taken_at, taken_at_source, taken_lon, taken_lat, position_source, distance_metres, flags)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        incident.id(),
        photo.contentType(),
        photo.data().length,
        photo.sha256(),
        photo.data(),
        Timestamp.from(now),
        eventId,
        facts.takenAt() == null ? null : Timestamp.from(facts.takenAt()),
        facts.takenAtSource(),
        facts.lon(),
        facts.lat(),
        facts.positionSource(),
        distance,
        flags.isEmpty() ? null : String.join(",", flags));
  }

  /** Every photo of a case, oldest first. */
  List<IncidentView.PhotoRef> ofIncident(long incidentId) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM incident_photo WHERE incident_id = ? ORDER BY id",
        (rs, i) -> ref(incidentId, rs),
        incidentId);
  }

  /** The photos of a case's timeline entries, by entry id. */
  Map<Long, List<IncidentView.PhotoRef>> byEvent(long incidentId) {
    Map<Long, List<IncidentView.PhotoRef>> byEvent = new LinkedHashMap<>();
    jdbc.query(
        "SELECT " + COLUMNS + " FROM incident_photo WHERE incident_id = ? AND event_id IS NOT NULL ORDER BY id",
        rs -> {
          var ref = ref(incidentId, rs);
          byEvent.computeIfAbsent(ref.eventId(), k -> new ArrayList<>()).add(ref);
        },
        incidentId);
    return byEvent;
  }

  private static IncidentView.PhotoRef ref(long incidentId, ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    long event = rs.getLong(5);
    Long eventId = rs.wasNull() ? null : event;
    Timestamp takenAt = rs.getTimestamp(6);
    String flags = rs.getString(12);
    return new IncidentView.PhotoRef(
        id,
        rs.getString(2),
        rs.getInt(3),
        rs.getString(4),
        "/api/incidents/" + incidentId + "/photos/" + id,
        eventId,
        takenAt == null ? null : takenAt.toInstant(),
        rs.getString(7),
        rs.getObject(8, Double.class),
        rs.getObject(9, Double.class),
        rs.getString(10),
        rs.getObject(11, Double.class),
        flags == null ? List.of() : Arrays.asList(flags.split(",")));
  }
}
