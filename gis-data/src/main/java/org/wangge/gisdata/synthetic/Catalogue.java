package org.wangge.gisdata.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.Set;
import org.wangge.gisdata.model.CategoryLevel;
import org.wangge.gisdata.model.CategoryQuestion;
import org.wangge.gisdata.model.CategoryRecord;
import org.wangge.gisdata.model.ClockType;
import org.wangge.gisdata.model.DepartmentRecord;
import org.wangge.gisdata.model.Risk;

/**
 * The city's departments and its three-level responsibility list (权责清单: 11 classes, their
 * subclasses and items), with who handles each item, its deadline and clock, default risk,
 * duplicate radius, alarm flag and extra questions; plus, for the generator only, how often each
 * item is reported and how a report of it reads. Immutable.
 */
final class Catalogue {

  /** An item (事项) with its generator-only extras. */
  record Minor(CategoryRecord record, double frequency, String template) {}

  /** Subclasses whose items are safety or emergency matters: clocks run around the clock. */
  private static final Set<String> AROUND_THE_CLOCK = Set.of("0801", "0803", "0804");

  /** Subclasses whose items raise a four-level alarm as soon as they are reported. */
  private static final Set<String> ALARMS = Set.of("0501", "0503", "0505");

  /** Departments whose items a grid must not be handed (职责准入). */
  private static final Set<String> NOT_FOR_GRIDS = Set.of("D04", "D06", "D07");

  private static final CategoryQuestion INJURED =
      new CategoryQuestion("injured", "有人受伤吗？", "Anyone hurt?", "YES_NO", List.of(), false);
  private static final CategoryQuestion PEOPLE =
      new CategoryQuestion(
          "people_involved", "涉及多少人？", "How many people involved?", "NUMBER", List.of(), false);

  private static final List<CategoryRecord> SUBCLASSES = new ArrayList<>();

  private static final String[][] DEPARTMENTS = {
    {"D01", "城市管理局"},
    {"D02", "住房和城乡建设局"},
    {"D03", "生态环境局"},
    {"D04", "应急管理局"},
    {"D05", "市场监督管理局"},
    {"D06", "公安局"},
    {"D07", "消防救援支队"},
    {"D08", "交通运输局"},
    {"D09", "水利局"},
    {"D10", "民政局"},
    {"D11", "人力资源和社会保障局"},
    {"D12", "卫生健康委员会"},
    {"D13", "自然资源局"},
    {"D14", "供电公司"},
    {"D15", "自来水公司"},
    {"D16", "司法局"}
  };

  private static final String[][] MAJORS = {
    {"01", "市容环境"},
    {"02", "宣传广告"},
    {"03", "施工管理"},
    {"04", "街面秩序"},
    {"05", "突发事件"},
    {"06", "矛盾纠纷"},
    {"07", "治安隐患"},
    {"08", "安全隐患"},
    {"09", "特殊人群"},
    {"10", "公共设施"},
    {"11", "其他"}
  };

  private static final List<Minor> MINORS = new ArrayList<>();

  private static void minor(
      String code,
      String name,
      String department,
      int hours,
      Risk risk,
      int radius,
      double frequency,
      String template) {
    String major = code.substring(0, 2);
    SUBCLASSES.add(CategoryRecord.group(code, name, null, major, hours));
    boolean emergency = major.equals("05");
    List<CategoryQuestion> questions =
        emergency ? List.of(INJURED, PEOPLE) : major.equals("06") ? List.of(PEOPLE) : List.of();
    MINORS.add(
        new Minor(
            new CategoryRecord(
                code + "01",
                name,
                null,
                CategoryLevel.ITEM,
                code,
                department,
                List.of(),
                department == null || !NOT_FOR_GRIDS.contains(department),
                hours,
                emergency || AROUND_THE_CLOCK.contains(code)
                    ? ClockType.CALENDAR_HOURS
                    : ClockType.WORKING_HOURS,
                risk,
                radius,
                ALARMS.contains(code),
                questions),
            frequency,
            template));
  }

  static {
    Risk low = Risk.LOW;
    Risk medium = Risk.MEDIUM;
    Risk high = Risk.HIGH;
    minor("0101", "私搭乱建", "D01", 4, medium, 100, 3, "{p}附近有私搭乱建的棚屋");
    minor("0102", "暴露垃圾", null, 4, low, 50, 20, "{p}附近垃圾堆积未清运");
    minor("0103", "积存垃圾渣土", "D01", 8, low, 100, 4, "{p}附近积存建筑垃圾渣土");
    minor("0104", "道路不洁", null, 2, low, 200, 5, "{p}路面污渍明显，需清扫");
    minor("0105", "水域不洁", "D09", 16, low, 200, 1, "{p}附近河道漂浮垃圾");
    minor("0106", "绿地脏乱", "D01", 40, low, 100, 2, "{p}附近绿化带脏乱，杂物堆积");
    minor("0107", "废弃家具设备", null, 8, low, 50, 3, "{p}楼道口堆放废弃家具");
    minor("0108", "焚烧垃圾树叶", "D03", 4, medium, 100, 1, "{p}附近有人焚烧垃圾");
    minor("0109", "油烟污染", "D03", 16, low, 50, 2, "{p}餐饮店油烟直排扰民");
    minor("0201", "违规张贴小广告", null, 8, low, 50, 8, "{p}墙面张贴大量小广告");
    minor("0202", "违规户外广告", "D01", 16, low, 100, 2, "{p}擅自设置户外广告牌");
    minor("0203", "占道广告牌", null, 4, low, 50, 3, "{p}人行道摆放广告牌");
    minor("0204", "非法涂写", null, 8, low, 50, 2, "{p}墙面有非法涂写的电话号码");
    minor("0301", "施工扰民", "D02", 8, medium, 100, 3, "{p}工地夜间施工噪音扰民");
    minor("0302", "施工废弃料", "D02", 16, low, 100, 2, "{p}附近施工废料未清理");
    minor("0303", "违规挖掘道路", "D08", 8, medium, 200, 1, "{p}路段擅自开挖未设围挡");
    minor("0304", "工地扬尘", "D03", 8, low, 200, 2, "{p}工地裸土未覆盖，扬尘严重");
    minor("0305", "无证施工", "D02", 16, medium, 100, 1, "{p}附近疑似无证施工");
    minor("0401", "占道经营", null, 2, low, 50, 15, "{p}有摊贩占道经营");
    minor("0402", "店外经营", null, 4, low, 50, 6, "{p}商户店外摆卖");
    minor("0403", "乱停车", "D06", 2, low, 100, 12, "{p}车辆乱停乱放堵塞通道");
    minor("0404", "非机动车乱停放", null, 4, low, 50, 6, "{p}共享单车堆放无序");
    minor("0405", "乱堆物堆料", null, 8, low, 50, 5, "{p}附近乱堆杂物");
    minor("0406", "露天烧烤", null, 4, low, 50, 2, "{p}附近夜间露天烧烤");
    minor("0407", "流浪乞讨", "D10", 8, low, 100, 1, "{p}附近有流浪人员需要救助");
    minor("0501", "路面塌陷", "D08", 2, high, 200, 0.5, "{p}路面出现塌陷");
    minor("0502", "供水管道破裂", "D15", 2, medium, 200, 1, "{p}自来水管破裂大量漏水");
    minor("0503", "燃气泄漏", "D04", 2, high, 200, 0.3, "{p}附近闻到燃气味，疑似泄漏");
    minor("0504", "道路积水", "D09", 4, medium, 200, 1, "{p}路段积水严重影响通行");
    minor("0505", "火情", "D07", 2, high, 200, 0.3, "{p}附近冒烟，疑似火情");
    minor("0506", "停电", "D14", 4, medium, 200, 1, "{p}片区停电");
    minor("0507", "树木倒伏", "D01", 4, medium, 100, 0.7, "{p}行道树倒伏阻碍交通");
    minor("0601", "邻里纠纷", null, 40, medium, 100, 3, "{p}邻里因噪音问题发生纠纷");
    minor("0602", "婚姻家庭纠纷", null, 40, medium, 100, 1.5, "{p}住户家庭矛盾需调解");
    minor("0603", "物业纠纷", "D02", 40, medium, 100, 2, "{p}小区业主与物业因收费发生纠纷");
    minor("0604", "劳资纠纷", "D11", 40, high, 100, 1, "{p}附近工人讨要拖欠工资");
    minor("0605", "土地纠纷", "D13", 40, medium, 200, 0.5, "{p}附近发生土地权属纠纷");
    minor("0606", "消费纠纷", "D05", 40, low, 50, 1.5, "{p}商户与顾客发生消费纠纷");
    minor("0701", "可疑人员", "D06", 2, medium, 100, 1, "{p}附近有可疑人员徘徊");
    minor("0702", "出租房屋未登记", null, 40, low, 50, 2, "{p}出租房屋租户信息未登记");
    minor("0703", "涉赌涉黄线索", "D06", 8, high, 100, 0.3, "{p}附近疑似有聚众赌博");
    minor("0704", "电信诈骗风险", "D06", 8, medium, 100, 0.5, "{p}住户疑似遭遇电信诈骗");
    minor("0801", "消防通道堵塞", "D07", 4, medium, 50, 2, "{p}消防通道被车辆堵塞");
    minor("0802", "电动车违规充电", null, 4, medium, 50, 3, "{p}楼道内电动车飞线充电");
    minor("0803", "危房", "D02", 16, high, 50, 0.5, "{p}房屋墙体开裂存在安全隐患");
    minor("0804", "燃气安全隐患", "D04", 4, high, 50, 0.5, "{p}餐饮店燃气瓶存放不规范");
    minor("0805", "井盖缺损", "D08", 4, medium, 200, 1.5, "{p}路段井盖缺失");
    minor("0806", "食品安全", "D05", 16, medium, 50, 1, "{p}无证食品摊点卫生堪忧");
    minor("0807", "高空坠物隐患", null, 8, medium, 50, 1, "{p}阳台花盆存在坠落风险");
    minor("0901", "独居老人关爱", null, 24, low, 100, 1.5, "{p}独居老人需要上门探访");
    minor("0902", "严重精神障碍患者", "D12", 8, high, 100, 0.3, "{p}精神障碍患者情绪异常");
    minor("0903", "社区矫正人员", "D16", 24, medium, 100, 0.3, "{p}社区矫正对象未按时报到");
    minor("0904", "困难群众救助", "D10", 40, low, 100, 0.8, "{p}困难家庭申请临时救助");
    minor("0905", "留守儿童", "D10", 40, low, 100, 0.4, "{p}留守儿童无人照看");
    minor("1001", "路灯损坏", "D01", 16, low, 100, 2, "{p}路灯不亮");
    minor("1002", "道路破损", "D08", 40, low, 200, 1.5, "{p}路面坑洼破损");
    minor("1003", "交通设施损坏", "D06", 16, low, 100, 0.8, "{p}交通信号灯故障");
    minor("1004", "健身器材损坏", null, 40, low, 50, 0.8, "{p}小区健身器材损坏");
    minor("1101", "噪声扰民", null, 8, low, 100, 2, "{p}商铺音响噪声扰民");
    minor("1102", "动物尸体", null, 4, low, 50, 0.5, "{p}路边有动物尸体");
    minor("1103", "其他事项", null, 16, low, 100, 1, "{p}群众反映其他问题");
  }

  private Catalogue() {}

  /** Items in code order. */
  static List<Minor> minors() {
    return List.copyOf(MINORS);
  }

  /** Classes, then subclasses, then items, each in code order (parents before children). */
  static List<CategoryRecord> categories() {
    List<CategoryRecord> result = new ArrayList<>();
    for (String[] major : MAJORS) {
      int deadline =
          MINORS.stream()
              .filter(m -> m.record().code().startsWith(major[0]))
              .mapToInt(m -> m.record().deadlineHours())
              .max()
              .orElseThrow();
      result.add(CategoryRecord.group(major[0], major[1], null, null, deadline));
    }
    result.addAll(SUBCLASSES);
    for (Minor m : MINORS) {
      result.add(m.record());
    }
    return result;
  }

  /** Departments with unique phone numbers 0790-6xxxxxx (Xinyu's area code). */
  static List<DepartmentRecord> departments(long seed) {
    SplittableRandom random = Hashing.stream(seed, "departments");
    TreeSet<String> phones = new TreeSet<>();
    List<DepartmentRecord> result = new ArrayList<>();
    for (String[] d : DEPARTMENTS) {
      String phone;
      do {
        phone = "0790-6" + String.format("%06d", random.nextInt(1_000_000));
      } while (!phones.add(phone));
      result.add(new DepartmentRecord(d[0], d[1], phone));
    }
    return result;
  }
}
