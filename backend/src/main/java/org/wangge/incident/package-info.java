/**
 * Incidents (事件, "cases" in the UI) and the three-level responsibility list (权责清单) that says who
 * handles each kind and how fast ({@code CategoryCatalogue}, the rows in force; {@code CategoryTree},
 * {@code GET /api/categories}; {@code ReportQuestions}, the items' extra questions and the one check
 * of a report's {@code answers}). Owns report intake ({@code POST /api/incidents}: places in any supported
 * coordinate system or as addresses, photos, idempotency keys, possible duplicates), reading cases
 * ({@code GET /api/incidents}, filtered, sorted, paged, JSON or GeoJSON; {@code GET
 * /api/incidents/points}, the same filters as compact rows for the map) and the open-case counts
 * dispatch uses. An incident keeps the grid boundary version it was routed with. The closed loop:
 * the state machine as one table ({@code CaseTransitions}) behind {@code POST
 * /api/incidents/{id}/actions}, the timeline ({@code incident_event}), the stage clocks and the
 * urging sweep ({@code CaseUrging}, exactly once across instances), whistled departments, merged
 * duplicates and each user's inbox. Idempotency keys ({@code IdempotencyKeys}, one mechanism for
 * reports, Open311 requests and case actions): scoped to the caller, applied once, expiring.
 * Photos keep their capture facts (the file's EXIF, else the phone's {@code photoFacts}) and
 * handling photos are checked against faking ({@code PhotoStore}); reports and actions made offline
 * keep their {@code observedAt} and are flagged late ({@code QueuedItems}); citizens follow their
 * report by its receipt and rate it once closed ({@code ReceiptController}, {@code CitizenRatings};
 * the page {@code /report/}). The intake desk's reads ({@code IntakeDeskController}): a caller's
 * earlier cases by the phone's keyed hash, and the possible duplicates of a report not yet made.
 * Public face: {@link org.wangge.incident.IncidentService},
 * {@link org.wangge.incident.CaseFeed} (the timeline in id order), {@link
 * org.wangge.incident.CaseSummaries} (one case as a notification names it) and {@link
 * org.wangge.incident.IncidentChanged}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents and categories")
package org.wangge.incident;
