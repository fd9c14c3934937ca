package org.wangge.gisdata.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.wangge.gisdata.model.CategoryLevel;
import org.wangge.gisdata.model.CategoryQuestion;
import org.wangge.gisdata.model.CategoryRecord;
import org.wangge.gisdata.model.ClockType;
import org.wangge.gisdata.model.DepartmentRecord;
import org.wangge.gisdata.model.Risk;

/**
 * The city's departments and its three-level responsibility list (权责清单: 11 classes, 101
 * subclasses, 238 items), modelled on the structure of Dalian's published grid-governance list (see
 * docs/responsibility-list-demo.md), not a copy of it: who handles each item (lead and
 * co-departments), whether a grid may be given it at all (职责准入), its deadline and clock,
 * default risk, duplicate radius, alarm flag and extra questions; plus, for the generator only, how
 * often each item is reported and how a report of it reads. Immutable.
 *
 * <p>The first item of every subclass ({@code xxxx01}) is the demo list of earlier versions, with
 * its department, hours, risk, radius and frequency unchanged; the other items are rarer.
 */
final class Catalogue {

  /** An item (事项) with its generator-only extras. */
  record Minor(CategoryRecord record, double frequency, String template) {}

  /**
   * Codes (subclass or item) of safety and emergency matters whose clocks run around the clock, on
   * top of the whole emergencies class (05).
   */
  private static final Set<String> AROUND_THE_CLOCK =
      Set.of("0801", "0803", "0804", "0808", "090102", "090202", "070102");

  /** Items whose report raises a four-level alarm at once. */
  private static final Set<String> ALARMS =
      Set.of(
          "050101", "050301", "050302", "050303", "050402", "050501", "050502", "050503",
          "050504", "050801", "050802", "050901", "050902", "051002", "051101", "051102",
          "051201", "051202", "051203", "051301", "051304", "051401");

  /**
   * Departments whose items a grid must not be handed (职责准入): emergency management, police, fire
   * and rescue, the street's law-enforcement team, the gas company (repairs).
   */
  private static final Set<String> NOT_FOR_GRIDS = Set.of("D04", "D06", "D07", "D21", "D22");

  /** Further items a grid must not be handed: medical care, power repairs. */
  private static final Set<String> NOT_FOR_GRIDS_ITEMS =
      Set.of("050602", "050603", "051103", "051104", "060701", "090202");

  private static final CategoryQuestion INJURED =
      new CategoryQuestion("injured", "有人受伤吗？", "Anyone hurt?", "YES_NO", List.of(), false);
  private static final CategoryQuestion PEOPLE =
      new CategoryQuestion(
          "people_involved", "涉及多少人？", "How many people involved?", "NUMBER", List.of(), false);
  private static final CategoryQuestion PEOPLE_REQUIRED =
      new CategoryQuestion(
          "people_involved", "涉及多少人？", "How many people involved?", "NUMBER", List.of(), true);
  private static final CategoryQuestion TRAPPED =
      new CategoryQuestion("trapped", "有人被困吗？", "Is anyone trapped?", "YES_NO", List.of(), true);
  private static final CategoryQuestion ROAD_BLOCKED =
      new CategoryQuestion(
          "road_blocked", "道路是否阻断？", "Is the road blocked?", "YES_NO", List.of(), false);
  private static final CategoryQuestion FIRE_STATE =
      new CategoryQuestion(
          "fire_state", "现场情况", "What is seen", "CHOICE", List.of("冒烟", "明火", "已扑灭"), true);
  private static final CategoryQuestion WATER_DEPTH =
      new CategoryQuestion(
          "water_depth_cm", "积水约多深（厘米）？", "Water depth (cm)?", "NUMBER", List.of(), false);
  private static final CategoryQuestion PLATE =
      new CategoryQuestion(
          "plate", "车牌号（如能看到）", "Number plate (if visible)", "TEXT", List.of(), false);
  private static final CategoryQuestion ONGOING =
      new CategoryQuestion(
          "ongoing", "现在还在进行吗？", "Is it still going on?", "YES_NO", List.of(), false);
  private static final CategoryQuestion WEAPONS =
      new CategoryQuestion(
          "weapons", "是否持有器械？", "Are weapons involved?", "YES_NO", List.of(), false);
  private static final CategoryQuestion LOOKS =
      new CategoryQuestion(
          "looks", "走失者年龄和衣着", "Age and clothing of the missing person", "TEXT", List.of(), true);
  private static final CategoryQuestion SMELL =
      new CategoryQuestion(
          "smell", "气味程度", "How strong is the smell?", "CHOICE", List.of("轻微", "明显", "浓烈"), false);

  /** Extra questions of single items, on top of the class's (05: injured, people; 06: people). */
  private static final Map<String, List<CategoryQuestion>> EXTRA_QUESTIONS = new HashMap<>();

  static {
    for (String code :
        List.of("050101", "050102", "050401", "050402", "050701", "050702", "050803", "051001", "051301")) {
      EXTRA_QUESTIONS.put(code, List.of(ROAD_BLOCKED));
    }
    for (String code : List.of("050302", "050801", "050802", "050901", "051002")) {
      EXTRA_QUESTIONS.put(code, List.of(TRAPPED));
    }
    for (String code : List.of("050502", "050503", "050504")) {
      EXTRA_QUESTIONS.put(code, List.of(FIRE_STATE));
    }
    EXTRA_QUESTIONS.put("050403", List.of(WATER_DEPTH));
    EXTRA_QUESTIONS.put("050402", List.of(ROAD_BLOCKED, WATER_DEPTH, TRAPPED));
    EXTRA_QUESTIONS.put("050401", List.of(ROAD_BLOCKED, WATER_DEPTH));
    EXTRA_QUESTIONS.put("050303", List.of(SMELL));
    for (String code : List.of("040301", "040302", "040303", "010702")) {
      EXTRA_QUESTIONS.put(code, List.of(PLATE));
    }
    for (String code :
        List.of("030101", "030102", "010801", "010802", "040901", "110101", "070603", "060202")) {
      EXTRA_QUESTIONS.put(code, List.of(ONGOING));
    }
    EXTRA_QUESTIONS.put("070601", List.of(ONGOING, WEAPONS, PEOPLE));
    EXTRA_QUESTIONS.put("090102", List.of(LOOKS));
    EXTRA_QUESTIONS.put("080402", List.of(SMELL));
  }

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
    {"D16", "司法局"},
    {"D17", "教育局"},
    {"D18", "文化和旅游局"},
    {"D19", "农业农村局"},
    {"D20", "气象局"},
    {"D21", "街道综合执法队"},
    {"D22", "燃气集团"}
  };

  private static final String[][] MAJORS = {
    {"01", "市容环境", "City appearance"},
    {"02", "宣传广告", "Signs and advertising"},
    {"03", "施工管理", "Construction"},
    {"04", "街面秩序", "Street order"},
    {"05", "突发事件", "Emergencies"},
    {"06", "矛盾纠纷", "Disputes"},
    {"07", "治安隐患", "Public security"},
    {"08", "安全隐患", "Safety hazards"},
    {"09", "特殊人群", "People needing care"},
    {"10", "公共设施", "Public facilities"},
    {"11", "其他", "Other"}
  };

  /** Subclasses: code, name, English name. */
  private static final Map<String, String[]> SUBCLASSES = new LinkedHashMap<>();

  private static final List<Minor> MINORS = new ArrayList<>();

  /** A subclass of the earlier demo list with its first item (code + "01") of the same name. */
  private static void minor(
      String code,
      String name,
      String nameEn,
      String department,
      int hours,
      Risk risk,
      int radius,
      double frequency,
      String template) {
    subclass(code, name, nameEn);
    item(code + "01", name, nameEn, department, hours, risk, radius, frequency, template);
  }

  private static void subclass(String code, String name, String nameEn) {
    SUBCLASSES.put(code, new String[] {code, name, nameEn});
  }

  /** An item of a declared subclass; {@code co} are its co-departments (协办). */
  private static void item(
      String code,
      String name,
      String nameEn,
      String department,
      int hours,
      Risk risk,
      int radius,
      double frequency,
      String template,
      String... co) {
    String subclass = code.substring(0, 4);
    if (!SUBCLASSES.containsKey(subclass)) {
      throw new IllegalStateException("item " + code + " has no subclass " + subclass);
    }
    String major = code.substring(0, 2);
    List<CategoryQuestion> questions = new ArrayList<>();
    if (major.equals("05")) {
      questions.add(INJURED);
      questions.add(
          code.startsWith("0512") && !code.equals("051203") ? PEOPLE_REQUIRED : PEOPLE);
    } else if (major.equals("06")) {
      questions.add(PEOPLE);
    }
    for (CategoryQuestion extra : EXTRA_QUESTIONS.getOrDefault(code, List.of())) {
      if (questions.stream().noneMatch(q -> q.code().equals(extra.code()))) {
        questions.add(extra);
      }
    }
    boolean aroundTheClock =
        major.equals("05")
            || AROUND_THE_CLOCK.contains(subclass)
            || AROUND_THE_CLOCK.contains(code);
    boolean admitted =
        (department == null || !NOT_FOR_GRIDS.contains(department))
            && !NOT_FOR_GRIDS_ITEMS.contains(code);
    MINORS.add(
        new Minor(
            new CategoryRecord(
                code,
                name,
                nameEn,
                CategoryLevel.ITEM,
                subclass,
                department,
                Arrays.asList(co),
                admitted,
                hours,
                aroundTheClock ? ClockType.CALENDAR_HOURS : ClockType.WORKING_HOURS,
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
    // 01 市容环境
    minor("0101", "私搭乱建", "Illegal structures", "D01", 4, medium, 100, 3, "{p}附近有私搭乱建的棚屋");
    item("010102", "在建违法建设", "Illegal building under way", "D21", 4, medium, 100, 0.3, "{p}有人正在加盖违法建筑", "D02");
    item("010103", "屋顶违建", "Rooftop structure", "D21", 16, low, 50, 0.2, "{p}楼顶私自搭建阳光房");
    item("010104", "占用绿地搭建", "Shed on green space", "D01", 16, low, 100, 0.1, "{p}绿地内搭建简易棚");
    minor("0102", "暴露垃圾", "Exposed rubbish", null, 4, low, 50, 20, "{p}附近垃圾堆积未清运");
    item("010202", "垃圾箱满溢", "Overflowing bins", null, 4, low, 50, 0.4, "{p}垃圾箱满溢，垃圾散落");
    item("010203", "垃圾分类投放不规范", "Rubbish not sorted", null, 8, low, 50, 0.3, "{p}垃圾未分类混投");
    minor("0103", "积存垃圾渣土", "Construction waste piles", "D01", 8, low, 100, 4, "{p}附近积存建筑垃圾渣土");
    item("010302", "渣土车抛洒", "Spillage from muck trucks", "D01", 4, low, 200, 0.2, "{p}渣土车沿路抛洒", "D08");
    item("010303", "偷倒建筑垃圾", "Fly-tipping of construction waste", "D21", 8, medium, 100, 0.2, "{p}夜间有人偷倒建筑垃圾");
    minor("0104", "道路不洁", "Dirty road", null, 2, low, 200, 5, "{p}路面污渍明显，需清扫");
    item("010402", "道路油污", "Oil on the road", null, 4, low, 200, 0.2, "{p}路面大片油污易打滑");
    minor("0105", "水域不洁", "Dirty water", "D09", 16, low, 200, 1, "{p}附近河道漂浮垃圾");
    item("010502", "排污口异常排放", "Abnormal discharge", "D03", 8, medium, 200, 0.1, "{p}河道排污口排出有色污水", "D09");
    item("010503", "水面死鱼", "Dead fish on the water", "D03", 8, medium, 200, 0.05, "{p}河面出现大量死鱼", "D19");
    minor("0106", "绿地脏乱", "Untidy green space", "D01", 40, low, 100, 2, "{p}附近绿化带脏乱，杂物堆积");
    item("010602", "绿地毁坏", "Damaged green space", "D01", 16, low, 100, 0.2, "{p}绿化带被车辆碾压毁坏");
    item("010603", "毁绿种菜", "Vegetables on green space", null, 40, low, 50, 0.2, "{p}居民在公共绿地种菜");
    minor("0107", "废弃家具设备", "Discarded furniture", null, 8, low, 50, 3, "{p}楼道口堆放废弃家具");
    item("010702", "僵尸车", "Abandoned vehicle", "D06", 40, low, 50, 0.2, "{p}一辆车长期停放积灰，疑似废弃", "D01");
    minor("0108", "焚烧垃圾树叶", "Burning rubbish or leaves", "D03", 4, medium, 100, 1, "{p}附近有人焚烧垃圾");
    item("010802", "焚烧秸秆", "Burning straw", "D19", 4, medium, 200, 0.1, "{p}田间焚烧秸秆浓烟滚滚", "D03");
    minor("0109", "油烟污染", "Cooking fumes", "D03", 16, low, 50, 2, "{p}餐饮店油烟直排扰民");
    item("010902", "异味扰民", "Foul smell", "D03", 16, low, 100, 0.2, "{p}附近有刺鼻异味");
    subclass("0110", "公厕环境", "Public toilets");
    item("011001", "公厕脏污", "Dirty public toilet", "D01", 4, low, 50, 0.3, "{p}公厕卫生脏乱");
    item("011002", "公厕设施损坏", "Broken toilet fittings", "D01", 16, low, 50, 0.1, "{p}公厕水箱损坏");
    subclass("0111", "动物饲养", "Animals");
    item("011101", "犬只扰民", "Dog nuisance", null, 8, low, 50, 0.3, "{p}犬只未拴绳、夜间吠叫扰民");
    item("011102", "流浪犬", "Stray dogs", "D01", 8, medium, 100, 0.2, "{p}有流浪犬聚集追咬行人");
    item("011103", "违规饲养家禽", "Poultry in town", null, 40, low, 50, 0.1, "{p}居民在楼下饲养鸡鸭");
    subclass("0112", "积雪积冰", "Snow and ice");
    item("011201", "道路积雪", "Snow on roads", "D01", 4, medium, 200, 0.2, "{p}道路积雪未清扫");
    item("011202", "人行道结冰", "Ice on pavements", null, 4, medium, 100, 0.2, "{p}人行道结冰，行人滑倒");

    // 02 宣传广告
    minor("0201", "违规张贴小广告", "Illegal flyposting", null, 8, low, 50, 8, "{p}墙面张贴大量小广告");
    item("020102", "乱发小广告", "Leafleting", null, 8, low, 50, 0.3, "{p}有人向路人散发小广告");
    minor("0202", "违规户外广告", "Illegal billboards", "D01", 16, low, 100, 2, "{p}擅自设置户外广告牌");
    item("020202", "广告牌破损", "Damaged billboard", "D01", 8, medium, 100, 0.2, "{p}广告牌面板破损松动");
    item("020203", "LED屏光污染", "Glaring LED screen", "D01", 16, low, 100, 0.1, "{p}LED大屏夜间强光扰民", "D03");
    minor("0203", "占道广告牌", "A-boards on the pavement", null, 4, low, 50, 3, "{p}人行道摆放广告牌");
    item("020302", "乱挂条幅", "Unauthorised banners", null, 8, low, 50, 0.2, "{p}树上乱挂宣传条幅");
    minor("0204", "非法涂写", "Graffiti", null, 8, low, 50, 2, "{p}墙面有非法涂写的电话号码");
    subclass("0205", "店招店牌", "Shop signs");
    item("020501", "店招破损", "Broken shop sign", "D01", 8, medium, 50, 0.2, "{p}店招灯箱破损有坠落风险");
    item("020502", "店招设置不规范", "Non-standard shop sign", "D01", 40, low, 50, 0.1, "{p}商户店招超出规定尺寸");
    subclass("0206", "宣传设施", "Notice boards");
    item("020601", "宣传栏破损", "Damaged notice board", null, 16, low, 50, 0.1, "{p}社区宣传栏玻璃破碎");
    item("020602", "过期宣传品", "Outdated posters", null, 16, low, 50, 0.1, "{p}宣传栏内张贴过期通知");

    // 03 施工管理
    minor("0301", "施工扰民", "Construction noise", "D02", 8, medium, 100, 3, "{p}工地夜间施工噪音扰民");
    item("030102", "无许可夜间施工", "Night work without a permit", "D21", 4, medium, 100, 0.3, "{p}工地深夜施工无夜间施工许可", "D03");
    minor("0302", "施工废弃料", "Construction debris", "D02", 16, low, 100, 2, "{p}附近施工废料未清理");
    item("030202", "施工污水外流", "Construction waste water", "D02", 8, low, 100, 0.1, "{p}工地泥浆水流到路面", "D03");
    minor("0303", "违规挖掘道路", "Unauthorised road digging", "D08", 8, medium, 200, 1, "{p}路段擅自开挖未设围挡");
    item("030302", "挖掘后未恢复", "Road not reinstated", "D08", 16, medium, 200, 0.2, "{p}管线施工后路面未恢复");
    minor("0304", "工地扬尘", "Construction dust", "D03", 8, low, 200, 2, "{p}工地裸土未覆盖，扬尘严重");
    item("030402", "运输车辆未密闭", "Uncovered loads", "D01", 4, low, 200, 0.2, "{p}运输车辆未苫盖沿途撒漏", "D08");
    minor("0305", "无证施工", "Building without a permit", "D02", 16, medium, 100, 1, "{p}附近疑似无证施工");
    item("030502", "擅自改变房屋结构", "Load-bearing walls removed", "D02", 8, high, 50, 0.1, "{p}住户装修拆除承重墙");
    subclass("0306", "施工安全", "Construction safety");
    item("030601", "施工围挡破损", "Broken site hoarding", "D02", 8, medium, 100, 0.3, "{p}工地围挡倒伏破损");
    item("030602", "脚手架隐患", "Unsafe scaffolding", "D02", 4, high, 100, 0.1, "{p}脚手架倾斜无防护网");
    item("030603", "塔吊隐患", "Tower crane hazard", "D02", 4, high, 200, 0.05, "{p}塔吊作业越过居民楼上方", "D05");
    item("030604", "深基坑隐患", "Deep excavation hazard", "D02", 4, high, 200, 0.05, "{p}基坑边坡出现裂缝");
    subclass("0307", "装修管理", "Home renovation");
    item("030701", "装修扰民", "Renovation noise", null, 8, low, 50, 0.4, "{p}住户装修午休时间施工");
    item("030702", "装修垃圾乱堆", "Renovation waste dumped", null, 8, low, 50, 0.3, "{p}楼下乱堆装修垃圾");

    // 04 街面秩序
    minor("0401", "占道经营", "Street vending", null, 2, low, 50, 15, "{p}有摊贩占道经营");
    item("040102", "流动摊贩", "Mobile vendors", null, 2, low, 100, 0.4, "{p}流动商贩推车沿街叫卖");
    item("040103", "夜市外溢经营", "Night market overflow", "D21", 4, low, 100, 0.2, "{p}夜市摊位超出划定范围");
    minor("0402", "店外经营", "Trading outside shops", null, 4, low, 50, 6, "{p}商户店外摆卖");
    item("040202", "占道洗车修车", "Car washing or repairs on the street", "D21", 4, low, 50, 0.2, "{p}汽修店占道修车");
    minor("0403", "乱停车", "Illegal parking", "D06", 2, low, 100, 12, "{p}车辆乱停乱放堵塞通道");
    item("040302", "占用盲道停车", "Parking on tactile paving", "D06", 2, low, 50, 0.3, "{p}车辆停放在盲道上");
    item("040303", "机动车占用人行道", "Cars on the pavement", "D06", 2, low, 50, 0.4, "{p}多辆机动车停在人行道");
    minor("0404", "非机动车乱停放", "Bicycles parked badly", null, 4, low, 50, 6, "{p}共享单车堆放无序");
    item("040402", "共享单车淤积", "Shared bikes piled up", "D08", 4, low, 100, 0.3, "{p}地铁口共享单车大量淤积");
    minor("0405", "乱堆物堆料", "Materials piled up", null, 8, low, 50, 5, "{p}附近乱堆杂物");
    item("040502", "楼道堆物", "Stairwell clutter", null, 8, medium, 50, 0.4, "{p}楼道内堆放大量杂物");
    minor("0406", "露天烧烤", "Open-air barbecue", null, 4, low, 50, 2, "{p}附近夜间露天烧烤");
    minor("0407", "流浪乞讨", "Homeless and begging", "D10", 8, low, 100, 1, "{p}附近有流浪人员需要救助");
    item("040702", "强讨恶要", "Aggressive begging", "D06", 4, medium, 100, 0.05, "{p}有人拦住路人强行讨要");
    subclass("0408", "违规经营", "Illegal trading");
    item("040801", "黑车揽客", "Unlicensed taxis", "D08", 8, low, 100, 0.2, "{p}路口有黑车拉客");
    item("040802", "无证经营", "Unlicensed business", "D05", 16, low, 50, 0.2, "{p}商铺无营业执照经营");
    item("040803", "违规销售烟花爆竹", "Illegal sale of fireworks", "D04", 4, high, 100, 0.05, "{p}小卖部违规销售烟花爆竹", "D06");
    subclass("0409", "户外活动", "Outdoor activities");
    item("040901", "广场舞噪声", "Square dancing noise", null, 8, low, 100, 0.4, "{p}广场舞音响声音过大");
    item("040902", "违规占道举办活动", "Street event without a permit", "D21", 4, low, 100, 0.1, "{p}商家占道举办促销活动");

    // 05 突发事件
    minor("0501", "路面塌陷", "Road collapse", "D08", 2, high, 200, 0.5, "{p}路面出现塌陷");
    item("050102", "路面沉降开裂", "Road subsidence", "D08", 4, medium, 200, 0.1, "{p}路面下沉出现裂缝");
    minor("0502", "供水管道破裂", "Burst water main", "D15", 2, medium, 200, 1, "{p}自来水管破裂大量漏水");
    item("050202", "小区停水", "Water cut", "D15", 4, medium, 200, 0.3, "{p}小区突然停水");
    item("050203", "水质异常", "Unusual tap water", "D15", 4, high, 200, 0.05, "{p}自来水发黄有异味", "D12");
    minor("0503", "燃气泄漏", "Gas leak", "D04", 2, high, 200, 0.3, "{p}附近闻到燃气味，疑似泄漏");
    item("050302", "燃气爆炸", "Gas explosion", "D07", 1, high, 300, 0.02, "{p}居民楼发生燃气爆炸", "D04", "D22");
    item("050303", "燃气管道破损", "Damaged gas pipe", "D22", 2, high, 200, 0.05, "{p}施工挖断燃气管道", "D04");
    item("050304", "燃气设施被占压", "Gas facility built over", "D22", 16, medium, 100, 0.05, "{p}燃气管线上方违规搭建");
    minor("0504", "道路积水", "Flooded road", "D09", 4, medium, 200, 1, "{p}路段积水严重影响通行");
    item("050402", "下穿通道积水", "Flooded underpass", "D09", 2, high, 200, 0.05, "{p}下穿桥积水，有车辆熄火", "D08", "D06");
    item("050403", "内涝进户", "Flooding into homes", "D09", 2, high, 200, 0.05, "{p}雨水倒灌进一楼住户", "D10");
    minor("0505", "火情", "Fire", "D07", 2, high, 200, 0.3, "{p}附近冒烟，疑似火情");
    item("050502", "电动车起火", "E-bike fire", "D07", 1, high, 200, 0.05, "{p}楼道内电动车起火");
    item("050503", "山林火情", "Hillside fire", "D07", 1, high, 500, 0.03, "{p}山上冒烟有明火", "D13");
    item("050504", "车辆起火", "Vehicle fire", "D07", 1, high, 200, 0.03, "{p}路边车辆起火");
    minor("0506", "停电", "Power cut", "D14", 4, medium, 200, 1, "{p}片区停电");
    item("050602", "电力线路断落", "Fallen power line", "D14", 2, high, 100, 0.05, "{p}电线断落在人行道上");
    item("050603", "变压器异常", "Transformer fault", "D14", 2, high, 100, 0.05, "{p}变压器冒烟有异响");
    minor("0507", "树木倒伏", "Fallen tree", "D01", 4, medium, 100, 0.7, "{p}行道树倒伏阻碍交通");
    item("050702", "断枝悬挂", "Hanging broken branch", "D01", 4, medium, 100, 0.2, "{p}大风后断枝悬挂在树上");
    subclass("0508", "建筑物倒塌", "Building collapse");
    item("050801", "房屋倒塌", "House collapse", "D02", 1, high, 200, 0.02, "{p}老旧房屋倒塌", "D07", "D04");
    item("050802", "墙体倒塌", "Wall collapse", "D02", 2, high, 200, 0.03, "{p}围墙倒塌", "D07");
    item("050803", "广告牌坠落", "Billboard fallen", "D01", 2, high, 100, 0.03, "{p}广告牌被风刮落");
    subclass("0509", "爆炸与危化品", "Explosions and hazardous chemicals");
    item("050901", "爆炸", "Explosion", "D07", 1, high, 500, 0.02, "{p}传来爆炸声并冒出浓烟", "D04", "D06");
    item("050902", "危化品泄漏", "Hazardous chemical leak", "D04", 1, high, 500, 0.02, "{p}槽罐车泄漏刺鼻气体", "D03", "D07");
    subclass("0510", "交通事故", "Traffic accidents");
    item("051001", "交通事故", "Road accident", "D06", 2, medium, 200, 0.3, "{p}两车相撞", "D12");
    item("051002", "车辆落水", "Vehicle in the water", "D07", 1, high, 300, 0.02, "{p}一辆车冲入河中", "D06");
    subclass("0511", "人员被困与急救", "People trapped and medical emergencies");
    item("051101", "电梯困人", "People trapped in a lift", "D05", 1, high, 50, 0.1, "{p}电梯故障有人被困", "D07");
    item("051102", "人员落水", "Person in the water", "D07", 1, high, 300, 0.03, "{p}有人落水", "D06");
    item("051103", "突发急病", "Sudden illness", "D12", 1, high, 100, 0.1, "{p}路边有人晕倒");
    item("051104", "高处坠落", "Fall from height", "D12", 1, high, 100, 0.03, "{p}有人从高处坠落", "D06");
    subclass("0512", "人员聚集", "Mass gatherings");
    item("051201", "人员大量聚集", "Large gathering", "D06", 1, high, 300, 0.05, "{p}大量人员聚集");
    item("051202", "踩踏风险", "Crowd crush risk", "D06", 1, high, 300, 0.02, "{p}人流拥挤有踩踏风险", "D04");
    item("051203", "群体上访", "Group petition", null, 2, high, 300, 0.05, "{p}数十人聚集上访");
    subclass("0513", "自然灾害", "Natural hazards");
    item("051301", "山体滑坡", "Landslide", "D13", 1, high, 500, 0.02, "{p}山体滑坡掩埋道路", "D04");
    item("051302", "暴雨险情", "Heavy rain danger", "D20", 2, high, 500, 0.05, "{p}暴雨导致低洼处险情", "D09");
    item("051303", "大风灾害", "Storm damage", "D20", 2, medium, 500, 0.05, "{p}大风刮坏围挡和雨棚", "D01");
    item("051304", "海水倒灌", "Storm surge", "D09", 1, high, 1000, 0.02, "{p}海水漫过堤岸", "D20");
    subclass("0514", "公共卫生事件", "Public health events");
    item("051401", "疑似食物中毒", "Suspected food poisoning", "D12", 1, high, 300, 0.03, "{p}多人就餐后呕吐腹泻", "D05");
    item("051402", "传染病疫情线索", "Infectious disease report", "D12", 2, high, 300, 0.03, "{p}多人出现发热症状");

    // 06 矛盾纠纷
    minor("0601", "邻里纠纷", "Neighbour dispute", null, 40, medium, 100, 3, "{p}邻里因噪音问题发生纠纷");
    item("060102", "噪音纠纷", "Noise dispute", null, 40, medium, 50, 0.4, "{p}楼上楼下因噪音多次争吵");
    item("060103", "漏水纠纷", "Leak between flats", null, 40, low, 50, 0.4, "{p}楼上漏水引发邻里纠纷");
    minor("0602", "婚姻家庭纠纷", "Family dispute", null, 40, medium, 100, 1.5, "{p}住户家庭矛盾需调解");
    item("060202", "家庭暴力", "Domestic violence", "D06", 2, high, 50, 0.1, "{p}住户家中传出打骂声", "D10");
    item("060203", "赡养纠纷", "Elder support dispute", "D16", 40, medium, 50, 0.2, "{p}子女拒绝赡养老人");
    minor("0603", "物业纠纷", "Property management dispute", "D02", 40, medium, 100, 2, "{p}小区业主与物业因收费发生纠纷");
    item("060302", "业委会纠纷", "Owners' committee dispute", "D02", 40, medium, 100, 0.1, "{p}业主对业委会选举有争议");
    item("060303", "车位纠纷", "Parking space dispute", null, 40, low, 50, 0.3, "{p}业主因车位归属发生争执");
    minor("0604", "劳资纠纷", "Wage dispute", "D11", 40, high, 100, 1, "{p}附近工人讨要拖欠工资");
    item("060402", "农民工欠薪", "Unpaid migrant workers", "D11", 16, high, 100, 0.2, "{p}工地农民工聚集讨薪", "D02");
    item("060403", "劳动合同纠纷", "Employment contract dispute", "D11", 40, low, 100, 0.1, "{p}员工被辞退未获补偿");
    minor("0605", "土地纠纷", "Land dispute", "D13", 40, medium, 200, 0.5, "{p}附近发生土地权属纠纷");
    item("060502", "征收拆迁纠纷", "Expropriation dispute", "D13", 40, high, 200, 0.05, "{p}住户对征收补偿有异议", "D02");
    item("060503", "土地承包纠纷", "Farm land lease dispute", "D19", 40, medium, 200, 0.05, "{p}村民因承包地边界发生争执");
    minor("0606", "消费纠纷", "Consumer dispute", "D05", 40, low, 50, 1.5, "{p}商户与顾客发生消费纠纷");
    item("060602", "预付卡纠纷", "Prepaid card dispute", "D05", 40, medium, 100, 0.2, "{p}健身房关门，会员卡无法退费");
    item("060603", "房屋租赁纠纷", "Tenancy dispute", "D02", 40, low, 50, 0.2, "{p}房东拒退押金");
    subclass("0607", "医疗纠纷", "Medical disputes");
    item("060701", "医疗纠纷", "Medical dispute", "D12", 24, high, 100, 0.05, "{p}患者家属在诊所门口聚集", "D16");
    subclass("0608", "校园纠纷", "School disputes");
    item("060801", "学生纠纷", "Dispute between pupils", "D17", 24, medium, 100, 0.1, "{p}学校门口学生发生冲突");
    item("060802", "校外培训退费纠纷", "Tutoring refund dispute", "D17", 40, low, 100, 0.1, "{p}培训机构拒绝退费");
    subclass("0609", "旅游纠纷", "Tourism disputes");
    item("060901", "旅游投诉", "Tourist complaint", "D18", 24, low, 100, 0.1, "{p}游客投诉景区强制消费");

    // 07 治安隐患
    minor("0701", "可疑人员", "Suspicious person", "D06", 2, medium, 100, 1, "{p}附近有可疑人员徘徊");
    item("070102", "可疑物品", "Suspicious object", "D06", 1, high, 200, 0.05, "{p}路边有无人看管的可疑包裹");
    minor("0702", "出租房屋未登记", "Unregistered rental", null, 40, low, 50, 2, "{p}出租房屋租户信息未登记");
    item("070202", "群租房", "Overcrowded rental", "D02", 40, medium, 50, 0.2, "{p}一套房内隔出多间出租", "D06");
    item("070203", "短租民宿未登记", "Unregistered short let", "D06", 40, low, 50, 0.1, "{p}短租房客未登记入住");
    minor("0703", "涉赌涉黄线索", "Gambling or vice", "D06", 8, high, 100, 0.3, "{p}附近疑似有聚众赌博");
    item("070302", "涉毒线索", "Drug clues", "D06", 8, high, 100, 0.05, "{p}出租屋内疑似有人吸毒");
    minor("0704", "电信诈骗风险", "Phone fraud risk", "D06", 8, medium, 100, 0.5, "{p}住户疑似遭遇电信诈骗");
    item("070402", "非法集资线索", "Illegal fundraising", "D05", 16, high, 100, 0.05, "{p}有人向老人推销高息理财", "D06");
    subclass("0705", "重点场所", "Regulated premises");
    item("070501", "网吧接纳未成年人", "Minors in an internet café", "D18", 16, medium, 50, 0.1, "{p}网吧内有未成年人上网");
    item("070502", "娱乐场所超时经营", "Late opening of a bar", "D18", 16, low, 100, 0.1, "{p}歌厅凌晨仍在营业", "D06");
    subclass("0706", "治安事件", "Public disorder");
    item("070601", "打架斗殴", "Fight", "D06", 1, high, 100, 0.1, "{p}有人打架斗殴");
    item("070602", "盗窃线索", "Theft", "D06", 8, medium, 100, 0.2, "{p}小区多辆电动车被盗");
    item("070603", "寻衅滋事", "Harassment", "D06", 2, medium, 100, 0.1, "{p}有人酒后滋事");
    subclass("0707", "安防设施", "Security equipment");
    item("070701", "监控设施损坏", "CCTV broken", "D06", 40, low, 100, 0.1, "{p}路口监控探头损坏");
    item("070702", "单元门禁损坏", "Door entry broken", null, 16, low, 50, 0.3, "{p}单元门禁损坏无法关闭");

    // 08 安全隐患
    minor("0801", "消防通道堵塞", "Blocked fire lane", "D07", 4, medium, 50, 2, "{p}消防通道被车辆堵塞");
    item("080102", "消防设施损坏", "Fire equipment broken", "D07", 8, medium, 50, 0.3, "{p}楼道消火栓箱内无水带");
    item("080103", "安全出口锁闭", "Fire exit locked", "D07", 4, high, 50, 0.1, "{p}商场安全出口被锁闭");
    minor("0802", "电动车违规充电", "Unsafe e-bike charging", null, 4, medium, 50, 3, "{p}楼道内电动车飞线充电");
    item("080202", "电动车进楼入户", "E-bikes kept indoors", null, 8, medium, 50, 0.4, "{p}电动车推进电梯上楼");
    minor("0803", "危房", "Unsafe building", "D02", 16, high, 50, 0.5, "{p}房屋墙体开裂存在安全隐患");
    item("080302", "外墙脱落", "Falling façade tiles", "D02", 4, high, 50, 0.2, "{p}外墙瓷砖脱落砸到地面");
    minor("0804", "燃气安全隐患", "Gas safety hazard", "D04", 4, high, 50, 0.5, "{p}餐饮店燃气瓶存放不规范");
    item("080402", "违规使用液化气瓶", "LPG cylinders misused", "D04", 4, high, 50, 0.1, "{p}地下室餐馆使用液化气瓶", "D22");
    item("080403", "燃气报警器缺失", "No gas alarm fitted", "D22", 16, medium, 50, 0.1, "{p}餐饮店未安装燃气报警器");
    minor("0805", "井盖缺损", "Missing manhole cover", "D08", 4, medium, 200, 1.5, "{p}路段井盖缺失");
    item("080502", "井盖移位", "Displaced manhole cover", "D08", 4, medium, 200, 0.3, "{p}井盖移位，车辆经过有响声");
    item("080503", "雨水篦子缺失", "Missing drain grate", "D09", 8, medium, 100, 0.2, "{p}雨水篦子丢失");
    minor("0806", "食品安全", "Food safety", "D05", 16, medium, 50, 1, "{p}无证食品摊点卫生堪忧");
    item("080602", "过期食品", "Expired food on sale", "D05", 16, medium, 50, 0.2, "{p}超市货架上有过期食品");
    item("080603", "校园周边食品", "Food sold near schools", "D05", 16, medium, 100, 0.1, "{p}校门口摊点售卖三无食品", "D17");
    minor("0807", "高空坠物隐患", "Risk of falling objects", null, 8, medium, 50, 1, "{p}阳台花盆存在坠落风险");
    item("080702", "高空抛物", "Objects thrown from height", "D06", 4, high, 50, 0.1, "{p}楼上有人往下扔杂物");
    subclass("0808", "危险化学品", "Hazardous chemicals");
    item("080801", "违规存放危化品", "Chemicals stored illegally", "D04", 4, high, 100, 0.05, "{p}民房内存放大量油漆稀料");
    item("080802", "非法加油点", "Illegal fuel point", "D04", 4, high, 100, 0.05, "{p}路边流动加油车", "D05");
    subclass("0809", "特种设备", "Lifts and rides");
    item("080901", "电梯故障", "Lift out of order", "D05", 8, medium, 50, 0.3, "{p}电梯运行异常抖动");
    item("080902", "游乐设施隐患", "Amusement ride hazard", "D05", 8, high, 100, 0.05, "{p}游乐设施锈蚀松动", "D18");
    subclass("0810", "边坡与水域", "Slopes, pits and ponds");
    item("081001", "边坡隐患", "Slope hazard", "D13", 8, high, 200, 0.05, "{p}边坡出现裂缝落石");
    item("081002", "废弃矿坑", "Abandoned pit", "D13", 40, medium, 200, 0.03, "{p}废弃采石坑无防护");
    item("081003", "无防护水塘", "Unfenced pond", "D09", 40, medium, 200, 0.05, "{p}水塘边无警示和护栏");
    subclass("0811", "用电安全", "Electrical safety");
    item("081101", "私拉乱接电线", "Illegal wiring", null, 8, medium, 50, 0.3, "{p}商户私拉电线横跨人行道");
    item("081102", "配电箱破损", "Broken distribution box", "D14", 8, medium, 50, 0.1, "{p}配电箱门损坏电线裸露");
    subclass("0812", "生产经营安全", "Workplace safety");
    item("081201", "三合一场所", "Live-in workshop", "D04", 8, high, 50, 0.1, "{p}作坊内住人、生产、仓储混在一起", "D07");
    item("081202", "小作坊安全隐患", "Workshop hazard", "D04", 16, medium, 50, 0.1, "{p}小作坊违规使用电焊");

    // 09 特殊人群
    minor("0901", "独居老人关爱", "Elderly living alone", null, 24, low, 100, 1.5, "{p}独居老人需要上门探访");
    item("090102", "老人走失", "Missing older person", "D06", 2, high, 500, 0.05, "{p}有老人走失，家属正在寻找", "D10");
    item("090103", "高龄老人探访", "Visit to the very old", null, 40, low, 100, 0.2, "{p}90岁以上老人需定期探访");
    minor("0902", "严重精神障碍患者", "Severe mental illness", "D12", 8, high, 100, 0.3, "{p}精神障碍患者情绪异常");
    item("090202", "肇事肇祸风险", "Patient may harm others", "D12", 1, high, 100, 0.03, "{p}精神障碍患者手持器械情绪激动", "D06");
    minor("0903", "社区矫正人员", "Community corrections", "D16", 24, medium, 100, 0.3, "{p}社区矫正对象未按时报到");
    item("090302", "刑满释放人员帮扶", "Help after prison", "D16", 40, low, 100, 0.1, "{p}刑满释放人员需就业帮扶");
    minor("0904", "困难群众救助", "Help for people in hardship", "D10", 40, low, 100, 0.8, "{p}困难家庭申请临时救助");
    item("090402", "低保申请", "Minimum income application", "D10", 40, low, 100, 0.2, "{p}居民咨询申请低保");
    item("090403", "临时住所", "Emergency shelter", "D10", 8, medium, 100, 0.05, "{p}寒夜有人露宿街头");
    minor("0905", "留守儿童", "Left-behind children", "D10", 40, low, 100, 0.4, "{p}留守儿童无人照看");
    item("090502", "困境儿童", "Children in difficulty", "D10", 24, medium, 100, 0.1, "{p}儿童长期无人监护", "D17");
    item("090503", "辍学学生", "Pupil out of school", "D17", 40, medium, 100, 0.05, "{p}适龄儿童未入学");
    subclass("0906", "残疾人服务", "Disability services");
    item("090601", "残疾人帮扶", "Help for disabled people", "D10", 40, low, 100, 0.1, "{p}残疾人需要上门帮扶");
    item("090602", "无障碍设施损坏", "Accessibility facility broken", "D01", 16, low, 50, 0.1, "{p}无障碍坡道被占用损坏");
    subclass("0907", "退役军人服务", "Veterans");
    item("090701", "退役军人帮扶", "Help for veterans", "D10", 40, low, 100, 0.05, "{p}退役军人家庭生活困难");
    subclass("0908", "社区戒毒", "Community drug rehabilitation");
    item("090801", "社区戒毒人员", "Person in community rehabilitation", "D06", 24, medium, 100, 0.05, "{p}社区戒毒人员未按时报到");

    // 10 公共设施
    minor("1001", "路灯损坏", "Broken street light", "D01", 16, low, 100, 2, "{p}路灯不亮");
    item("100102", "景观灯损坏", "Broken decorative light", "D01", 40, low, 100, 0.2, "{p}景观灯带部分不亮");
    minor("1002", "道路破损", "Damaged road", "D08", 40, low, 200, 1.5, "{p}路面坑洼破损");
    item("100202", "人行道破损", "Damaged pavement", "D08", 40, low, 100, 0.4, "{p}人行道地砖松动");
    item("100203", "盲道破损", "Damaged tactile paving", "D08", 40, low, 100, 0.1, "{p}盲道砖缺失");
    minor("1003", "交通设施损坏", "Broken traffic equipment", "D06", 16, low, 100, 0.8, "{p}交通信号灯故障");
    item("100302", "交通标志缺损", "Missing road sign", "D06", 16, low, 100, 0.2, "{p}限速标志被撞倒");
    item("100303", "护栏损坏", "Damaged guardrail", "D08", 16, medium, 100, 0.2, "{p}道路护栏被撞变形");
    minor("1004", "健身器材损坏", "Broken fitness equipment", null, 40, low, 50, 0.8, "{p}小区健身器材损坏");
    item("100402", "儿童游乐设施损坏", "Broken playground equipment", "D01", 16, medium, 50, 0.2, "{p}儿童滑梯开裂");
    subclass("1005", "公交设施", "Bus facilities");
    item("100501", "公交站亭损坏", "Damaged bus shelter", "D08", 16, low, 100, 0.2, "{p}公交站亭玻璃破碎");
    item("100502", "公交站牌缺失", "Missing bus stop sign", "D08", 16, low, 100, 0.1, "{p}公交站牌被撞倒");
    subclass("1006", "通信设施", "Telecom equipment");
    item("100601", "通信线缆下垂", "Sagging telecom cables", "D01", 16, medium, 100, 0.2, "{p}通信线缆下垂影响通行", "D14");
    subclass("1007", "市政管网", "Drains and hydrants");
    item("100701", "雨水管道堵塞", "Blocked storm drain", "D09", 16, low, 100, 0.3, "{p}雨水口堵塞排水不畅");
    item("100702", "污水冒溢", "Sewage overflow", "D09", 8, medium, 100, 0.3, "{p}污水井冒溢", "D03");
    item("100703", "消火栓损坏", "Broken fire hydrant", "D15", 16, medium, 100, 0.1, "{p}市政消火栓漏水", "D07");
    subclass("1008", "园林设施", "Park facilities");
    item("100801", "公园设施损坏", "Damaged park facility", "D01", 40, low, 100, 0.2, "{p}公园凉亭损坏");
    item("100802", "座椅损坏", "Broken bench", "D01", 40, low, 50, 0.2, "{p}路边座椅损坏");
    subclass("1009", "文体设施", "Culture and sport facilities");
    item("100901", "文化活动室设施损坏", "Community culture room damaged", "D18", 40, low, 100, 0.05, "{p}社区文化活动室设备损坏");
    item("100902", "文物受损", "Listed heritage damaged", "D18", 8, high, 100, 0.02, "{p}文物保护碑被涂画");
    subclass("1010", "农村设施", "Rural facilities");
    item("101001", "农田水利设施损坏", "Irrigation channel damaged", "D19", 40, low, 200, 0.05, "{p}灌溉渠道坍塌");
    item("101002", "村道损坏", "Damaged village road", "D08", 40, low, 200, 0.05, "{p}村道路面塌陷坑洼", "D19");

    // 11 其他
    minor("1101", "噪声扰民", "Noise nuisance", null, 8, low, 100, 2, "{p}商铺音响噪声扰民");
    item("110102", "工业噪声", "Industrial noise", "D03", 16, low, 200, 0.1, "{p}工厂机器昼夜轰鸣");
    minor("1102", "动物尸体", "Dead animal", null, 4, low, 50, 0.5, "{p}路边有动物尸体");
    minor("1103", "其他事项", "Other matters", null, 16, low, 100, 1, "{p}群众反映其他问题");
    subclass("1104", "农业农村", "Farming");
    item("110401", "动物疫情线索", "Animal disease", "D19", 8, high, 500, 0.03, "{p}养殖户家禽成批死亡");
    item("110402", "农资质量问题", "Bad seeds or fertiliser", "D19", 40, low, 200, 0.03, "{p}村民反映买到假种子", "D05");
    subclass("1105", "气象服务", "Weather");
    item("110501", "气象设施损坏", "Weather station damaged", "D20", 40, low, 200, 0.02, "{p}自动气象站被损坏");
    subclass("1106", "政策咨询", "Enquiries");
    item("110601", "社保咨询", "Social insurance enquiry", "D11", 40, low, 100, 0.2, "{p}居民咨询养老保险缴费");
    item("110602", "入学咨询", "School enrolment enquiry", "D17", 40, low, 100, 0.2, "{p}家长咨询入学政策");
    item("110603", "户籍咨询", "Household registration enquiry", "D06", 40, low, 100, 0.2, "{p}居民咨询户口迁移");
    subclass("1107", "意见建议", "Suggestions and thanks");
    item("110701", "意见建议", "Suggestion", null, 40, low, 100, 0.2, "{p}居民建议增设休闲座椅");
    item("110702", "表扬", "Thanks", null, 40, low, 100, 0.1, "{p}居民表扬网格员热心服务");
    MINORS.sort(Comparator.comparing(m -> m.record().code()));
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
      result.add(CategoryRecord.group(major[0], major[1], major[2], null, longest(major[0])));
    }
    SUBCLASSES.values().stream()
        .sorted(Comparator.comparing(s -> s[0]))
        .forEach(
            s -> result.add(CategoryRecord.group(s[0], s[1], s[2], s[0].substring(0, 2), longest(s[0]))));
    for (Minor m : MINORS) {
      result.add(m.record());
    }
    return result;
  }

  /** The longest deadline of the items under a class or subclass: its default. */
  private static int longest(String prefix) {
    return MINORS.stream()
        .filter(m -> m.record().code().startsWith(prefix))
        .mapToInt(m -> m.record().deadlineHours())
        .max()
        .orElseThrow();
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
