package org.wangge.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.team.MemberRef;

class DispatcherTest {

  private static final MemberRef LEADER = new MemberRef(1, "M01", "王建国", MemberRole.GRID_LEADER, true);
  private static final MemberRef FULL_TIME = new MemberRef(2, "M02", "李娜", MemberRole.FULL_TIME, true);
  private static final MemberRef FULL_TIME_OFF = new MemberRef(3, "M03", "张伟", MemberRole.FULL_TIME, false);
  private static final MemberRef PART_TIME_BUSY = new MemberRef(4, "M04", "刘洋", MemberRole.PART_TIME, true);
  private static final MemberRef PART_TIME_FREE = new MemberRef(5, "M05", "陈静", MemberRole.PART_TIME, true);
  private static final MemberRef BUILDING_LEADER = new MemberRef(6, "M06", "杨帆", MemberRole.BUILDING_LEADER, true);

  /** Open cases: member 4 has three, member 5 one, member 2 five. */
  private static final OpenCases LOAD = ids -> Map.of(4L, 3, 5L, 1, 2L, 5);

  private final Dispatcher dispatcher = new Dispatcher(null, null, LOAD, null, new DispatchProperties(null, null));

  @Test
  void onDutyFullTimeMemberTakesTheCaseEvenWhenBusier() {
    assertThat(dispatcher.chooseMember(List.of(LEADER, FULL_TIME, PART_TIME_FREE))).isEqualTo(FULL_TIME);
  }

  @Test
  void leaderTakesItWhenTheFullTimeMemberIsOffDuty() {
    assertThat(dispatcher.chooseMember(List.of(LEADER, FULL_TIME_OFF, PART_TIME_FREE))).isEqualTo(LEADER);
  }

  @Test
  void amongPartTimeMembersTheOneWithFewerOpenCasesTakesIt() {
    assertThat(dispatcher.chooseMember(List.of(FULL_TIME_OFF, PART_TIME_BUSY, PART_TIME_FREE))).isEqualTo(PART_TIME_FREE);
  }

  @Test
  void equalLoadFallsBackToTheLowerMemberCode() {
    OpenCases none = ids -> Map.of();
    var even = new Dispatcher(null, null, none, null, new DispatchProperties(null, null));
    assertThat(even.chooseMember(List.of(PART_TIME_FREE, PART_TIME_BUSY))).isEqualTo(PART_TIME_BUSY);
  }

  @Test
  void buildingLeadersAndOffDutyMembersDoNotTakeGridCases() {
    assertThat(dispatcher.chooseMember(List.of(FULL_TIME_OFF, BUILDING_LEADER))).isNull();
    assertThat(dispatcher.chooseMember(List.of())).isNull();
  }
}
