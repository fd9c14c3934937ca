package org.wangge.exchange;

import java.util.Arrays;
import java.util.Optional;
import org.wangge.gisdata.model.AreaLevel;

/** The layers an export may hold, by their names in the request and in the file. */
enum ExportLayer {
  CITY("city", AreaLevel.CITY),
  DISTRICTS("districts", AreaLevel.DISTRICT),
  STREETS("streets", AreaLevel.STREET),
  COMMUNITIES("communities", AreaLevel.COMMUNITY),
  GRIDS("grids", AreaLevel.GRID),
  ADDRESSES("addresses", null),
  INCIDENTS("incidents", null),
  MEMBERS("members", null);

  final String layerName;
  /** The area level of an area layer, else {@code null}. */
  final AreaLevel level;

  ExportLayer(String layerName, AreaLevel level) {
    this.layerName = layerName;
    this.level = level;
  }

  static Optional<ExportLayer> byName(String name) {
    return Arrays.stream(values()).filter(l -> l.layerName.equals(name)).findFirst();
  }

  static ExportLayer of(AreaLevel level) {
    return Arrays.stream(values()).filter(l -> l.level == level).findFirst().orElseThrow();
  }
}
