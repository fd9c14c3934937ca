package org.wangge.gisdata.io;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature as read: geometry in the layer's own coordinates (may be null, empty or invalid —
 * never repaired by the reader), attributes by field name (String, Long, Double, Boolean,
 * LocalDate, Instant, or null), in field order. {@code row} is 1-based in file order.
 */
public record SourceFeature(long row, Geometry geometry, Map<String, Object> attributes) {}
