package org.wangge.incident;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.area.GridLocator;
import org.wangge.dispatch.OutsideJurisdictionException;
import org.wangge.security.AuditLog;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.security.PhoneLookup;
import org.wangge.security.Role;
import org.wangge.web.InvalidInputException;
import org.wangge.web.PhoneMask;

/**
 * What the intake desk (受理台, {@code /intake.html}) reads before it files a call through {@code POST
 * /api/incidents}, for the roles that take calls and walk-ins (operators and grid leaders):
 *
 * <ul>
 *   <li>{@code POST /api/intake/earlier-cases} {@code {"phone": "…"}}: the caller's earlier cases
 *       in the user's jurisdiction, found by the phone's keyed hash ({@link PhoneLookup}); a POST so
 *       that the phone number stays out of URLs and access logs; every read is audited
 *       ({@code UNMASKED_READ} of entity {@code caller}, id the first 16 hex digits of the hash);
 *   <li>{@code GET /api/intake/duplicates?lon=&lat=&category=}: the possible duplicates of a report
 *       not yet made, by the intake's own rule ({@link IncidentReader#possibleDuplicates}).
 * </ul>
 */
@RestController
class IntakeDeskController {

  /** The roles that take calls and walk-ins at a desk (and may merge a new case into an old one). */
  static final Set<Role> DESK_ROLES = Set.of(Role.OPERATOR, Role.GRID_LEADER);

  static final int MAX_EARLIER_CASES = 20;

  private final IncidentReader reader;
  private final CurrentUser currentUser;
  private final PhoneLookup phoneLookup;
  private final AuditLog audit;
  private final CategoryCatalogue categories;
  private final GridLocator locator;

  IntakeDeskController(
      IncidentReader reader,
      CurrentUser currentUser,
      PhoneLookup phoneLookup,
      AuditLog audit,
      CategoryCatalogue categories,
      GridLocator locator) {
    this.reader = reader;
    this.currentUser = currentUser;
    this.phoneLookup = phoneLookup;
    this.audit = audit;
    this.categories = categories;
    this.locator = locator;
  }

  private Jurisdiction desk() {
    Jurisdiction j = currentUser.require();
    if (!DESK_ROLES.contains(j.role())) {
      throw new AccessDeniedException("The intake desk is for operators and grid leaders, not for a " + j.role() + ".");
    }
    return j;
  }

  /** The body of {@code POST /api/intake/earlier-cases}. */
  record PhoneQuery(String phone) {}

  /** The caller's earlier cases: the phone masked, how many in all, the newest {@value #MAX_EARLIER_CASES}. */
  record EarlierCasesAnswer(String phone, long total, List<IncidentReader.EarlierCase> cases) {}

  @PostMapping("/api/intake/earlier-cases")
  ResponseEntity<EarlierCasesAnswer> earlierCases(@RequestBody(required = false) PhoneQuery query) {
    Jurisdiction j = desk();
    String phone = query == null || query.phone() == null ? null : query.phone().strip();
    if (phone == null || phone.isEmpty()) {
      throw new InvalidInputException("phone", "is required: the caller's phone number");
    }
    if (!phone.matches("\\+?[0-9][0-9 -]{5,18}[0-9]")) {
      throw new InvalidInputException("phone", "must be a phone number of 7 to 20 digits, got '" + phone + "'");
    }
    String hash = phoneLookup.hash(phone);
    var found = reader.earlierCases(hash, j, MAX_EARLIER_CASES);
    audit.unmaskedRead(
        "caller",
        hash.substring(0, 16),
        j.areaCode(),
        List.of("reporterPhone", "earlierCases:" + found.total()));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(new EarlierCasesAnswer(PhoneMask.mask(phone), found.total(), found.cases()));
  }

  /** The possible duplicates of a report at a point in a category, were it made now. */
  record DuplicatesAnswer(String categoryCode, double lon, double lat, double radiusMetres, int windowHours,
      List<IncidentView.DuplicateRef> duplicates) {}

  @GetMapping("/api/intake/duplicates")
  DuplicatesAnswer duplicates(
      @RequestParam(required = false) String lon,
      @RequestParam(required = false) String lat,
      @RequestParam(required = false) String category) {
    Jurisdiction j = desk();
    double x = coordinate("lon", lon, 180);
    double y = coordinate("lat", lat, 90);
    String code = category == null ? null : category.strip();
    if (code == null || code.isEmpty()) {
      throw new InvalidInputException("category", "is required: a minor class code of the category tree");
    }
    Category c =
        categories
            .byCode(code)
            .orElseThrow(() -> new InvalidInputException("category", "'" + code + "' is not a known category"));
    if (!c.reportable()) {
      throw new InvalidInputException("category", "'" + code + "' is not an item of the responsibility list; choose one of its items (6-digit codes)");
    }
    locator.snapshot().locate(x, y).ifPresent(grid -> {
      if (!j.covers(grid.code())) {
        throw new OutsideJurisdictionException(x, y);
      }
    });
    return new DuplicatesAnswer(
        c.code(), x, y, c.dedupRadiusMetres(), reader.duplicateWindowHours(),
        reader.possibleDuplicates(c, x, y, Instant.now(), -1L, j));
  }

  /** A point in a grid of another jurisdiction: {@code 403}, naming the place. */
  @org.springframework.web.bind.annotation.ExceptionHandler(OutsideJurisdictionException.class)
  ResponseEntity<org.springframework.http.ProblemDetail> outside(OutsideJurisdictionException e) {
    var problem =
        org.springframework.http.ProblemDetail.forStatusAndDetail(
            org.springframework.http.HttpStatus.FORBIDDEN,
            "(" + e.lon() + ", " + e.lat() + ") lies in a grid outside your jurisdiction; pick a place inside it.");
    problem.setTitle("Outside your jurisdiction");
    problem.setProperty("field", "location");
    return ResponseEntity.status(org.springframework.http.HttpStatus.FORBIDDEN).body(problem);
  }

  private static double coordinate(String field, String text, double max) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException(field, "is required");
    }
    double value;
    try {
      value = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(field, "must be a number, got '" + text + "'");
    }
    if (!Double.isFinite(value) || Math.abs(value) > max) {
      throw new InvalidInputException(field, "must be between -" + (int) max + " and " + (int) max + ", got " + text);
    }
    return value;
  }
}
