package org.wangge.planning;

import java.util.List;

/** Failures of plan actions that are not bad input. */
final class PlanExceptions {

  private PlanExceptions() {}

  /** The plan's state does not allow the action (not a draft; nothing to undo/redo): 409. */
  static final class StateConflict extends RuntimeException {
    StateConflict(String message) {
      super(message);
    }
  }

  /** Grids the plan changes were changed by another publish since the plan started: 409 with them. */
  static final class BoundaryConflict extends RuntimeException {
    private final List<Conflict> conflicts;

    BoundaryConflict(List<Conflict> conflicts) {
      super(
          "Grids this plan changes were changed by another publish since the plan started: "
              + conflicts.stream().map(Conflict::code).toList()
              + ". Start a new plan from the current grids.");
      this.conflicts = conflicts;
    }

    List<Conflict> conflicts() {
      return conflicts;
    }
  }

  /**
   * One conflicting grid.
   *
   * @param planId the plan whose publish changed it, or {@code null} when it was changed otherwise
   *     (an import)
   */
  record Conflict(String code, Long planId, String publishedBy, java.time.Instant publishedAt) {}

  /** The plan does not pass validation: 422 with the problems. */
  static final class Invalid extends RuntimeException {
    private final PlanValidationView validation;

    Invalid(PlanValidationView validation) {
      super("The plan has coverage problems of severity HIGH or MEDIUM; fix them before publishing.");
      this.validation = validation;
    }

    PlanValidationView validation() {
      return validation;
    }
  }
}
