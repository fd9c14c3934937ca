package org.wangge.incident;

import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.wangge.field.PatrolService;
import org.wangge.security.AuditLog;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.security.PhoneLookup;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.wangge.address.AddressMatch;
import org.wangge.address.GeocodeResult;
import org.wangge.address.Geocoder;
import org.wangge.dispatch.Dispatcher;
import org.wangge.dispatch.Routing;
import org.wangge.dispatch.RoutingRequest;
import org.wangge.gisdata.crs.CoordinateSystem;
import org.wangge.gisdata.model.IncidentSource;
import org.wangge.gisdata.model.Risk;
import org.wangge.spatial.Wgs84;
import org.wangge.team.TeamService;
import org.wangge.web.InvalidInputException;

/**
 * Turns a report into a routed case: checks every field (nothing is stored when one is wrong),
 * resolves the place (coordinates in any supported system, an address code, or an address text
 * geocoded against the standard addresses), routes it, and stores the incident, its photos and its
 * idempotency key in one transaction.
 */
@Service
class ReportIntake {

  static final int MAX_DESCRIPTION = 2000;
  private static final int MAX_ADDRESS_TEXT = 200;

  /** A report that passed every check, with its place resolved to WGS84. */
  record ValidReport(
      double lon,
      double lat,
      Long addressId,
      Category category,
      IncidentSource source,
      Risk risk,
      String description,
      String reporterName,
      String reporterPhone,
      Instant observedAt,
      Long patrolId,
      String answers) {}

  private final CategoryCatalogue categories;
  private final IncidentRepository incidents;
  private final Dispatcher dispatcher;
  private final Geocoder geocoder;
  private final TeamService teams;
  private final IncidentNumbers numbers;
  private final JdbcTemplate jdbc;
  private final IncidentReader reader;
  private final AuditLog audit;
  private final CaseClocks clocks;
  private final CurrentUser currentUser;
  private final PhotoStore photoStore;
  private final QueuedItems queued;
  private final IdempotencyKeys keys;
  private final PatrolService patrols;
  private final PhoneLookup phoneLookup;
  private final org.springframework.context.ApplicationEventPublisher events;

  ReportIntake(
      CategoryCatalogue categories,
      IncidentRepository incidents,
      Dispatcher dispatcher,
      Geocoder geocoder,
      TeamService teams,
      IncidentNumbers numbers,
      JdbcTemplate jdbc,
      IncidentReader reader,
      AuditLog audit,
      CaseClocks clocks,
      CurrentUser currentUser,
      PhotoStore photoStore,
      QueuedItems queued,
      IdempotencyKeys keys,
      PatrolService patrols,
      PhoneLookup phoneLookup,
      org.springframework.context.ApplicationEventPublisher events) {
    this.events = events;
    this.phoneLookup = phoneLookup;
    this.photoStore = photoStore;
    this.queued = queued;
    this.categories = categories;
    this.incidents = incidents;
    this.dispatcher = dispatcher;
    this.geocoder = geocoder;
    this.teams = teams;
    this.numbers = numbers;
    this.jdbc = jdbc;
    this.reader = reader;
    this.audit = audit;
    this.clocks = clocks;
    this.currentUser = currentUser;
    this.patrols = patrols;
    this.keys = keys;
  }

  /** What the audit trail keeps of a new case: no names or phones. */
  record AuditState(
      String number,
      String category,
      IncidentSource source,
      Risk risk,
      String status,
      double lon,
      double lat,
      String gridCode,
      String areaCode,
      String assignee,
      String routing,
      Instant dueAt,
      boolean hasReporterContact) {
    static AuditState of(Incident i, Routing routing) {
      return new AuditState(
          i.number(),
          i.category().code(),
          i.source(),
          i.risk(),
          i.status().name(),
          i.location().getX(),
          i.location().getY(),
          i.gridCode(),
          i.areaCode(),
          routing.assignee() == null ? null : routing.assignee().code(),
          i.routingReason() == null ? null : i.routingReason().name(),
          i.dueAt(),
          i.reporterName() != null || i.reporterPhone() != null);
    }
  }

  /**
   * What became of a report: a new case, or the case an earlier request of the same caller with
   * the same idempotency key made ({@code replayed}).
   */
  record Outcome(IncidentView incident, boolean replayed) {}

  /**
   * The partner system a report came through: the Open311 client that filed it and the media URL
   * it sent ({@code null} for reports made on our own API).
   */
  record Channel(String open311Client, String mediaUrl) {}

  /**
   * Takes a report ({@link IdempotencyKeys#run}): the report is checked, routed and stored with its
   * photos and idempotency key in one transaction, and its view (with possible duplicates)
   * returned. A repeat of this caller's earlier report with the same key checks the report source
   * against {@code allowedSources} again and answers with the earlier case ({@code replayed}); the
   * same key with another report throws {@link IdempotencyKeys.KeyReusedException}.
   *
   * @param keyed the caller's key and the report's fingerprint, or {@code null} without a key
   * @param channel the partner channel, or {@code null} for our own API
   */
  Outcome report(
      ReportRequest request,
      Set<IncidentSource> allowedSources,
      List<Photo> photos,
      IdempotencyKeys.KeyedRequest keyed,
      Instant now,
      Channel channel) {
    // Stored to the microsecond (both databases): the first answer shows the time a replay reads.
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    var answer =
        keys.run(
            keyed,
            now,
            new IdempotencyKeys.Operation<IncidentView>() {
              @Override
              public IdempotencyKeys.Done<IncidentView> first() {
                ValidReport report = validate(request, allowedSources, at, channel != null);
                Stored stored = store(report, photos, at, channel);
                return new IdempotencyKeys.Done<>(
                    reader.created(stored.incident(), stored.routing().assignee(), !photos.isEmpty()),
                    stored.incident().id());
              }

              @Override
              public IncidentView repeat(long incidentId) {
                // The fingerprint matched, so the fields were valid; who may file it is checked again.
                checkSource(parseEnum("source", request.source(), IncidentSource.class, null), allowedSources);
                return reader.view(incidentId, true).orElseThrow();
              }
            });
    return new Outcome(answer.body(), answer.replayed());
  }

  /** Checks the report; throws {@link InvalidInputException} or {@link PlaceNotFoundException}. */
  private ValidReport validate(ReportRequest r, Set<IncidentSource> allowedSources, Instant now, boolean answersAsText) {
    if (r == null) {
      throw new InvalidInputException("body", "is missing: send the report as JSON");
    }
    String categoryCode = trimToNull(r.categoryCode());
    if (categoryCode == null) {
      throw new InvalidInputException("categoryCode", "is required");
    }
    Category category =
        categories
            .byCode(categoryCode)
            .orElseThrow(() -> new InvalidInputException("categoryCode", "'" + categoryCode + "' is not a known category"));
    if (!category.reportable()) {
      throw new InvalidInputException(
          "categoryCode", "'" + categoryCode + "' is a " + category.level().name().toLowerCase(java.util.Locale.ROOT)
              + " of the responsibility list; choose one of its items (6-digit codes)");
    }
    String description = trimToNull(r.description());
    if (description == null) {
      throw new InvalidInputException("description", "is required");
    }
    if (description.length() > MAX_DESCRIPTION) {
      throw new InvalidInputException(
          "description", "is " + description.length() + " characters; at most " + MAX_DESCRIPTION + " are allowed");
    }
    IncidentSource source = parseEnum("source", r.source(), IncidentSource.class, null);
    if (source == null) {
      throw new InvalidInputException("source", "is required: one of " + List.of(IncidentSource.values()));
    }
    checkSource(source, allowedSources);
    Risk risk = parseEnum("risk", r.risk(), Risk.class, category.defaultRisk());
    String answers = ReportQuestions.check(category, r.answers(), answersAsText);
    Instant observedAt = queued.observedAt(r.observedAt(), now);
    String reporterName = trimToNull(r.reporterName());
    if (reporterName != null && reporterName.length() > 50) {
      throw new InvalidInputException("reporterName", "is longer than 50 characters");
    }
    String reporterPhone = trimToNull(r.reporterPhone());
    if (reporterPhone != null && !reporterPhone.matches("\\+?[0-9][0-9 -]{5,18}[0-9]")) {
      throw new InvalidInputException("reporterPhone", "must be a phone number of 7 to 20 digits");
    }

    boolean hasPoint = r.lon() != null || r.lat() != null;
    String addressCode = trimToNull(r.addressCode());
    String addressText = trimToNull(r.addressText());
    int ways = (hasPoint ? 1 : 0) + (addressCode != null ? 1 : 0) + (addressText != null ? 1 : 0);
    if (ways == 0) {
      throw new InvalidInputException("location", "is required: give lon and lat, or addressCode, or addressText");
    }
    if (ways > 1) {
      throw new InvalidInputException("location", "must be given one way only: lon and lat, or addressCode, or addressText");
    }
    double lon;
    double lat;
    Long addressId = null;
    if (hasPoint) {
      if (r.lon() == null) {
        throw new InvalidInputException("lon", "is required with lat");
      }
      if (r.lat() == null) {
        throw new InvalidInputException("lat", "is required with lon");
      }
      if (!Double.isFinite(r.lon()) || Math.abs(r.lon()) > 180) {
        throw new InvalidInputException("lon", "must be a longitude between -180 and 180, got " + r.lon());
      }
      if (!Double.isFinite(r.lat()) || Math.abs(r.lat()) > 90) {
        throw new InvalidInputException("lat", "must be a latitude between -90 and 90, got " + r.lat());
      }
      CoordinateSystem crs;
      try {
        crs = r.crs() == null || r.crs().isBlank() ? CoordinateSystem.WGS84 : CoordinateSystem.parse(r.crs());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("crs", e.getMessage());
      }
      double[] wgs84 = crs.toWgs84(r.lon(), r.lat());
      lon = wgs84[0];
      lat = wgs84[1];
    } else if (addressCode != null) {
      AddressMatch address =
          geocoder
              .byCode(addressCode)
              .orElseThrow(() -> new InvalidInputException("addressCode", "'" + addressCode + "' is not a standard address"));
      lon = address.lon();
      lat = address.lat();
      addressId = address.id();
    } else {
      if (addressText.length() > MAX_ADDRESS_TEXT) {
        throw new InvalidInputException("addressText", "is longer than " + MAX_ADDRESS_TEXT + " characters");
      }
      GeocodeResult result = geocoder.geocode(addressText, 10);
      switch (result.status()) {
        case MATCH -> {
          AddressMatch address = result.candidates().getFirst();
          lon = address.lon();
          lat = address.lat();
          addressId = address.id();
        }
        case AMBIGUOUS -> throw new PlaceNotFoundException(
            "Address text '" + addressText + "' matches " + result.candidates().size()
                + " standard addresses; send the addressCode of the right one.",
            result.candidates());
        default -> throw new PlaceNotFoundException(
            "Address text '" + addressText + "' matches no standard address; send coordinates or an addressCode.",
            List.of());
      }
    }
    Long patrolId = r.patrolId();
    if (patrolId != null) {
      // A report made on patrol names the reporter's own patrol (package field).
      String member = currentUser.jurisdiction().map(j -> j.memberCode()).orElse(null);
      if (member == null || !patrols.isOwnPatrol(patrolId, member)) {
        throw new InvalidInputException("patrolId", "is not a patrol of yours: " + patrolId);
      }
    }
    return new ValidReport(
        lon, lat, addressId, category, source, risk, description, reporterName, reporterPhone, observedAt, patrolId,
        answers);
  }

  /** The report-source rule: a source the caller's role does not file is {@code 403}. */
  private static void checkSource(IncidentSource source, Set<IncidentSource> allowedSources) {
    if (!allowedSources.contains(source)) {
      throw new AccessDeniedException(
          "A report with source "
              + source
              + " needs a signed-in user whose role files such reports; you may use "
              + allowedSources
              + ".");
    }
  }

  /** A stored case and how it was routed. */
  private record Stored(Incident incident, Routing routing) {}

  /** Routes and stores the report with its photos. */
  private Stored store(ValidReport report, List<Photo> photos, Instant now, Channel channel) {
    Jurisdiction reporter = currentUser.jurisdiction().orElse(null);
    Category category = report.category();
    Long departmentId = category.departmentId();
    String departmentCode = departmentId == null ? null : teams.departmentCodes().get(departmentId);
    Routing routing =
        dispatcher.route(
            new RoutingRequest(
                report.lon(), report.lat(), departmentId, departmentCode, category.deadlineHours(), category.clockType(), now));
    var incident =
        new Incident(
            numbers.next(now),
            category,
            report.source(),
            report.risk(),
            report.description(),
            Wgs84.point(report.lon(), report.lat()),
            report.addressId(),
            report.reporterName(),
            report.reporterPhone(),
            now,
            routing);
    incident.reporterPhoneHash(phoneLookup.hash(report.reporterPhone()));
    incident.answers(report.answers());
    clocks.reported(incident, now);
    Incident saved = incidents.saveAndFlush(incident);
    long id = saved.id();
    if (report.patrolId() != null) {
      jdbc.update("UPDATE incident SET patrol_id = ? WHERE id = ?", report.patrolId(), id);
    }
    if (channel != null) {
      jdbc.update(
          "UPDATE incident SET open311_client = ?, media_url = ? WHERE id = ?", channel.open311Client(), channel.mediaUrl(), id);
    }
    photoStore.storeReported(saved, photos, now);
    jdbc.update(
        """
        INSERT INTO incident_event (incident_id, occurred_at, actor, actor_role, action, from_status, to_status, reason, detail,
          observed_at, late)
        VALUES (?, ?, ?, ?, 'REPORT', 'REPORTED', ?, ?, NULL, ?, ?)""",
        id,
        Timestamp.from(now),
        reporter == null ? saved.source().name() : reporter.username(),
        reporter == null ? null : reporter.role().name(),
        saved.status().name(),
        saved.routingReason() + ": " + saved.routingDetail(),
        report.observedAt() == null ? null : Timestamp.from(report.observedAt()),
        queued.late(report.observedAt(), now));
    audit.change(
        "INCIDENT_REPORTED",
        "incident",
        Long.toString(id),
        saved.gridCode() != null ? saved.gridCode() : saved.areaCode(),
        null,
        AuditState.of(saved, routing));
    events.publishEvent(
        new IncidentChanged(
            id, saved.number(), "REPORT", saved.status(), saved.gridCode(), saved.areaCode(), saved.departmentId(), now));
    return new Stored(saved, routing);
  }

  private static <E extends Enum<E>> E parseEnum(String field, String value, Class<E> type, E fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          field, "must be one of " + List.of(type.getEnumConstants()) + ", got '" + value + "'");
    }
  }

  private static String trimToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
