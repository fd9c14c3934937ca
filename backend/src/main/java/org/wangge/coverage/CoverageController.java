package org.wangge.coverage;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.security.CurrentUser;
import org.wangge.spatial.Feature;
import org.wangge.spatial.FeatureCollection;
import org.wangge.web.InvalidInputException;

/**
 * {@code GET /api/coverage/{areaCode}}: the coverage report ({@link CoverageReport}) of an area in
 * the caller's jurisdiction, for every signed-in role. JSON by default; with {@code Accept:
 * application/geo+json} or {@code ?format=geojson} a FeatureCollection of the problems (one Feature
 * per problem, id = the problem's id, properties = everything but the geometry). {@code
 * ?level=GRID} lists the problems of one level only.
 */
@RestController
class CoverageController {

  private static final MediaType GEO_JSON = MediaType.parseMediaType(FeatureCollection.MEDIA_TYPE);

  private final CoverageService coverage;
  private final CurrentUser currentUser;

  CoverageController(CoverageService coverage, CurrentUser currentUser) {
    this.coverage = coverage;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/coverage/{areaCode}")
  ResponseEntity<?> report(
      @PathVariable String areaCode,
      @RequestParam(required = false) String level,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    var jurisdiction = currentUser.require();
    if (!areaCode.matches("\\d{1,15}")) {
      throw new InvalidInputException("areaCode", "must be a numeric area code of up to 15 digits, got '" + areaCode + "'");
    }
    AreaLevel only = null;
    if (level != null && !level.isBlank()) {
      try {
        only = AreaLevel.valueOf(level.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("level", "must be one of CITY, DISTRICT, STREET, COMMUNITY, GRID, got '" + level + "'");
      }
    }
    boolean geoJson;
    if (format != null && !format.isBlank()) {
      String f = format.strip().toLowerCase(Locale.ROOT);
      if (!f.equals("json") && !f.equals("geojson")) {
        throw new InvalidInputException("format", "must be json or geojson, got '" + format + "'");
      }
      geoJson = f.equals("geojson");
    } else {
      geoJson = accept != null && accept.contains(FeatureCollection.MEDIA_TYPE);
    }
    CoverageReport report = coverage.report(areaCode, only, jurisdiction);
    if (!geoJson) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }
    List<Feature<Object>> features =
        report.problems().stream().map(p -> Feature.<Object>of(p.id(), p.geometry(), p.properties())).toList();
    return ResponseEntity.ok().contentType(GEO_JSON).body(FeatureCollection.of(features));
  }
}
