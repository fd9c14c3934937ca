package org.wangge.incident;

import java.util.List;
import org.wangge.gisdata.model.IncidentStatus;

/** An action the case's current state does not allow: {@code 409} naming the state and what is allowed. */
class CaseConflictException extends RuntimeException {

  private final IncidentStatus status;
  private final List<CaseAction> allowed;

  CaseConflictException(String number, IncidentStatus status, CaseAction action, List<CaseAction> allowed) {
    super(
        "Case "
            + number
            + " is "
            + status
            + ": "
            + action
            + " is not possible now. You may: "
            + (allowed.isEmpty() ? "nothing" : allowed.toString())
            + ".");
    this.status = status;
    this.allowed = allowed;
  }

  IncidentStatus status() {
    return status;
  }

  List<CaseAction> allowed() {
    return allowed;
  }
}
