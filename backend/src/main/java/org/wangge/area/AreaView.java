package org.wangge.area;

import java.time.Instant;
import org.wangge.gisdata.model.AreaLevel;

/**
 * An area's current version, without its boundary.
 *
 * @param id the area row (boundary version) id
 * @param parentCode {@code null} for the city
 * @param bbox {@code [minLon, minLat, maxLon, maxLat]} of the boundary
 */
public record AreaView(
    long id,
    String code,
    String name,
    AreaLevel level,
    String parentCode,
    int version,
    Instant validFrom,
    int households,
    int residents,
    double[] bbox) {

  static AreaView of(Area area) {
    var env = area.boundary().getEnvelopeInternal();
    return new AreaView(
        area.id(),
        area.code(),
        area.name(),
        area.level(),
        area.parentCode(),
        area.version(),
        area.validFrom(),
        area.households(),
        area.residents(),
        new double[] {env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY()});
  }
}
