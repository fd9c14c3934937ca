package org.wangge.gisdata.io;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/** TEMPORARY stub (contract §2). */
public record SourceFeature(long row, Geometry geometry, Map<String, Object> attributes) {}
