package org.wangge.incident;

import java.time.Instant;
import org.wangge.gisdata.model.IncidentStatus;

/**
 * What a citizen sees of their own report, by its receipt: where it stands, not who handles it
 * or what else happens nearby.
 *
 * @param statusText the status in plain words (Chinese): 已受理 / 正在处理 / 已处理，正在核查 / 已办结 /
 *     已撤销
 * @param rateable the case is closed and not yet rated: {@code POST {url}/rating} takes the rating
 * @param rating the citizen's rating, once given
 * @param receipt the token that shows this report again at {@code url}; keep it
 * @param followUrl the page that follows this report (status, and the rating when closed)
 */
record CitizenView(
    String number,
    IncidentView.CategoryRef category,
    IncidentStatus status,
    String statusText,
    Instant reportedAt,
    Instant dueAt,
    Instant closedAt,
    boolean rateable,
    CitizenRatings.Rating rating,
    String receipt,
    String url,
    String followUrl) {

  static CitizenView of(IncidentView v, String receipt) {
    return of(v, receipt, null);
  }

  static CitizenView of(IncidentView v, String receipt, CitizenRatings.Rating rating) {
    return new CitizenView(
        v.number(),
        v.category(),
        v.status(),
        statusText(v.status()),
        v.reportedAt(),
        v.dueAt(),
        v.closedAt(),
        rating == null && CitizenRatings.rateable(v.status()),
        rating,
        receipt,
        "/api/receipts/" + receipt,
        "/report/follow.html?receipt=" + receipt);
  }

  /** The status as a citizen would say it: no internal steps. */
  static String statusText(IncidentStatus status) {
    return switch (status) {
      case REPORTED -> "已受理，等待派遣";
      case DISPATCHED, ACCEPTED, IN_PROGRESS -> "正在处理";
      case HANDLED -> "已处理，正在核查";
      case CLOSED, FOLLOWED_UP -> "已办结";
      case CANCELLED -> "已撤销";
    };
  }
}
