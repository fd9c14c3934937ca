package org.wangge.risk;

import java.util.Map;
import org.wangge.gisdata.model.AreaLevel;

/** The Chinese words the lists and letters print for statuses, risk grades and centres. */
final class Labels {

  private static final Map<String, String> STATUS =
      Map.of(
          "REPORTED", "已上报",
          "DISPATCHED", "已派遣",
          "ACCEPTED", "已受理",
          "IN_PROGRESS", "处置中",
          "HANDLED", "已处置",
          "CLOSED", "已结案",
          "FOLLOWED_UP", "已回访",
          "CANCELLED", "已撤销");

  private static final Map<String, String> RISK = Map.of("HIGH", "高", "MEDIUM", "中", "LOW", "低");

  private Labels() {}

  static String status(String status) {
    return STATUS.getOrDefault(status, status);
  }

  static String risk(String risk) {
    return RISK.getOrDefault(risk, risk);
  }

  /**
   * The centre of an area as a letter names it: a city, district or street has its 综治中心, a
   * community its 工作站 (DOMAIN.md, "The setting"); a grid is its team.
   */
  static String centre(String areaName, AreaLevel level) {
    if (level == null) {
      return areaName;
    }
    return switch (level) {
      case CITY, DISTRICT, STREET -> areaName + "综治中心";
      case COMMUNITY -> areaName + "工作站";
      case GRID -> areaName;
    };
  }
}
