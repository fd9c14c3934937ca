package org.wangge.gisdata.io;

import java.io.IOException;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/** Takes one feature to write: its geometry in WGS84 (may be null) and values in field order. */
@FunctionalInterface
public interface OutputSink {
  void accept(Geometry wgs84, List<Object> values) throws IOException;
}
