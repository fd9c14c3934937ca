package org.wangge.incident;

/**
 * A report as a client sends it to {@code POST /api/incidents}. Exactly one way of giving the place:
 * {@code lon} + {@code lat} (+ {@code crs}), or {@code addressCode}, or {@code addressText}.
 *
 * @param crs the system of lon/lat: {@code WGS84} (default), {@code CGCS2000}, {@code GCJ02} or
 *     {@code BD09}
 * @param categoryCode a minor class code of the category tree
 * @param source {@code PATROL}, {@code CITIZEN}, {@code HOTLINE}, {@code SENSOR} or {@code
 *     DEPARTMENT}
 * @param risk optional {@code HIGH}, {@code MEDIUM} or {@code LOW}; the category's default if absent
 * @param reporterName optional: a citizen may stay anonymous
 * @param reporterPhone optional
 * @param observedAt optional ISO instant: when the report was made on a phone that was offline
 *     (queued and sent later); at most 5 minutes in the future
 * @param patrolId optional: the reporter's own patrol the report was made on (package field)
 * @param answers optional answers to the item's extra questions, keyed by question code (kept
 *     sorted by code, so that a request's fingerprint does not depend on the order they came in)
 */
record ReportRequest(
    Double lon,
    Double lat,
    String crs,
    String addressCode,
    String addressText,
    String categoryCode,
    String description,
    String source,
    String risk,
    String reporterName,
    String reporterPhone,
    String observedAt,
    Long patrolId,
    java.util.Map<String, Object> answers) {

  ReportRequest {
    answers = answers == null ? null : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(answers));
  }
}
