package org.wangge.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The sums one SQL group yields, from which an {@link EvaluationRow} is derived. Sums add up, so
 * the total of a breakdown is the sum of its groups' figures (no second query); rates and
 * averages are derived only at the end.
 *
 * @param secondsToClose sum of {@code closed_at - reported_at} over the {@code closed} cases
 * @param secondsToAccept sum of {@code accepted_at - reported_at} over the {@code accepted} cases
 * @param satisfactionSum sum of the {@code satisfactionCount} ratings
 */
record Figures(
    long opened,
    long dueToClose,
    long closedOfDue,
    long closed,
    long closedOnTime,
    long reworked,
    long extended,
    BigDecimal secondsToClose,
    long accepted,
    BigDecimal secondsToAccept,
    long satisfactionCount,
    long satisfactionSum) {

  static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, 0);

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

  Figures plus(Figures o) {
    return new Figures(
        opened + o.opened,
        dueToClose + o.dueToClose,
        closedOfDue + o.closedOfDue,
        closed + o.closed,
        closedOnTime + o.closedOnTime,
        reworked + o.reworked,
        extended + o.extended,
        secondsToClose.add(o.secondsToClose),
        accepted + o.accepted,
        secondsToAccept.add(o.secondsToAccept),
        satisfactionCount + o.satisfactionCount,
        satisfactionSum + o.satisfactionSum);
  }

  EvaluationRow row(String key, String name) {
    return new EvaluationRow(
        key,
        name,
        opened,
        dueToClose,
        closedOfDue,
        rate(closedOfDue, dueToClose),
        closed,
        closedOnTime,
        rate(closedOnTime, closed),
        reworked,
        rate(reworked, closed),
        extended,
        rate(extended, closed),
        accepted,
        hours(secondsToAccept, accepted),
        hours(secondsToClose, closed),
        mean(BigDecimal.valueOf(satisfactionSum), satisfactionCount, 2),
        satisfactionCount,
        null,
        null,
        null);
  }

  /** {@code part / whole} to 4 decimals (half up), or {@code null} when {@code whole} is 0. */
  static Double rate(long part, long whole) {
    return mean(BigDecimal.valueOf(part), whole, 4);
  }

  /** The mean of {@code count} durations summing to {@code seconds}, in hours to 1 decimal. */
  static Double hours(BigDecimal seconds, long count) {
    return count == 0
        ? null
        : seconds.divide(SECONDS_PER_HOUR.multiply(BigDecimal.valueOf(count)), 1, RoundingMode.HALF_UP).doubleValue();
  }

  private static Double mean(BigDecimal sum, long count, int decimals) {
    return count == 0 ? null : sum.divide(BigDecimal.valueOf(count), decimals, RoundingMode.HALF_UP).doubleValue();
  }
}
