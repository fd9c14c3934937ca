package org.wangge.incident;

import java.time.Instant;
import java.util.List;
import org.wangge.dispatch.RoutingReason;
import org.wangge.gisdata.model.IncidentSource;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.gisdata.model.Risk;
import org.wangge.team.MemberRef;

/**
 * An incident as the API shows it. The reporter's name and phone are masked.
 *
 * @param routing why the case went where it went
 * @param possibleDuplicates open cases of the same category reported nearby shortly before this one,
 *     nearest first; in the answer to a new report and to {@code GET /api/incidents/{id}}, else null
 * @param receipt the citizen's receipt token; only in the answer to a report
 * @param answers the report's answers to the item's extra questions, each with its question (empty
 *     when none)
 */
record IncidentView(
    long id,
    String number,
    CategoryRef category,
    IncidentSource source,
    Risk risk,
    IncidentStatus status,
    String description,
    double lon,
    double lat,
    Long addressId,
    GridRef grid,
    String areaCode,
    AssigneeRef assignee,
    String departmentCode,
    boolean communityQueue,
    RoutingView routing,
    Instant reportedAt,
    Instant warningAt,
    Instant dueAt,
    Instant closedAt,
    String reporterName,
    String reporterPhone,
    List<PhotoRef> photos,
    List<DuplicateRef> possibleDuplicates,
    String receipt,
    LoopView loop,
    List<ReportQuestions.Answer> answers) {

  /**
   * Where the case stands in the closed loop: the running clock and its urging, the owning centre
   * after escalation, the stage times and the evaluation counters.
   *
   * @param urgeLevel 0 none, 1 yellow, 2 red
   */
  record LoopView(
      String stage,
      Instant stageDueAt,
      int urgeLevel,
      String ownerLevel,
      String ownerAreaCode,
      Instant acceptedAt,
      Instant handledAt,
      Instant followedUpAt,
      int reworkCount,
      int extensionCount,
      int escalationCount,
      Integer satisfaction,
      Long mergedInto) {

    static LoopView of(Incident i) {
      return new LoopView(
          i.stage() == null ? null : i.stage().name(),
          i.stageDueAt(),
          i.urgeLevel(),
          i.ownerLevel() == null ? null : i.ownerLevel().name(),
          i.ownerAreaCode(),
          i.acceptedAt(),
          i.handledAt(),
          i.followedUpAt(),
          i.reworkCount(),
          i.extensionCount(),
          i.escalationCount(),
          i.satisfaction(),
          i.mergedInto());
    }
  }

  /** The same view with the citizen's receipt (only in the answer to a report). */
  IncidentView withReceipt(String receipt) {
    return new IncidentView(
        id, number, category, source, risk, status, description, lon, lat, addressId, grid, areaCode, assignee,
        departmentCode, communityQueue, routing, reportedAt, warningAt, dueAt, closedAt, reporterName, reporterPhone,
        photos, possibleDuplicates, receipt, loop, answers);
  }

  record CategoryRef(String code, String name) {}

  record GridRef(Long id, String code, Integer version) {}

  record AssigneeRef(String code, String name, String role) {
    static AssigneeRef of(MemberRef m) {
      return m == null ? null : new AssigneeRef(m.code(), m.name(), m.role().name());
    }
  }

  record RoutingView(RoutingReason reason, String detail, Double distanceMetres) {}

  /**
   * A photo of the case (the report's, or a timeline entry's: {@code eventId}) with what it says
   * about itself ({@link CaptureFacts}: {@code takenAt}, {@code lon}, {@code lat} and where each came
   * from, {@code EXIF} or {@code CLIENT}), its distance from the case in metres when its position
   * is known, and the checks a handling photo failed: {@code TAKEN_BEFORE_DISPATCH}, {@code
   * FAR_FROM_CASE}.
   */
  record PhotoRef(
      long id,
      String contentType,
      int sizeBytes,
      String sha256,
      String url,
      Long eventId,
      Instant takenAt,
      String takenAtSource,
      Double lon,
      Double lat,
      String positionSource,
      Double distanceMetres,
      List<String> flags) {}

  record DuplicateRef(long id, String number, IncidentStatus status, Instant reportedAt, double distanceMetres) {}
}
