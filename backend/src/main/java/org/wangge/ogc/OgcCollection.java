package org.wangge.ogc;

import java.util.Arrays;
import java.util.Optional;
import org.wangge.gisdata.model.AreaLevel;

/** The collections served, with their ids (as in the URLs) and titles. */
enum OgcCollection {
  DISTRICTS("districts", AreaLevel.DISTRICT, "Districts (区)", "Current district boundaries; feature id = area code."),
  STREETS("streets", AreaLevel.STREET, "Streets (街道)", "Current street (subdistrict) boundaries; feature id = area code."),
  COMMUNITIES("communities", AreaLevel.COMMUNITY, "Communities (社区)", "Current community boundaries; feature id = area code."),
  GRIDS("grids", AreaLevel.GRID, "Grids (网格)", "Current grid boundaries; feature id = area code."),
  ADDRESSES("addresses", null, "Standard addresses (标准地址)", "Standard address points; feature id = address code."),
  INCIDENTS(
      "incidents",
      null,
      "Incidents (事件)",
      "Cases at their reported location; feature id = case number; datetime filters the reported time.");

  final String id;
  /** The area level of an area collection, else {@code null}. */
  final AreaLevel level;

  final String title;
  final String description;

  OgcCollection(String id, AreaLevel level, String title, String description) {
    this.id = id;
    this.level = level;
    this.title = title;
    this.description = description;
  }

  static Optional<OgcCollection> byId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }
}
