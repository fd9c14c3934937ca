package org.wangge.incident;

/** The clocks of the closed loop: each stage has its own limit on the working calendar. */
enum CaseStage {
  /** From dispatch (or the report, while it waits in a queue) until the handler accepts. */
  ACCEPT,
  /** From acceptance until the handler reports it handled: the case's deadline (处置时限). */
  HANDLE,
  /** From the handler's feedback until the centre verifies and closes it. */
  VERIFY
}
