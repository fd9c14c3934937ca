package org.wangge.risk;

import java.time.Instant;
import java.util.List;

/**
 * The weekly risk and hazard list (风险隐患问题清单) of an area. Cancelled cases (duplicates,
 * mistaken reports) count nowhere.
 *
 * @param week the ISO week, e.g. {@code 2026-W47}
 * @param from the week's first instant (Monday 00:00 in {@code zone})
 * @param to the instant after the week (the next Monday 00:00)
 * @param totalCases cases reported in the week
 * @param byMajorClass the week's cases by major class (大类), most first
 * @param byCategory the week's cases by minor class (小类) with its major class, most first
 * @param hotGrids the ten grids with most of the week's cases, most first
 * @param hotAddresses the ten standard addresses with most of the week's cases, most first
 * @param overdueCount cases still open whose deadline lies before the week's end (reported in any
 *     week)
 * @param overdue those cases, earliest deadline first (at most {@link RiskList#MAX_ROWS})
 * @param highRiskCount high-risk cases reported in the week
 * @param highRisk those cases, oldest first (at most {@link RiskList#MAX_ROWS})
 * @param issuer the centre issuing the list: the caller's jurisdiction
 */
record RiskReport(
    Area area,
    String week,
    String weekText,
    String zone,
    Instant from,
    Instant to,
    Instant generatedAt,
    String issuer,
    long totalCases,
    List<MajorCount> byMajorClass,
    List<CategoryCount> byCategory,
    List<GridCount> hotGrids,
    List<AddressCount> hotAddresses,
    long overdueCount,
    List<CaseRow> overdue,
    long highRiskCount,
    List<CaseRow> highRisk) {

  /** The area reported on ({@code code} {@code null}: every area). */
  record Area(String code, String name, String level) {}

  record MajorCount(String code, String name, long count) {}

  record CategoryCount(String majorCode, String majorName, String code, String name, long count) {}

  record GridCount(String code, String name, long count) {}

  record AddressCount(long addressId, String code, String fullText, String gridCode, long count) {}

  record CaseRow(
      long id,
      String number,
      String categoryCode,
      String categoryName,
      String gridCode,
      String areaCode,
      String status,
      String risk,
      Instant reportedAt,
      Instant dueAt) {}
}
