package org.wangge.gisdata.io;

import java.nio.charset.Charset;
import java.util.List;
import org.wangge.gisdata.crs.Crs;

/** TEMPORARY stub (contract §2). */
public record LayerInfo(String name, String geometryType, long featureCount, List<Field> fields, Crs crs, String crsNote,
    double[] extent, Charset charset) {}
