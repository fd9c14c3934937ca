package org.wangge.ogc;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.wangge.address.AddressService;
import org.wangge.address.AddressService.AddressFeature;
import org.wangge.area.AreaService;
import org.wangge.area.AreaShape;
import org.wangge.incident.IncidentService;
import org.wangge.incident.IncidentService.FeatureQuery;
import org.wangge.incident.IncidentService.IncidentFeature;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.spatial.Wgs84;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;

/**
 * OGC API – Features Part 1 (Core, GeoJSON) over the area levels, the standard addresses and the
 * incidents, limited to the caller's jurisdiction. Links are absolute, built from the request.
 */
@RestController
@RequestMapping("/ogc")
class OgcController {

  static final String GEOJSON = "application/geo+json";
  private static final MediaType GEOJSON_TYPE = MediaType.parseMediaType(GEOJSON);
  private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
  private static final String TRS = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian";
  static final List<String> CONFORMANCE =
      List.of(
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");
  private static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

  private final CurrentUser currentUser;
  private final AreaService areas;
  private final AddressService addresses;
  private final IncidentService incidents;

  OgcController(CurrentUser currentUser, AreaService areas, AddressService addresses, IncidentService incidents) {
    this.currentUser = currentUser;
    this.areas = areas;
    this.addresses = addresses;
    this.incidents = incidents;
  }

  @GetMapping({"", "/"})
  ResponseEntity<Map<String, Object>> landing(@RequestParam(required = false) String f) {
    OgcParameters.format(f);
    currentUser.require();
    String base = base();
    var body = new LinkedHashMap<String, Object>();
    body.put("title", "Wangge grid management – OGC API – Features");
    body.put(
        "description",
        "Areas by level (districts, streets, communities, grids), standard addresses and incidents of the signed-in"
            + " user's jurisdiction, as GeoJSON in CRS84 (lon/lat).");
    body.put(
        "links",
        List.of(
            link(base, "self", JSON, "This document"),
            link(base + "/api", "service-desc", OPENAPI, "The API definition (OpenAPI 3.0)"),
            link(base + "/conformance", "conformance", JSON, "Conformance classes implemented"),
            link(base + "/collections", "data", JSON, "The feature collections")));
    return json(body);
  }

  @GetMapping("/conformance")
  ResponseEntity<Map<String, Object>> conformance(@RequestParam(required = false) String f) {
    OgcParameters.format(f);
    currentUser.require();
    return json(Map.of("conformsTo", CONFORMANCE));
  }

  @GetMapping("/api")
  ResponseEntity<Map<String, Object>> api(@RequestParam(required = false) String f) {
    OgcParameters.format(f);
    currentUser.require();
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(OPENAPI)).body(OgcApiDocument.of(base()));
  }

  @GetMapping("/collections")
  ResponseEntity<Map<String, Object>> collections(@RequestParam(required = false) String f) {
    OgcParameters.format(f);
    Jurisdiction j = currentUser.require();
    String base = base();
    List<Map<String, Object>> list = new ArrayList<>();
    for (OgcCollection c : OgcCollection.values()) {
      list.add(collection(c, j, base));
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("links", List.of(link(base + "/collections", "self", JSON, "The feature collections")));
    body.put("collections", list);
    return json(body);
  }

  @GetMapping("/collections/{collectionId}")
  ResponseEntity<Map<String, Object>> collection(
      @PathVariable String collectionId, @RequestParam(required = false) String f) {
    OgcParameters.format(f);
    Jurisdiction j = currentUser.require();
    return json(collection(find(collectionId), j, base()));
  }

  @GetMapping("/collections/{collectionId}/items")
  ResponseEntity<Map<String, Object>> items(
      @PathVariable String collectionId,
      @RequestParam(required = false) String f,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String offset,
      @RequestParam(required = false) String bbox,
      @RequestParam(name = "bbox-crs", required = false) String bboxCrs,
      @RequestParam(required = false) String datetime,
      HttpServletRequest request) {
    OgcCollection c = find(collectionId);
    OgcParameters.format(f);
    int pageSize = OgcParameters.limit(limit);
    long skip = OgcParameters.offset(offset);
    double[] box = OgcParameters.bbox(bbox, bboxCrs);
    Instant[] time = OgcParameters.datetime(datetime);
    if (time != null && c != OgcCollection.INCIDENTS) {
      throw new InvalidInputException(
          "datetime", "applies to the incidents collection only; " + c.id + " has no time property. Leave it out.");
    }
    Jurisdiction j = currentUser.require();
    long matched;
    List<Map<String, Object>> features = new ArrayList<>();
    if (c.level != null) {
      matched = areas.countCurrent(c.level, j, null, box);
      if (skip < matched) {
        areas.currentPage(c.level, j, null, box, skip, pageSize).forEach(a -> features.add(areaFeature(a)));
      }
    } else if (c == OgcCollection.ADDRESSES) {
      matched = addresses.countFeatures(j, null, box);
      if (skip < matched) {
        addresses.featurePage(j, null, box, skip, pageSize).forEach(a -> features.add(addressFeature(a)));
      }
    } else {
      var query = new FeatureQuery(null, box, time == null ? null : time[0], time == null ? null : time[1]);
      matched = incidents.countFeatures(j, query);
      if (skip < matched) {
        incidents.featurePage(j, query, skip, pageSize).forEach(i -> features.add(incidentFeature(i)));
      }
    }
    String itemsUrl = base() + "/collections/" + c.id + "/items";
    List<Map<String, Object>> links = new ArrayList<>();
    links.add(link(itemsUrl + query(request, skip, pageSize), "self", GEOJSON, "This page"));
    links.add(link(base() + "/collections/" + c.id, "collection", JSON, c.title));
    if (skip + features.size() < matched) {
      links.add(link(itemsUrl + query(request, skip + pageSize, pageSize), "next", GEOJSON, "Next page"));
    }
    if (skip > 0) {
      links.add(link(itemsUrl + query(request, Math.max(0, skip - pageSize), pageSize), "prev", GEOJSON, "Previous page"));
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("type", "FeatureCollection");
    body.put("numberMatched", matched);
    body.put("numberReturned", features.size());
    body.put("timeStamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    body.put("links", links);
    body.put("features", features);
    return ResponseEntity.ok().contentType(GEOJSON_TYPE).body(body);
  }

  @GetMapping("/collections/{collectionId}/items/{featureId}")
  ResponseEntity<Map<String, Object>> item(
      @PathVariable String collectionId, @PathVariable String featureId, @RequestParam(required = false) String f) {
    OgcCollection c = find(collectionId);
    OgcParameters.format(f);
    Jurisdiction j = currentUser.require();
    NotFoundException missing =
        new NotFoundException("No feature '" + featureId + "' in collection " + c.id + " within your jurisdiction.");
    Map<String, Object> feature;
    if (c.level != null) {
      feature = areaFeature(areas.findCurrentShape(c.level, featureId, j).orElseThrow(() -> missing));
    } else if (c == OgcCollection.ADDRESSES) {
      feature = addressFeature(addresses.findFeature(featureId, j).orElseThrow(() -> missing));
    } else {
      feature = incidentFeature(incidents.findFeature(featureId, j).orElseThrow(() -> missing));
    }
    String collectionUrl = base() + "/collections/" + c.id;
    feature.put(
        "links",
        List.of(
            link(collectionUrl + "/items/" + featureId, "self", GEOJSON, "This feature"),
            link(collectionUrl, "collection", JSON, c.title)));
    return ResponseEntity.ok().contentType(GEOJSON_TYPE).body(feature);
  }

  private Map<String, Object> collection(OgcCollection c, Jurisdiction j, String base) {
    var body = new LinkedHashMap<String, Object>();
    body.put("id", c.id);
    body.put("title", c.title);
    body.put("description", c.description);
    body.put("itemType", "feature");
    body.put("crs", List.of(OgcParameters.CRS84));
    double[] box;
    List<String> interval = null;
    if (c.level != null) {
      box = areas.currentExtent(c.level, j);
    } else if (c == OgcCollection.ADDRESSES) {
      box = addresses.featureExtent(j);
    } else {
      var e = incidents.featureExtent(j);
      box = e == null ? null : e.box();
      interval = new ArrayList<>();
      interval.add(e == null ? null : e.firstReported().toString());
      interval.add(e == null ? null : e.lastReported().toString());
    }
    var extent = new LinkedHashMap<String, Object>();
    if (box != null) {
      extent.put("spatial", Map.of("bbox", List.of(box), "crs", OgcParameters.CRS84));
    }
    if (interval != null) {
      extent.put("temporal", Map.of("interval", List.of(interval), "trs", TRS));
    }
    body.put("extent", extent);
    String url = base + "/collections/" + c.id;
    body.put(
        "links",
        List.of(
            link(url, "self", JSON, c.title),
            link(url + "/items", "items", GEOJSON, c.title + " as GeoJSON")));
    return body;
  }

  private static OgcCollection find(String id) {
    return OgcCollection.byId(id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "No collection '" + id + "'; the collections are districts, streets, communities, grids, addresses, incidents."));
  }

  static Map<String, Object> areaFeature(AreaShape shape) {
    var a = shape.area();
    var p = new LinkedHashMap<String, Object>();
    p.put("code", a.code());
    p.put("name", a.name());
    p.put("level", a.level().name());
    p.put("parent", a.parentCode());
    p.put("households", a.households());
    p.put("residents", a.residents());
    p.put("version", a.version());
    p.put("valid_from", a.validFrom().toString());
    return feature(a.code(), shape.boundary(), p);
  }

  static Map<String, Object> addressFeature(AddressFeature a) {
    var p = new LinkedHashMap<String, Object>();
    p.put("code", a.code());
    p.put("address", a.fullText());
    p.put("road", a.road());
    p.put("number", a.number());
    p.put("building", a.building());
    p.put("unit", a.unit());
    p.put("households", a.households());
    p.put("residents", a.residents());
    p.put("grid", a.gridCode());
    return feature(a.code(), Wgs84.point(a.lon(), a.lat()), p);
  }

  static Map<String, Object> incidentFeature(IncidentFeature i) {
    var p = new LinkedHashMap<String, Object>();
    p.put("number", i.number());
    p.put("category", i.categoryCode());
    p.put("cat_name", i.categoryName());
    p.put("source", i.source());
    p.put("risk", i.risk());
    p.put("status", i.status());
    p.put("reported", text(i.reportedAt()));
    p.put("due", text(i.dueAt()));
    p.put("closed", text(i.closedAt()));
    p.put("grid", i.gridCode());
    p.put("address", i.addressCode());
    return feature(i.number(), Wgs84.point(i.lon(), i.lat()), p);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Map<String, Object> feature(String id, Geometry geometry, Map<String, Object> properties) {
    var f = new LinkedHashMap<String, Object>();
    f.put("type", "Feature");
    f.put("id", id);
    f.put("geometry", geometry);
    f.put("properties", properties);
    return f;
  }

  private static Map<String, Object> link(String href, String rel, String type, String title) {
    var link = new LinkedHashMap<String, Object>();
    link.put("href", href);
    link.put("rel", rel);
    link.put("type", type);
    link.put("title", title);
    return link;
  }

  private static ResponseEntity<Map<String, Object>> json(Map<String, Object> body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  /** The absolute URL of {@code /ogc}, as the client addressed this server. */
  private static String base() {
    return ServletUriComponentsBuilder.fromCurrentContextPath().path("/ogc").build().toUriString();
  }

  /** The request's query string with {@code offset} and {@code limit} replaced (other parameters kept as sent). */
  private static String query(HttpServletRequest request, long offset, int limit) {
    var parts = new ArrayList<String>();
    String raw = request.getQueryString();
    if (raw != null) {
      for (String part : raw.split("&")) {
        String name = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
        if (!part.isEmpty() && !name.equals("offset") && !name.equals("limit")) {
          parts.add(part);
        }
      }
    }
    parts.add("limit=" + limit);
    parts.add("offset=" + offset);
    return "?" + String.join("&", parts);
  }
}
