package org.wangge.incident;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.Risk;

/**
 * {@code wangge.closed-loop.*}: the stage clocks and the escalation rules.
 *
 * @param acceptWorkingHours working hours to accept a dispatched case (default 2)
 * @param verifyWorkingHours working hours to verify a handled case (default 8)
 * @param clockInterval how often each instance looks for cases turning yellow or red (default 30 s)
 * @param climbWhenRed whether a case whose stage turns red climbs one level (default true)
 * @param initialOwner rules {@code categoryPrefix:RISK:LEVEL}: a new case of a category (major or
 *     minor class code) and risk is owned from the start by that level's centre ("big matters stay
 *     in the township"); default {@code 06:HIGH:STREET} (a high-risk dispute goes straight to the
 *     street centre)
 * @param maxExtension how far beyond now an EXTEND may set a case's deadline (default P365D); a
 *     later {@code dueAt} is bad input
 */
@ConfigurationProperties("wangge.closed-loop")
record ClosedLoopProperties(
    Integer acceptWorkingHours,
    Integer verifyWorkingHours,
    Duration clockInterval,
    Boolean climbWhenRed,
    List<String> initialOwner,
    Duration maxExtension) {

  /** One initial-owner rule. */
  record OwnerRule(String categoryPrefix, Risk risk, AreaLevel level) {
    boolean matches(String categoryCode, Risk caseRisk) {
      return categoryCode.startsWith(categoryPrefix) && caseRisk == risk;
    }
  }

  ClosedLoopProperties {
    acceptWorkingHours = acceptWorkingHours == null ? 2 : acceptWorkingHours;
    verifyWorkingHours = verifyWorkingHours == null ? 8 : verifyWorkingHours;
    clockInterval = clockInterval == null ? Duration.ofSeconds(30) : clockInterval;
    climbWhenRed = climbWhenRed == null || climbWhenRed;
    initialOwner = initialOwner == null ? List.of("06:HIGH:STREET") : List.copyOf(initialOwner);
    maxExtension = maxExtension == null ? Duration.ofDays(365) : maxExtension;
    if (maxExtension.isNegative() || maxExtension.isZero()) {
      throw new IllegalArgumentException("wangge.closed-loop.max-extension must be positive, e.g. P365D");
    }
    if (acceptWorkingHours < 1 || verifyWorkingHours < 1) {
      throw new IllegalArgumentException("wangge.closed-loop.accept-working-hours and verify-working-hours must be at least 1");
    }
    rules(initialOwner);
  }

  List<OwnerRule> rules() {
    return rules(initialOwner);
  }

  private static List<OwnerRule> rules(List<String> texts) {
    List<OwnerRule> rules = new ArrayList<>();
    for (String text : texts) {
      String[] parts = text.strip().split(":");
      try {
        if (parts.length != 3 || !parts[0].matches("\\d{2,10}")) {
          throw new IllegalArgumentException();
        }
        AreaLevel level = AreaLevel.valueOf(parts[2].toUpperCase(Locale.ROOT));
        if (level == AreaLevel.GRID) {
          throw new IllegalArgumentException();
        }
        rules.add(new OwnerRule(parts[0], Risk.valueOf(parts[1].toUpperCase(Locale.ROOT)), level));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "wangge.closed-loop.initial-owner: '" + text + "' is not categoryPrefix:RISK:LEVEL, e.g. 06:HIGH:STREET "
                + "(RISK HIGH, MEDIUM or LOW; LEVEL COMMUNITY, STREET, DISTRICT or CITY)");
      }
    }
    return rules;
  }
}
