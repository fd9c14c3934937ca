package org.wangge.gisdata.model;

/**
 * States of the closed loop: reported → dispatched → accepted → in progress → handled →
 * closed → followed up, or cancelled.
 */
public enum IncidentStatus {
  REPORTED,
  DISPATCHED,
  ACCEPTED,
  IN_PROGRESS,
  HANDLED,
  CLOSED,
  FOLLOWED_UP,
  CANCELLED;

  /** Whether the case is still open (not closed, followed up or cancelled). */
  public boolean isOpen() {
    return this != CLOSED && this != FOLLOWED_UP && this != CANCELLED;
  }
}
