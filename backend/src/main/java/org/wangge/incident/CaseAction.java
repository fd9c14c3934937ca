package org.wangge.incident;

/** What can be done to a case in the closed loop ({@code POST /api/incidents/{id}/actions}). */
enum CaseAction {
  /** 派遣: hand the case to a team member or a department (also reassigning it). */
  DISPATCH,
  /** 签收: the handler takes the case on. */
  ACCEPT,
  /** 开始处置: the handler starts work. */
  START,
  /** 处置反馈: the handler reports it handled, with a note. */
  HANDLE,
  /** 核查结案: the centre verifies the result and closes the case. */
  CLOSE,
  /** 回访: a return visit with the reporter's satisfaction (1–5). */
  FOLLOW_UP,
  /** 回退: wrong grid or department; back to the owning centre's queue, with the reason. */
  RETURN,
  /** 上报: hand ownership up to the community, street, district or city centre. */
  ESCALATE,
  /** 返工: verification failed; back to work, counted as rework. */
  REOPEN,
  /** 延期: a later deadline, with the reason; approved by the centre that sets it. */
  EXTEND,
  /** 作废: cancel the case, with the reason. */
  CANCEL,
  /** 吹哨: call one or more departments in to co-handle, each with its own deadline. */
  WHISTLE,
  /** 报到反馈: a called department reports its part done, with a note. */
  WHISTLE_DONE,
  /** 合并: this case duplicates another; its reporters, photos and notes move to the original. */
  MERGE,
  /**
   * 督办: the centre urges the handler by hand (the command map's button), with an optional note; the
   * state and the clocks stay. The urging sweep writes its own {@code URGE} entries when a clock turns
   * yellow or red.
   */
  URGE
}
