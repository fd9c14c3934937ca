package org.wangge.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.wangge.Api;
import tools.jackson.databind.JsonNode;

/**
 * What phones send, over HTTP: photos' capture facts ({@code photoFacts} aligned with the photos;
 * the file's own EXIF read and preferred), the fake-photo flags on handling photos (taken before
 * dispatch, far from the case; shown on the timeline and the case), and queued items ({@code
 * observedAt}: stored, late after 7 days, refused in the future) — each refusal naming the field
 * and changing nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FieldChecksContract extends CaseFixtures {

  /** A PNG's signature and header start: enough for the intake's content check, no EXIF. */
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

  /** One multipart part. */
  record Part(String name, String filename, String contentType, byte[] body) {
    static Part json(String name, Object value) {
      return new Part(name, null, "application/json", JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
    }

    static Part photo(String filename, byte[] body) {
      return new Part("photos", filename, filename.endsWith(".png") ? "image/png" : "image/jpeg", body);
    }
  }

  HttpResponse<String> multipart(String user, String path, List<Part> parts) {
    String boundary = "wangge" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    for (Part p : parts) {
      String disposition = "form-data; name=\"" + p.name() + "\"" + (p.filename() == null ? "" : "; filename=\"" + p.filename() + "\"");
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\nContent-Type: " + p.contentType() + "\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(p.body());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return Api.send(
        as(user).request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  Coordinate caseAt(long id) {
    JsonNode view = JSON.readTree(as("operator-street").get("/api/incidents/" + id).body());
    return new Coordinate(view.get("lon").asDouble(), view.get("lat").asDouble());
  }

  Instant dispatchedAt(long id) {
    return jdbc.queryForObject(
            "SELECT min(occurred_at) FROM incident_event WHERE incident_id = ? AND action = 'DISPATCH'", java.sql.Timestamp.class, id)
        .toInstant();
  }

  static Map<String, Object> facts(Instant takenAt, double lon, double lat) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("takenAt", takenAt.toString());
    f.put("lon", lon);
    f.put("lat", lat);
    return f;
  }

  /** An accepted case's feedback (HANDLE) with photos and their facts; answers the HANDLE entry. */
  JsonNode handleWith(long id, List<Part> photos, List<Map<String, Object>> facts) {
    ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
    List<Part> parts = new ArrayList<>();
    parts.add(Part.json("action", Map.of("action", "HANDLE", "note", "已处理，见照片")));
    parts.addAll(photos);
    if (facts != null) {
      parts.add(Part.json("photoFacts", facts));
    }
    JsonNode timeline = ok(multipart("member-grid1", "/api/incidents/" + id + "/actions", parts));
    JsonNode handle = timeline.get("events").get(timeline.get("events").size() - 1);
    assertThat(handle.get("action").asString()).isEqualTo("HANDLE");
    return handle;
  }

  static List<String> flags(JsonNode photo) {
    List<String> flags = new ArrayList<>();
    photo.get("flags").forEach(f -> flags.add(f.asString()));
    return flags;
  }

  @Test
  void thePhonesPhotoFactsAreStoredWithAReportAndShownOnTheCase() {
    Coordinate c = interior(grid1);
    Instant taken = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("lon", c.x);
    report.put("lat", c.y);
    report.put("categoryCode", category);
    report.put("description", "路灯不亮（带拍摄信息）");
    report.put("source", "PATROL");
    var response =
        multipart(
            "operator-street",
            "/api/incidents",
            List.of(
                Part.json("report", report),
                Part.photo("a.png", PNG),
                Part.photo("b.png", PNG),
                Part.json("photoFacts", List.of(facts(taken, c.x + 0.0001, c.y)))));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    long id = JSON.readTree(response.body()).get("id").asLong();
    JsonNode photos = JSON.readTree(as("operator-street").get("/api/incidents/" + id).body()).get("photos");
    assertThat(photos.size()).isEqualTo(2);
    JsonNode first = photos.get(0);
    assertThat(Instant.parse(first.get("takenAt").asString())).isEqualTo(taken);
    assertThat(first.get("takenAtSource").asString()).isEqualTo("CLIENT");
    assertThat(first.get("lon").asDouble()).isEqualTo(c.x + 0.0001);
    assertThat(first.get("lat").asDouble()).isEqualTo(c.y);
    assertThat(first.get("distanceMetres").asDouble()).isBetween(5.0, 15.0);
    assertThat(flags(first)).isEmpty(); // a report's photo shows the problem: not checked
    JsonNode second = photos.get(1);
    assertThat(second.get("takenAt").isNull()).isTrue();
    assertThat(second.get("lon").isNull()).isTrue();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM incident_photo WHERE incident_id = ? AND taken_at IS NOT NULL AND taken_lon IS NOT NULL", Long.class, id))
        .isEqualTo(1L);
  }

  @Test
  void theFilesExifIsReadAndPreferredOverThePhonesFacts() {
    long id = dispatchedCase();
    Coordinate c = caseAt(id);
    // The file says: taken two days ago, about 1 km north of the case. The phone claims now, on the spot.
    OffsetDateTime exifTime = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(2).truncatedTo(ChronoUnit.SECONDS);
    byte[] jpeg = ExifJpeg.of(exifTime, c.x, c.y + 0.009);
    JsonNode handle = handleWith(id, List.of(Part.photo("after.jpg", jpeg)), List.of(facts(Instant.now(), c.x, c.y)));
    JsonNode photo = handle.get("photos").get(0);
    assertThat(Instant.parse(photo.get("takenAt").asString())).isEqualTo(exifTime.toInstant());
    assertThat(photo.get("takenAtSource").asString()).isEqualTo("EXIF");
    assertThat(photo.get("lat").asDouble()).isCloseTo(c.y + 0.009, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(photo.get("positionSource").asString()).isEqualTo("EXIF");
    assertThat(photo.get("distanceMetres").asDouble()).isBetween(950.0, 1050.0);
    assertThat(flags(photo)).containsExactly("TAKEN_BEFORE_DISPATCH", "FAR_FROM_CASE");
    // Stored per photo, and the photo itself is served unchanged.
    assertThat(
            jdbc.queryForObject(
                "SELECT taken_at_source || ',' || position_source || ',' || flags FROM incident_photo WHERE incident_id = ?", String.class, id))
        .isEqualTo("EXIF,EXIF,TAKEN_BEFORE_DISPATCH,FAR_FROM_CASE");
    var bytes =
        Api.send(as("operator-street").request(photo.get("url").asString()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(bytes.body()).isEqualTo(jpeg);
  }

  @Test
  void aHandlingPhotoTakenBeforeTheDispatchIsFlaggedOnTheTimelineAndTheCase() {
    long id = dispatchedCase();
    Coordinate c = caseAt(id);
    Instant before = dispatchedAt(id).minus(1, ChronoUnit.HOURS);
    JsonNode handle = handleWith(id, List.of(Part.photo("old.png", PNG)), List.of(facts(before, c.x, c.y)));
    JsonNode photo = handle.get("photos").get(0);
    assertThat(flags(photo)).containsExactly("TAKEN_BEFORE_DISPATCH");
    assertThat(photo.get("takenAtSource").asString()).isEqualTo("CLIENT");
    // The verifier sees the same on the case and its timeline.
    JsonNode view = JSON.readTree(as("leader-community").get("/api/incidents/" + id).body());
    assertThat(flags(view.get("photos").get(0))).containsExactly("TAKEN_BEFORE_DISPATCH");
    JsonNode timeline = JSON.readTree(as("leader-community").get("/api/incidents/" + id + "/timeline").body());
    JsonNode last = timeline.get("events").get(timeline.get("events").size() - 1);
    assertThat(flags(last.get("photos").get(0))).containsExactly("TAKEN_BEFORE_DISPATCH");
  }

  @Test
  void aHandlingPhotoOneKilometreAwayIsFlaggedFarFromTheCase() {
    long id = dispatchedCase();
    Coordinate c = caseAt(id);
    JsonNode handle =
        handleWith(id, List.of(Part.photo("far.png", PNG)), List.of(facts(Instant.now(), c.x + 0.0102, c.y)));
    JsonNode photo = handle.get("photos").get(0);
    assertThat(flags(photo)).containsExactly("FAR_FROM_CASE");
    assertThat(photo.get("distanceMetres").asDouble()).isBetween(950.0, 1050.0);
  }

  @Test
  void aCloseLaterPhotoAndOneWithoutFactsAreNotFlagged() {
    long id = dispatchedCase();
    Coordinate c = caseAt(id);
    JsonNode handle =
        handleWith(
            id,
            List.of(Part.photo("good.png", PNG), Part.photo("bare.png", PNG)),
            List.of(facts(Instant.now(), c.x + 0.0005, c.y + 0.0005)));
    assertThat(handle.get("photos").size()).isEqualTo(2);
    assertThat(flags(handle.get("photos").get(0))).isEmpty();
    assertThat(handle.get("photos").get(0).get("distanceMetres").asDouble()).isLessThan(200.0);
    assertThat(flags(handle.get("photos").get(1))).isEmpty();
    assertThat(handle.get("photos").get(1).get("takenAt").isNull()).isTrue();
  }

  @Test
  void badPhotoFactsAreRefusedNamingTheEntryAndChangeNothing() {
    long id = dispatchedCase();
    ok(act("member-grid1", id, Map.of("action", "ACCEPT")));
    long eventsBefore = events(id);
    var badLat =
        multipart(
            "member-grid1",
            "/api/incidents/" + id + "/actions",
            List.of(
                Part.json("action", Map.of("action", "HANDLE", "note", "x")),
                Part.photo("a.png", PNG),
                Part.json("photoFacts", List.of(Map.of("lon", 114.9, "lat", 91)))));
    assertThat(badLat.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badLat.body()).get("field").asString()).isEqualTo("photoFacts[0].lat");
    var tooMany =
        multipart(
            "member-grid1",
            "/api/incidents/" + id + "/actions",
            List.of(
                Part.json("action", Map.of("action", "HANDLE", "note", "x")),
                Part.photo("a.png", PNG),
                Part.json("photoFacts", List.of(Map.of(), Map.of()))));
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(tooMany.body()).get("field").asString()).isEqualTo("photoFacts");
    assertThat(status(id)).isEqualTo("ACCEPTED");
    assertThat(events(id)).isEqualTo(eventsBefore);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_photo WHERE incident_id = ?", Long.class, id)).isZero();
  }

  // --- queued items ----------------------------------------------------------------------------

  JsonNode reportEvent(long id) {
    JsonNode timeline = JSON.readTree(as("operator-street").get("/api/incidents/" + id + "/timeline").body());
    return timeline.get("events").get(0);
  }

  String reportJson(Instant observedAt) {
    Coordinate c = interior(grid1);
    return "{\"lon\":" + c.x + ",\"lat\":" + c.y + ",\"categoryCode\":\"" + category
        + "\",\"description\":\"离线时上报\",\"source\":\"PATROL\",\"observedAt\":\"" + observedAt + "\"}";
  }

  @Test
  void aReportMadeOfflineKeepsItsTimeAndIsLateAfterSevenDays() {
    Instant eightDaysAgo = Instant.now().minus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    var late = as("member-grid1").post("/api/incidents", reportJson(eightDaysAgo));
    assertThat(late.statusCode()).as(late.body()).isEqualTo(201);
    JsonNode event = reportEvent(JSON.readTree(late.body()).get("id").asLong());
    assertThat(Instant.parse(event.get("observedAt").asString())).isEqualTo(eightDaysAgo);
    assertThat(event.get("late").asBoolean()).isTrue();

    Instant sixDaysAgo = Instant.now().minus(6, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    var inTime = as("member-grid1").post("/api/incidents", reportJson(sixDaysAgo));
    assertThat(inTime.statusCode()).as(inTime.body()).isEqualTo(201);
    JsonNode onTime = reportEvent(JSON.readTree(inTime.body()).get("id").asLong());
    assertThat(Instant.parse(onTime.get("observedAt").asString())).isEqualTo(sixDaysAgo);
    assertThat(onTime.get("late").asBoolean()).isFalse();

    // Made online: no observedAt, not late.
    JsonNode online = reportEvent(newCase());
    assertThat(online.get("observedAt").isNull()).isTrue();
    assertThat(online.get("late").asBoolean()).isFalse();
  }

  @Test
  void anObservedAtInTheFutureIsRefusedNamingItAndChangesNothing() {
    long cases = jdbc.queryForObject("SELECT count(*) FROM incident", Long.class);
    var future = as("member-grid1").post("/api/incidents", reportJson(Instant.now().plus(10, ChronoUnit.MINUTES)));
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(future.body()).get("field").asString()).isEqualTo("observedAt");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident", Long.class)).isEqualTo(cases);
    // Within the five minutes of clock skew a phone may run ahead: accepted.
    assertThat(as("member-grid1").post("/api/incidents", reportJson(Instant.now().plus(3, ChronoUnit.MINUTES))).statusCode())
        .isEqualTo(201);

    long id = dispatchedCase();
    long before = events(id);
    var action =
        act("member-grid1", id, Map.of("action", "ACCEPT", "observedAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()));
    assertThat(action.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(action.body()).get("field").asString()).isEqualTo("observedAt");
    var malformed = act("member-grid1", id, Map.of("action", "ACCEPT", "observedAt", "昨天"));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).get("field").asString()).isEqualTo("observedAt");
    assertThat(status(id)).isEqualTo("DISPATCHED");
    assertThat(events(id)).isEqualTo(before);
  }

  @Test
  void anActionMadeOfflineIsStoredWithItsTimeAndFlaggedLateAfterSevenDays() {
    long id = dispatchedCase();
    Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    JsonNode accepted = ok(act("member-grid1", id, Map.of("action", "ACCEPT", "observedAt", yesterday.toString())));
    JsonNode accept = accepted.get("events").get(accepted.get("events").size() - 1);
    assertThat(Instant.parse(accept.get("observedAt").asString())).isEqualTo(yesterday);
    assertThat(accept.get("late").asBoolean()).isFalse();
    Instant tenDaysAgo = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    JsonNode handled = ok(act("member-grid1", id, Map.of("action", "HANDLE", "note", "离线反馈", "observedAt", tenDaysAgo.toString())));
    JsonNode handle = handled.get("events").get(handled.get("events").size() - 1);
    assertThat(Instant.parse(handle.get("observedAt").asString())).isEqualTo(tenDaysAgo);
    assertThat(handle.get("late").asBoolean()).isTrue();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident_event WHERE incident_id = ? AND late", Long.class, id)).isEqualTo(1L);
  }
}
