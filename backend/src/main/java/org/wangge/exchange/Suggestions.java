package org.wangge.exchange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.wangge.gisdata.io.Field;
import org.wangge.gisdata.io.LayerInfo;

/**
 * The suggested kind, level and mapping of a layer, from its name, geometry type, field names (the
 * export's names of contract §3, upper-case and common Chinese variants) and the length of the
 * sampled codes (4, 6, 9, 12, 15 digits: city … grid).
 */
final class Suggestions {

  private Suggestions() {}

  private static final Map<String, List<String>> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put("code", List.of("code", "编码", "代码", "地址编码", "网格编码", "区划代码", "cd"));
    NAMES.put("name", List.of("name", "名称", "姓名", "网格名称"));
    NAMES.put("parentCode", List.of("parent", "parentcode", "parent_code", "pcode", "上级编码", "上级代码", "父编码"));
    NAMES.put("households", List.of("households", "hh", "户数"));
    NAMES.put("residents", List.of("residents", "res", "pop", "人口", "人数", "居民数"));
    NAMES.put("fullText", List.of("address", "fulltext", "full_text", "地址", "详细地址", "标准地址"));
    NAMES.put("road", List.of("road", "路", "道路", "街路巷"));
    NAMES.put("number", List.of("number", "门牌号", "门牌"));
    NAMES.put("building", List.of("building", "楼栋", "栋"));
    NAMES.put("unit", List.of("unit", "单元"));
    NAMES.put("gridCode", List.of("grid", "gridcode", "grid_code", "网格", "所属网格"));
    NAMES.put("role", List.of("role", "角色", "职务"));
    NAMES.put("gridCodes", List.of("grids", "gridcodes", "grid_codes", "网格", "负责网格"));
    NAMES.put("phone", List.of("phone", "电话", "手机", "联系电话"));
    NAMES.put("onDuty", List.of("on_duty", "onduty", "在岗"));
    NAMES.put("categoryCode", List.of("category", "categorycode", "category_code", "类别", "事件类别"));
    NAMES.put("reportedAt", List.of("reported", "reportedat", "reported_at", "上报时间"));
    NAMES.put("status", List.of("status", "状态"));
    NAMES.put("source", List.of("source", "来源"));
    NAMES.put("risk", List.of("risk", "风险"));
    NAMES.put("description", List.of("description", "描述", "事件描述"));
    NAMES.put("dueAt", List.of("due", "dueat", "due_at", "期限"));
    NAMES.put("closedAt", List.of("closed", "closedat", "closed_at", "办结时间"));
    NAMES.put("addressCode", List.of("address", "addresscode", "address_code", "地址编码"));
  }

  static ImportView.Suggested suggest(LayerInfo layer, Map<String, Set<String>> samples) {
    String name = layer.name().toLowerCase(Locale.ROOT);
    boolean polygon = layer.geometryType() != null && layer.geometryType().contains("Polygon");
    ImportPlan.Kind kind;
    if (polygon) {
      kind = ImportPlan.Kind.AREA;
    } else if (name.contains("incident") || name.contains("case") || name.contains("事件") || has(layer, "categoryCode")) {
      kind = ImportPlan.Kind.INCIDENT;
    } else if (name.contains("member") || name.contains("网格员") || has(layer, "role")) {
      kind = ImportPlan.Kind.MEMBER;
    } else {
      kind = ImportPlan.Kind.ADDRESS;
    }
    Map<String, String> mapping = new LinkedHashMap<>();
    var keys = new java.util.ArrayList<>(ImportPlan.REQUIRED.get(kind));
    keys.addAll(ImportPlan.OPTIONAL.get(kind));
    if (kind == ImportPlan.Kind.INCIDENT) {
      keys.addFirst("number");
    }
    for (String key : keys) {
      if (mapping.containsKey(key)) {
        continue;
      }
      String field = find(layer, key, mapping);
      if (field != null) {
        mapping.put(key, field);
      }
    }
    String level = null;
    if (kind == ImportPlan.Kind.AREA) {
      level = levelOf(name, mapping.get("code") == null ? Set.of() : samples.getOrDefault(mapping.get("code"), Set.of()));
    }
    return new ImportView.Suggested(kind.name(), level, mapping);
  }

  private static boolean has(LayerInfo layer, String key) {
    return find(layer, key, Map.of()) != null;
  }

  private static String find(LayerInfo layer, String key, Map<String, String> taken) {
    List<String> wanted = key.equals("number") && has(layer, "categoryCode") ? List.of("number", "case", "编号", "事件编号") : NAMES.get(key);
    if (wanted == null) {
      return null;
    }
    for (String w : wanted) {
      for (Field f : layer.fields()) {
        String n = f.name().toLowerCase(Locale.ROOT).trim();
        if (n.equals(w) && !taken.containsValue(f.name())) {
          return f.name();
        }
      }
    }
    return null;
  }

  private static String levelOf(String layerName, Set<String> codes) {
    if (layerName.contains("grid") || layerName.contains("网格")) {
      return "GRID";
    }
    if (layerName.contains("communit") || layerName.contains("社区")) {
      return "COMMUNITY";
    }
    if (layerName.contains("street") || layerName.contains("街道") || layerName.contains("乡镇")) {
      return "STREET";
    }
    if (layerName.contains("district") || layerName.contains("区县")) {
      return "DISTRICT";
    }
    if (layerName.contains("city") || layerName.equals("市")) {
      return "CITY";
    }
    for (String c : codes) {
      switch (c.trim().length()) {
        case 4 -> { return "CITY"; }
        case 6 -> { return "DISTRICT"; }
        case 9 -> { return "STREET"; }
        case 12 -> { return "COMMUNITY"; }
        case 15 -> { return "GRID"; }
        default -> { }
      }
    }
    return null;
  }
}
