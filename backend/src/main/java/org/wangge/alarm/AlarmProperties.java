package org.wangge.alarm;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.wangge.gisdata.model.Risk;

/**
 * {@code wangge.alarm.*}: the alarm's times per level and the rule that raises an alarm for an item
 * that does not raise one itself.
 *
 * @param gridTime how long the grid's leader has to acknowledge (default 3 min)
 * @param communityTime the community centre's time (default 3 min)
 * @param streetTime the street centre's time (default 4 min)
 * @param districtTime the district centre's time (default 5 min); the four add up to 15 minutes
 * @param ruleEnabled whether the rule below raises alarms at all (default true)
 * @param ruleRisk the risk a case must have for the rule (default HIGH)
 * @param rulePeopleInvolved at least this many people involved (default 10)
 * @param ruleQuestion the extra question whose answer counts the people (default {@code
 *     people_involved})
 * @param sweepInterval how often each instance looks for alarms to climb (default 10 s)
 * @param listedFor how long an acknowledged alarm stays in {@code GET /api/alarms} (default 1 h), so
 *     that the wall shows who acknowledged
 */
@Validated
@ConfigurationProperties("wangge.alarm")
record AlarmProperties(
    @NotNull @DefaultValue("3m") Duration gridTime,
    @NotNull @DefaultValue("3m") Duration communityTime,
    @NotNull @DefaultValue("4m") Duration streetTime,
    @NotNull @DefaultValue("5m") Duration districtTime,
    @DefaultValue("true") boolean ruleEnabled,
    @NotNull @DefaultValue("HIGH") Risk ruleRisk,
    @Min(1) @DefaultValue("10") int rulePeopleInvolved,
    @NotBlank @DefaultValue("people_involved") String ruleQuestion,
    @NotNull @DefaultValue("10s") Duration sweepInterval,
    @NotNull @DefaultValue("1h") Duration listedFor) {

  AlarmProperties {
    for (var time : new Duration[] {gridTime, communityTime, streetTime, districtTime, sweepInterval}) {
      if (time != null && (time.isNegative() || time.isZero())) {
        throw new IllegalArgumentException(
            "wangge.alarm.*-time and wangge.alarm.sweep-interval must be positive durations, e.g. 3m; got " + time);
      }
    }
  }

  /** How long a level has to acknowledge. */
  Duration time(AlarmLevel level) {
    return switch (level) {
      case GRID -> gridTime;
      case COMMUNITY -> communityTime;
      case STREET -> streetTime;
      case DISTRICT -> districtTime;
    };
  }

  AlarmRule rule() {
    return new AlarmRule(ruleEnabled, ruleRisk, rulePeopleInvolved, ruleQuestion);
  }
}
