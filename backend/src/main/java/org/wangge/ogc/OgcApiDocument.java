package org.wangge.ogc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.0 document of {@code /ogc} ({@code GET /ogc/api}, linked from the landing page as
 * {@code service-desc}). Clients such as QGIS read the {@code limit} parameter's default and
 * maximum from {@code components/parameters/limit} to choose their page size.
 */
final class OgcApiDocument {

  private OgcApiDocument() {}

  static Map<String, Object> of(String base) {
    var doc = new LinkedHashMap<String, Object>();
    doc.put("openapi", "3.0.3");
    doc.put(
        "info",
        Map.of(
            "title", "Wangge OGC API – Features",
            "version", "1.0.0",
            "description", "Areas by level, standard addresses and incidents of the signed-in user's jurisdiction."));
    doc.put("servers", List.of(Map.of("url", base)));
    doc.put(
        "components",
        Map.of(
            "parameters",
            Map.of(
                "limit",
                query(
                    "limit",
                    "features per page (default 100; larger values are clamped to 10000)",
                    Map.of(
                        "type", "integer",
                        "minimum", 1,
                        "maximum", OgcParameters.MAX_LIMIT,
                        "default", OgcParameters.DEFAULT_LIMIT))),
            "securitySchemes",
            Map.of(
                "basic", Map.of("type", "http", "scheme", "basic"),
                "token", Map.of("type", "http", "scheme", "bearer", "description", "a personal API token wg_…"))));
    doc.put("security", List.of(Map.of("basic", List.of()), Map.of("token", List.of())));
    var paths = new LinkedHashMap<String, Object>();
    paths.put("/", get("landing page", List.of(), "application/json"));
    paths.put("/conformance", get("conformance classes", List.of(), "application/json"));
    paths.put("/api", get("this document", List.of(), "application/vnd.oai.openapi+json;version=3.0"));
    paths.put("/collections", get("the feature collections", List.of(), "application/json"));
    paths.put("/collections/{collectionId}", get("one collection", List.of(collectionId()), "application/json"));
    paths.put(
        "/collections/{collectionId}/items",
        get(
            "features of a collection; datetime only for incidents (reported time)",
            List.of(
                collectionId(),
                Map.<String, Object>of("$ref", "#/components/parameters/limit"),
                query("offset", "matching features to skip", Map.of("type", "integer", "minimum", 0, "default", 0)),
                query(
                    "bbox",
                    "minLon,minLat,maxLon,maxLat in CRS84",
                    Map.of("type", "array", "minItems", 4, "maxItems", 4, "items", Map.of("type", "number"))),
                query("datetime", "an instant or an interval a/b ('..' for open), on the reported time", Map.of("type", "string"))),
            "application/geo+json"));
    paths.put(
        "/collections/{collectionId}/items/{featureId}",
        get(
            "one feature",
            List.of(
                collectionId(),
                Map.of("name", "featureId", "in", "path", "required", true, "schema", Map.of("type", "string"))),
            "application/geo+json"));
    doc.put("paths", paths);
    return doc;
  }

  private static Map<String, Object> collectionId() {
    return Map.of(
        "name", "collectionId",
        "in", "path",
        "required", true,
        "schema",
        Map.of(
            "type", "string",
            "enum", List.of("districts", "streets", "communities", "grids", "addresses", "incidents")));
  }

  private static Map<String, Object> query(String name, String description, Map<String, Object> schema) {
    var p = new LinkedHashMap<String, Object>();
    p.put("name", name);
    p.put("in", "query");
    p.put("required", false);
    p.put("description", description);
    p.put("style", "form");
    p.put("explode", false);
    p.put("schema", schema);
    return p;
  }

  private static Map<String, Object> get(String summary, List<Map<String, Object>> parameters, String mediaType) {
    var op = new LinkedHashMap<String, Object>();
    op.put("summary", summary);
    op.put("parameters", parameters);
    op.put(
        "responses",
        Map.of(
            "200", Map.of("description", "OK", "content", Map.of(mediaType, Map.of("schema", Map.of("type", "object")))),
            "400", Map.of("description", "a bad parameter, named in the problem detail"),
            "404", Map.of("description", "no such collection or feature within your jurisdiction")));
    return Map.of("get", op);
  }
}
