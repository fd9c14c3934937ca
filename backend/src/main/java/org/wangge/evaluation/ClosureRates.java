package org.wangge.evaluation;

import java.time.Duration;

/**
 * The evaluation's closure figures as SQL conditions, for other features that show them (the
 * command map's closure and on-time rates), so that both count exactly the same cases. Each
 * condition is over the incident table under the alias {@code i}, with the named parameters
 * {@code :from} and {@code :to} (the period {@code [from, to)}); {@link EvaluationRow} defines the
 * figures in words. The evaluation's own query is built from these constants.
 */
public final class ClosureRates {

  private ClosureRates() {}

  /** The period of the evaluation when none is named, and of the map's rates: 30 days up to now. */
  public static final Duration DEFAULT_PERIOD = EvaluationPeriod.DEFAULT_LENGTH;

  /** Deadline in the period (cancelled cases included: see {@link #DUE_TO_CLOSE}). */
  static final String DUE = "i.due_at >= :from AND i.due_at < :to";

  /** 应结案数: deadline in the period, not cancelled. */
  public static final String DUE_TO_CLOSE = DUE + " AND i.status <> 'CANCELLED'";

  /** Of {@link #DUE_TO_CLOSE}: closed by the end of the period. */
  public static final String CLOSED_OF_DUE =
      DUE + " AND i.status IN ('CLOSED', 'FOLLOWED_UP') AND i.closed_at < :to";

  /** 结案数: closed in the period (a cancelled case's {@code closed_at} does not count). */
  public static final String CLOSED =
      "i.closed_at >= :from AND i.closed_at < :to AND i.status IN ('CLOSED', 'FOLLOWED_UP')";

  /** Of {@link #CLOSED}: closed by the deadline (or without one). */
  public static final String CLOSED_ON_TIME = CLOSED + " AND (i.due_at IS NULL OR i.closed_at <= i.due_at)";

  /**
   * A case that may count in one of these figures: deadline or closure in the period (each column
   * is indexed, so the database reads only those cases).
   */
  public static final String TOUCHES_RATES = "(" + DUE + " OR i.closed_at >= :from AND i.closed_at < :to)";

  /** 结案率 {@code closedOfDue / dueToClose} or 按期结案率 {@code closedOnTime / closed}: see {@link Figures#rate}. */
  public static Double rate(long part, long whole) {
    return Figures.rate(part, whole);
  }
}
