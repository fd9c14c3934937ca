package org.wangge.map;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.wangge.gisdata.model.AreaLevel;

/**
 * A vector-tile layer: the current boundaries of one level of the area tree. Its {@link #id} is
 * both the URL segment ({@code /tiles/{id}/…}) and the name of the one MVT layer in each tile.
 */
enum TileLayer {
  DISTRICTS("districts", AreaLevel.DISTRICT),
  STREETS("streets", AreaLevel.STREET),
  COMMUNITIES("communities", AreaLevel.COMMUNITY),
  GRIDS("grids", AreaLevel.GRID);

  private final String id;
  private final AreaLevel level;

  TileLayer(String id, AreaLevel level) {
    this.id = id;
    this.level = level;
  }

  String id() {
    return id;
  }

  AreaLevel level() {
    return level;
  }

  static Optional<TileLayer> byId(String id) {
    return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
  }

  static List<String> ids() {
    return Arrays.stream(values()).map(TileLayer::id).toList();
  }
}
