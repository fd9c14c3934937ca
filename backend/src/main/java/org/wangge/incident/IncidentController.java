package org.wangge.incident;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.wangge.security.AuditLog;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.security.ReceiptTokens;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.wangge.dispatch.OutsideJurisdictionException;
import org.wangge.gisdata.model.IncidentSource;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.gisdata.model.Risk;
import org.wangge.spatial.Feature;
import org.wangge.spatial.FeatureCollection;
import org.wangge.spatial.Wgs84;
import org.wangge.web.Bbox;
import org.wangge.web.InvalidInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/incidents} (intake: JSON, or multipart with a {@code report} JSON part and
 * {@code photos} files), {@code GET /api/incidents/{id}}, {@code GET /api/incidents} (filters,
 * sorting, paging; JSON or GeoJSON) and the photos.
 */
@RestController
class IncidentController {

  private static final int MAX_PAGE_SIZE = 500;
  private static final int DEFAULT_POINTS = 20_000;
  private static final int MAX_POINTS = 50_000;
  private static final Map<String, String> SORTABLE =
      Map.of(
          "reportedAt", "reportedAt",
          "dueAt", "dueAt",
          "number", "number",
          "risk", "risk",
          "status", "status",
          "category", "category.code");

  private final ReportIntake intake;
  private final IncidentReader reader;
  private final JsonMapper json;
  private final CurrentUser currentUser;
  private final ReceiptTokens receipts;
  private final AuditLog audit;

  IncidentController(
      ReportIntake intake,
      IncidentReader reader,
      JsonMapper json,
      CurrentUser currentUser,
      ReceiptTokens receipts,
      AuditLog audit) {
    this.intake = intake;
    this.reader = reader;
    this.json = json;
    this.currentUser = currentUser;
    this.receipts = receipts;
    this.audit = audit;
  }

  @PostMapping(path = "/api/incidents", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> report(
      @RequestBody ReportRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return accept(request, List.of(), idempotencyKey);
  }

  @PostMapping(path = "/api/incidents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<?> reportWithPhotos(
      @RequestPart(name = "report", required = false) String reportJson,
      @RequestPart(name = "photos", required = false) List<MultipartFile> files,
      @RequestPart(name = "photoFacts", required = false) String photoFacts,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    if (reportJson == null) {
      throw new InvalidInputException("report", "part is missing: send the report as JSON in a part named 'report'");
    }
    ReportRequest request;
    try {
      request = json.readValue(reportJson, ReportRequest.class);
    } catch (tools.jackson.core.JacksonException e) {
      throw new InvalidInputException("report", "is not a valid report JSON: " + e.getOriginalMessage());
    }
    List<Photo> photos = Photo.fromUploads(files);
    photos = Photo.withClientFacts(photos, CaptureFacts.parse(photoFacts, photos.size(), json, Instant.now()));
    return accept(request, photos, idempotencyKey);
  }

  private ResponseEntity<?> accept(ReportRequest request, List<Photo> photos, String idempotencyKey) {
    Optional<Jurisdiction> user = currentUser.jurisdiction();
    var keyed =
        IdempotencyKeys.request(
            IdempotencyKeys.Scope.of(user), IdempotencyKeys.check(idempotencyKey), "POST /api/incidents", request, photos);
    Set<IncidentSource> sources = user.map(j -> j.role().reportSources()).orElse(EnumSet.of(IncidentSource.CITIZEN));
    ReportIntake.Outcome outcome = intake.report(request, sources, photos, keyed, Instant.now(), null);
    IncidentView view = outcome.incident();
    String receipt = receipts.issue(view.id());
    // Staff see the case they filed in full when it lies in their jurisdiction; anyone else (a
    // citizen, or staff reporting outside it) gets the receipt view of their own report.
    boolean inside =
        user.map(
                j ->
                    j.covers(view.grid() != null ? view.grid().code() : view.areaCode())
                        && (!j.departmentCasesOnly() || j.departmentCode().equals(view.departmentCode())))
            .orElse(false);
    var response =
        ResponseEntity.created(URI.create(inside ? "/api/incidents/" + view.id() : "/api/receipts/" + receipt));
    if (outcome.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return inside ? response.body(view.withReceipt(receipt)) : response.body(CitizenView.of(view, receipt));
  }

  /** The reporter's name and phone, unmasked, for those who call back; every read is audited. */
  record ReporterContact(String number, String reporterName, String reporterPhone) {}

  @GetMapping("/api/incidents/{id}/reporter")
  ResponseEntity<?> reporter(@PathVariable long id) {
    Jurisdiction j = currentUser.require();
    if (!j.role().mayRevealContacts()) {
      throw new AccessDeniedException("A " + j.role() + " may not see reporters' contacts unmasked.");
    }
    var contact = reader.reporterContact(id, j);
    if (contact.isEmpty()) {
      return notFound("No incident has id " + id + " in your jurisdiction.");
    }
    var c = contact.get();
    audit.unmaskedRead("incident", Long.toString(id), c.areaCode(), List.of("reporterName", "reporterPhone"));
    return ResponseEntity.ok()
        .cacheControl(org.springframework.http.CacheControl.noStore())
        .body(new ReporterContact(c.number(), c.reporterName(), c.reporterPhone()));
  }

  @GetMapping("/api/incidents/{id}")
  ResponseEntity<?> incident(@PathVariable long id) {
    return reader
        .view(id, currentUser.require())
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> notFound("No incident has id " + id + " in your jurisdiction."));
  }

  @GetMapping("/api/incidents/{id}/photos/{photoId}")
  ResponseEntity<?> photo(@PathVariable long id, @PathVariable long photoId) {
    return reader
        .photo(id, photoId, currentUser.require())
        .<ResponseEntity<?>>map(
            p ->
                ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(p.contentType()))
                    .eTag("\"" + p.sha256() + "\"")
                    .body(p.data()))
        .orElseGet(() -> notFound("No incident " + id + " with photo " + photoId + " in your jurisdiction."));
  }

  /** A page of incidents. */
  record IncidentPage(List<IncidentView> items, int page, int size, long total, int totalPages) {}

  @GetMapping(path = "/api/incidents", produces = {MediaType.APPLICATION_JSON_VALUE, FeatureCollection.MEDIA_TYPE})
  ResponseEntity<?> incidents(
      FilterParameters filters,
      @RequestParam(defaultValue = "reportedAt,desc") String sort,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String number) {
    if (number != null) {
      // The search box of the map: one case by its number (yyyyMMdd + five digits).
      if (!number.matches("\\d{13}")) {
        throw new InvalidInputException("number", "must be a case number of 13 digits (yyyyMMdd + serial), got '" + number + "'");
      }
      List<IncidentView> one = reader.viewByNumber(number, currentUser.require()).map(List::of).orElse(List.of());
      return ResponseEntity.ok(new IncidentPage(one, 0, 1, one.size(), one.size()));
    }
    if (page < 0) {
      throw new InvalidInputException("page", "must be 0 or more");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidInputException("size", "must be between 1 and " + MAX_PAGE_SIZE);
    }
    var filter = filters.filter();
    Page<IncidentView> found = reader.search(filter, currentUser.require(), PageRequest.of(page, size, parseSort(sort)));
    if (format != null && !format.equalsIgnoreCase("json") && !format.equalsIgnoreCase("geojson")) {
      throw new InvalidInputException("format", "must be json or geojson");
    }
    if ("geojson".equalsIgnoreCase(format)) {
      var features =
          found.getContent().stream()
              .map(v -> Feature.of(v.number(), Wgs84.point(v.lon(), v.lat()), v))
              .toList();
      return ResponseEntity.ok()
          .contentType(MediaType.parseMediaType(FeatureCollection.MEDIA_TYPE))
          .header("X-Total-Count", Long.toString(found.getTotalElements()))
          .body(FeatureCollection.of(features));
    }
    return ResponseEntity.ok(
        new IncidentPage(found.getContent(), page, size, found.getTotalElements(), found.getTotalPages()));
  }

  /**
   * The query parameters shared by {@code GET /api/incidents} and {@code GET /api/incidents/points}
   * (bound by name, all optional), as text until {@link #filter()} checks them.
   */
  record FilterParameters(
      String bbox,
      String area,
      String grid,
      String status,
      String category,
      String risk,
      String source,
      String from,
      String to) {

    IncidentFilter filter() {
      return new IncidentFilter(
          bbox == null ? null : Bbox.parse(bbox),
          code("area", area),
          code("grid", grid),
          enums("status", status, IncidentStatus.class),
          category == null || category.isBlank() ? null : requireDigits("category", category),
          enums("risk", risk, Risk.class),
          enums("source", source, IncidentSource.class),
          InvalidInputException.instant("from", from),
          InvalidInputException.instant("to", to));
    }
  }

  /**
   * Every case matching the filters of {@code GET /api/incidents}, newest first, as compact rows for
   * the map's marker and heat layers: {@code total} (every match), {@code truncated} (more than
   * {@code limit} matched: only the newest {@code limit} are in {@code rows}), {@code fields} (the
   * names of each row's values, in order) and {@code rows}.
   */
  @GetMapping("/api/incidents/points")
  IncidentReader.Points points(
      FilterParameters filters,
      @RequestParam(required = false) String limit) {
    int max = DEFAULT_POINTS;
    if (limit != null) {
      try {
        max = Integer.parseInt(limit.strip());
      } catch (NumberFormatException e) {
        max = -1;
      }
      if (max < 1 || max > MAX_POINTS) {
        throw new InvalidInputException("limit", "must be a whole number from 1 to " + MAX_POINTS + ", got '" + limit + "'");
      }
    }
    var filter = filters.filter();
    return reader.points(filter, currentUser.require(), max, Instant.now());
  }

  @ExceptionHandler(PlaceNotFoundException.class)
  ResponseEntity<ProblemDetail> placeNotFound(PlaceNotFoundException e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    problem.setTitle(e.candidates().isEmpty() ? "Address not found" : "Address is ambiguous");
    problem.setProperty("field", "addressText");
    problem.setProperty("candidates", e.candidates());
    return ResponseEntity.unprocessableContent().body(problem);
  }

  @ExceptionHandler(OutsideJurisdictionException.class)
  ResponseEntity<ProblemDetail> outside(OutsideJurisdictionException e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    problem.setTitle("Outside the jurisdiction");
    problem.setProperty("field", "location");
    return ResponseEntity.unprocessableContent().body(problem);
  }

  private static ResponseEntity<ProblemDetail> notFound(String detail) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
    problem.setTitle("Not found");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  private static Sort parseSort(String sort) {
    String[] parts = sort.split(",");
    String property = SORTABLE.get(parts[0].trim());
    if (property == null || parts.length > 2) {
      throw new InvalidInputException("sort", "must be one of " + SORTABLE.keySet() + ", optionally followed by ,asc or ,desc");
    }
    Sort.Direction direction = Sort.Direction.DESC;
    if (parts.length == 2) {
      try {
        direction = Sort.Direction.fromString(parts[1].trim());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("sort", "direction must be asc or desc, got '" + parts[1] + "'");
      }
    }
    return Sort.by(direction, property).and(Sort.by(Sort.Direction.DESC, "id"));
  }

  private static String code(String field, String value) {
    return value == null || value.isBlank() ? null : requireDigits(field, value);
  }

  private static String requireDigits(String field, String value) {
    String trimmed = value.trim();
    if (!trimmed.matches("\\d{1,15}")) {
      throw new InvalidInputException(field, "must be a numeric code, got '" + value + "'");
    }
    return trimmed;
  }

  private static <E extends Enum<E>> Set<E> enums(String field, String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Set<E> set = EnumSet.noneOf(type);
    for (String part : value.split(",")) {
      try {
        set.add(Enum.valueOf(type, part.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            field, "must be one or more of " + List.of(type.getEnumConstants()) + ", got '" + part + "'");
      }
    }
    return set;
  }
}
