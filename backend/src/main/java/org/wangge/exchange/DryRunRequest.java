package org.wangge.exchange;

import java.util.List;
import java.util.Map;

/**
 * What to import from an upload and how (contract §4). Enum-like values are strings so that a bad
 * one is answered with the field path that holds it.
 *
 * @param layers the layers to import, in any order (AREA layers are ordered by level)
 * @param repair whether invalid geometries are repaired with JTS GeometryFixer
 * @param onExisting REFUSE (default), SKIP or NEW_VERSION
 */
public record DryRunRequest(List<LayerRequest> layers, Boolean repair, String onExisting) {

  /**
   * One layer of the file and what it holds.
   *
   * @param kind AREA, ADDRESS, MEMBER or INCIDENT
   * @param level CITY, DISTRICT, STREET, COMMUNITY or GRID (AREA only)
   * @param crs the layer's coordinate system; required when the file does not say
   * @param columns CSV only: which columns hold the geometry
   * @param mapping target key (code, name, parentCode…) → the file's field name
   */
  public record LayerRequest(
      String layer, String kind, String level, String crs, Columns columns, Map<String, String> mapping) {}

  /** CSV geometry columns: x and y, or wkt. */
  public record Columns(String x, String y, String wkt) {}
}
