package org.wangge.incident;

import java.time.Instant;
import org.wangge.gisdata.model.IncidentStatus;

/**
 * What a citizen sees of their own report, by its receipt: where it stands, not who handles it
 * or what else happens nearby.
 *
 * @param receipt the token that shows this report again at {@code url}; keep it
 */
record CitizenView(
    String number,
    IncidentView.CategoryRef category,
    IncidentStatus status,
    Instant reportedAt,
    Instant dueAt,
    Instant closedAt,
    String receipt,
    String url) {

  static CitizenView of(IncidentView v, String receipt) {
    return new CitizenView(
        v.number(), v.category(), v.status(), v.reportedAt(), v.dueAt(), v.closedAt(), receipt, "/api/receipts/" + receipt);
  }
}
