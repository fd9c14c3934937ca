package org.wangge.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wangge.gisdata.model.Risk;

class AlarmRuleTest {

  final AlarmRule rule = new AlarmRule(true, Risk.HIGH, 10, "people_involved");

  @Test
  void anItemThatRaisesAlarmsAlwaysDoes() {
    assertThat(rule.reason(true, "LOW", null)).contains(AlarmRule.Reason.ITEM);
  }

  @Test
  void highRiskWithTenOrMorePeopleRaisesByTheRule() {
    assertThat(rule.reason(false, "HIGH", "{\"people_involved\":10}")).contains(AlarmRule.Reason.RULE);
    assertThat(rule.reason(false, "HIGH", "{\"people_involved\":25,\"injured\":true}")).contains(AlarmRule.Reason.RULE);
    assertThat(rule.reason(false, "HIGH", "{\"people_involved\":\"12\"}")).contains(AlarmRule.Reason.RULE);
    assertThat(rule.reason(false, "HIGH", "{\"people_involved\":10.5}")).contains(AlarmRule.Reason.RULE);
  }

  @Test
  void ninePeopleOrMediumRiskDoNot() {
    assertThat(rule.reason(false, "HIGH", "{\"people_involved\":9}")).isEmpty();
    assertThat(rule.reason(false, "MEDIUM", "{\"people_involved\":50}")).isEmpty();
    assertThat(rule.reason(false, "LOW", "{\"people_involved\":50}")).isEmpty();
  }

  @Test
  void missingOrMalformedAnswersDoNotSatisfyTheRule() {
    for (String answers : List.of("", "{}", "{\"people_involved\":null}", "{\"people_involved\":\"many\"}", "not json", "[1,2]",
        "{\"injured\":true}")) {
      assertThat(rule.reason(false, "HIGH", answers)).as(answers).isEmpty();
    }
    assertThat(rule.reason(false, "HIGH", null)).isEmpty();
  }

  @Test
  void theRuleIsConfigurable() {
    var strict = new AlarmRule(true, Risk.MEDIUM, 3, "crowd");
    assertThat(strict.reason(false, "MEDIUM", "{\"crowd\":3}")).contains(AlarmRule.Reason.RULE);
    assertThat(strict.reason(false, "HIGH", "{\"crowd\":30}")).isEmpty();
    var off = new AlarmRule(false, Risk.HIGH, 10, "people_involved");
    assertThat(off.reason(false, "HIGH", "{\"people_involved\":100}")).isEmpty();
    assertThat(off.reason(true, "LOW", null)).contains(AlarmRule.Reason.ITEM);
  }

  @Test
  void levelsClimbGridCommunityStreetDistrictAndStartAtTheLowestCentreOutsideGrids() {
    assertThat(AlarmLevel.GRID.next()).isEqualTo(AlarmLevel.COMMUNITY);
    assertThat(AlarmLevel.DISTRICT.next()).isNull();
    assertThat(AlarmLevel.start("360502001001001", "360502001001")).isEqualTo(AlarmLevel.GRID);
    assertThat(AlarmLevel.start(null, "360502001001")).isEqualTo(AlarmLevel.COMMUNITY);
    assertThat(AlarmLevel.start(null, "360502001")).isEqualTo(AlarmLevel.STREET);
    assertThat(AlarmLevel.start(null, "360502")).isEqualTo(AlarmLevel.DISTRICT);
    assertThat(AlarmLevel.startArea(AlarmLevel.DISTRICT, null, "3605")).isEqualTo("3605");
    assertThat(AlarmLevel.STREET.areaCode("360502001001001")).isEqualTo("360502001");
  }

  @Test
  void percentilesAreNearestRank() {
    assertThat(Alarms.percentile(List.of(), 0.5)).isNull();
    assertThat(Alarms.percentile(List.of(1.0, 2.0, 3.0, 4.0), 0.5)).isEqualTo(2.0);
    assertThat(Alarms.percentile(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0), 0.9)).isEqualTo(9.0);
  }
}
