package org.wangge.incident;

import static org.wangge.gisdata.model.IncidentStatus.ACCEPTED;
import static org.wangge.gisdata.model.IncidentStatus.CLOSED;
import static org.wangge.gisdata.model.IncidentStatus.DISPATCHED;
import static org.wangge.gisdata.model.IncidentStatus.FOLLOWED_UP;
import static org.wangge.gisdata.model.IncidentStatus.HANDLED;
import static org.wangge.gisdata.model.IncidentStatus.IN_PROGRESS;
import static org.wangge.gisdata.model.IncidentStatus.REPORTED;
import static org.wangge.security.Role.DEPARTMENT_OFFICER;
import static org.wangge.security.Role.GRID_LEADER;
import static org.wangge.security.Role.GRID_MEMBER;
import static org.wangge.security.Role.OPERATOR;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.security.Role;

/**
 * The closed loop as a table: for each action, the states it may start from, the state it leads
 * to ({@code null}: the state stays), the roles that may take it, and whether only the case's own
 * handler may (the assigned team member, or an officer of the assigned department) besides the
 * centres. Everything else is refused: {@code 409} when the state does not allow the action,
 * {@code 403} when the state does but the caller may not.
 *
 * <pre>
 * REPORTED ─DISPATCH→ DISPATCHED ─ACCEPT→ ACCEPTED ─START→ IN_PROGRESS ─HANDLE→ HANDLED ─CLOSE→ CLOSED ─FOLLOW_UP→ FOLLOWED_UP
 *                         │  ↖DISPATCH (reassign)   │ ─HANDLE→ HANDLED       ↖REOPEN─┘ (rework)
 *                         └─RETURN→ REPORTED ←RETURN─┘
 * ESCALATE, EXTEND, WHISTLE and WHISTLE_DONE keep the state; CANCEL ends any open case, and so does
 * MERGE (into its original).
 * </pre>
 */
final class CaseTransitions {

  /**
   * One row of the table.
   *
   * @param handlerOnly whether a grid member or department officer must be the case's own handler
   */
  record Transition(CaseAction action, Set<IncidentStatus> from, IncidentStatus to, Set<Role> roles, boolean handlerOnly) {}

  /** Who is asking, as the guards see it: their role, whether the case is theirs, whether their department was called in. */
  record Caller(Role role, boolean handler, boolean calledIn) {}

  private static final Set<IncidentStatus> OPEN = EnumSet.of(REPORTED, DISPATCHED, ACCEPTED, IN_PROGRESS, HANDLED);

  static final List<Transition> TABLE =
      List.of(
          new Transition(CaseAction.DISPATCH, EnumSet.of(REPORTED, DISPATCHED, ACCEPTED), DISPATCHED, EnumSet.of(OPERATOR, GRID_LEADER), false),
          new Transition(CaseAction.ACCEPT, EnumSet.of(DISPATCHED), ACCEPTED, EnumSet.of(GRID_MEMBER, DEPARTMENT_OFFICER, GRID_LEADER, OPERATOR), true),
          new Transition(CaseAction.START, EnumSet.of(ACCEPTED), IN_PROGRESS, EnumSet.of(GRID_MEMBER, DEPARTMENT_OFFICER, GRID_LEADER, OPERATOR), true),
          new Transition(CaseAction.HANDLE, EnumSet.of(ACCEPTED, IN_PROGRESS), HANDLED, EnumSet.of(GRID_MEMBER, DEPARTMENT_OFFICER, GRID_LEADER, OPERATOR), true),
          new Transition(CaseAction.CLOSE, EnumSet.of(HANDLED), CLOSED, EnumSet.of(OPERATOR, GRID_LEADER), false),
          new Transition(CaseAction.REOPEN, EnumSet.of(HANDLED), IN_PROGRESS, EnumSet.of(OPERATOR, GRID_LEADER), false),
          new Transition(CaseAction.FOLLOW_UP, EnumSet.of(CLOSED), FOLLOWED_UP, EnumSet.of(OPERATOR, GRID_LEADER, GRID_MEMBER), false),
          new Transition(CaseAction.RETURN, EnumSet.of(DISPATCHED, ACCEPTED), REPORTED, EnumSet.of(GRID_MEMBER, DEPARTMENT_OFFICER, GRID_LEADER, OPERATOR), true),
          new Transition(CaseAction.ESCALATE, OPEN, null, EnumSet.of(OPERATOR, GRID_LEADER, GRID_MEMBER), false),
          new Transition(CaseAction.EXTEND, EnumSet.of(DISPATCHED, ACCEPTED, IN_PROGRESS), null, EnumSet.of(OPERATOR), false),
          new Transition(CaseAction.CANCEL, OPEN, IncidentStatus.CANCELLED, EnumSet.of(OPERATOR), false),
          new Transition(CaseAction.WHISTLE, EnumSet.of(DISPATCHED, ACCEPTED, IN_PROGRESS), null, EnumSet.of(OPERATOR, GRID_LEADER), false),
          new Transition(CaseAction.WHISTLE_DONE, EnumSet.of(DISPATCHED, ACCEPTED, IN_PROGRESS, HANDLED), null, EnumSet.of(DEPARTMENT_OFFICER), true),
          new Transition(CaseAction.MERGE, OPEN, IncidentStatus.CANCELLED, EnumSet.of(OPERATOR, GRID_LEADER), false),
          new Transition(CaseAction.URGE, EnumSet.of(DISPATCHED, ACCEPTED, IN_PROGRESS), null, EnumSet.of(OPERATOR, GRID_LEADER), false));

  private CaseTransitions() {}

  static Optional<Transition> of(CaseAction action) {
    return TABLE.stream().filter(t -> t.action() == action).findFirst();
  }

  /** Whether the state allows the action at all (for anyone). */
  static boolean allows(IncidentStatus status, CaseAction action) {
    return of(action).map(t -> t.from().contains(status)).orElse(false);
  }

  /** The actions this caller may take on a case in this state. */
  static List<CaseAction> allowed(IncidentStatus status, Caller caller) {
    List<CaseAction> actions = new ArrayList<>();
    for (Transition t : TABLE) {
      if (t.from().contains(status) && mayTake(t, caller)) {
        actions.add(t.action());
      }
    }
    return actions;
  }

  /**
   * Grid members and officers act only on their own cases where the row says so (for {@code
   * WHISTLE_DONE}: only an officer of a department called in); centres always.
   */
  static boolean mayTake(Transition t, Caller caller) {
    Role role = caller.role();
    if (!t.roles().contains(role)) {
      return false;
    }
    if (t.action() == CaseAction.WHISTLE_DONE) {
      return caller.calledIn();
    }
    return !t.handlerOnly() || role == OPERATOR || role == GRID_LEADER || caller.handler();
  }
}
