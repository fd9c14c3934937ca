package org.wangge.exchange;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import org.wangge.gisdata.crs.Crs;
import org.wangge.gisdata.io.FileFormat;

/**
 * A checked {@code GET /api/exports} request.
 *
 * @param area the code of the area whose subtree is exported (inside the caller's jurisdiction)
 * @param layers the layers in the order asked for
 * @param from incidents reported at or after, or {@code null}
 * @param to incidents reported before, or {@code null}
 */
record ExportRequest(
    String area, List<ExportLayer> layers, FileFormat format, Crs crs, Charset encoding, Instant from, Instant to) {

  /** The file name: {@code wangge-<area>-<system>} and the format's extension (zip when several files). */
  String fileName() {
    String system = crs.code().replace(":", "").replace("-", "");
    return org.wangge.gisdata.io.GisFiles.fileName("wangge-" + area + "-" + system, format, layers.size());
  }
}
