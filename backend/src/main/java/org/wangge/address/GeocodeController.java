package org.wangge.address;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.web.InvalidInputException;

/**
 * {@code /api/geocode} (address text → standard addresses) and {@code /api/geocode/reverse} (point
 * → nearest standard address). A text that names nothing is still a {@code 200}, with status {@code
 * NONE} and no candidates: the search worked and found nothing. A point with no address near it is
 * a {@code 404}. Both see only the addresses of the caller's jurisdiction, as if no other existed.
 */
@RestController
class GeocodeController {

  static final int MAX_QUERY_LENGTH = 200;
  static final int MAX_LIMIT = 100;
  static final double MAX_DISTANCE_METRES = 10_000;

  private final Geocoder geocoder;
  private final CurrentUser currentUser;

  GeocodeController(Geocoder geocoder, CurrentUser currentUser) {
    this.geocoder = geocoder;
    this.currentUser = currentUser;
  }

  /**
   * Addresses in the caller's jurisdiction only: the filter is applied inside the search. A citizen
   * (no sign-in: the report page's address search) searches the whole city, as the intake does.
   */
  private java.util.function.Predicate<String> jurisdiction() {
    return currentUser
        .jurisdiction()
        .map(j -> j.everywhere() ? Geocoder.WHOLE_CITY : j.gridFilter())
        .orElse(Geocoder.WHOLE_CITY);
  }

  @GetMapping("/api/geocode")
  GeocodeResult geocode(
      @RequestParam(required = false) String q, @RequestParam(defaultValue = "10") int limit) {
    if (q == null || q.isBlank()) {
      throw new InvalidInputException("q", "is required: the address text to look for");
    }
    if (q.length() > MAX_QUERY_LENGTH) {
      throw new InvalidInputException(
          "q", "must be at most " + MAX_QUERY_LENGTH + " characters, got " + q.length());
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException(
          "limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    return geocoder.geocode(q, limit, jurisdiction());
  }

  @GetMapping("/api/geocode/reverse")
  ResponseEntity<?> reverse(
      @RequestParam double lon,
      @RequestParam double lat,
      @RequestParam(defaultValue = "200") double maxDistance) {
    if (!Double.isFinite(lon) || Math.abs(lon) > 180) {
      throw new InvalidInputException("lon", "must be a longitude between -180 and 180, got " + lon);
    }
    if (!Double.isFinite(lat) || Math.abs(lat) > 90) {
      throw new InvalidInputException("lat", "must be a latitude between -90 and 90, got " + lat);
    }
    if (!(maxDistance > 0 && maxDistance <= MAX_DISTANCE_METRES)) {
      throw new InvalidInputException(
          "maxDistance",
          "must be a distance in metres above 0 and at most "
              + (int) MAX_DISTANCE_METRES
              + ", got "
              + maxDistance);
    }
    var nearest = geocoder.reverse(lon, lat, maxDistance, jurisdiction());
    if (nearest.isPresent()) {
      return ResponseEntity.ok(nearest.get());
    }
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.NOT_FOUND,
            "No standard address within "
                + formatMetres(maxDistance)
                + " m of ("
                + lon
                + ", "
                + lat
                + ").");
    problem.setTitle("No address nearby");
    problem.setProperty("lon", lon);
    problem.setProperty("lat", lat);
    problem.setProperty("maxDistance", maxDistance);
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  private static String formatMetres(double metres) {
    return metres == Math.rint(metres) ? Long.toString((long) metres) : Double.toString(metres);
  }
}
