package org.wangge.planning;

import java.util.List;

/**
 * What a plan changes compared with the grids it started from. An address changes grid when the
 * plan grid covering its point will have another code than the base grid that covered it (a new
 * grid has no code yet: every address in it changes grid). Households and residents are the
 * addresses' figures.
 */
public record PlanImpact(
    int addressesMoved,
    int householdsMoved,
    int residentsMoved,
    int openCasesMoved,
    List<Move> moves,
    List<GridLoad> grids,
    List<MemberLoad> members,
    List<CaseMove> openCases) {

  /** Addresses going from the base grid {@code fromCode} ({@code null}: in no base grid) to a plan grid. */
  public record Move(String fromCode, String toKey, int addresses, int households, int residents) {}

  /**
   * A plan grid's load.
   *
   * @param householdsPerFullTimeMember {@code null} without a full-time member
   */
  public record GridLoad(
      String key, String code, int households, int residents, int fullTimeMembers, Integer householdsPerFullTimeMember) {}

  /**
   * A team member's households before and after (over the plan's grids; members keep serving
   * grids by code, so a retired code's households fall away). Names are masked.
   */
  public record MemberLoad(String code, String name, String role, List<String> gridCodes, int householdsBefore, int householdsAfter) {}

  /** An open case that would change grid ({@code toKey} null: its point lies in no plan grid). */
  public record CaseMove(String number, String fromCode, String toKey) {}
}
