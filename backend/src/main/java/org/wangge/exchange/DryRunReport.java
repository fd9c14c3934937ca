package org.wangge.exchange;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * The result of checking an import without writing it (contract §4). Geometries are GeoJSON in
 * WGS84.
 *
 * @param problems at most {@link #MAX_PROBLEMS}; {@code problemCount} counts them all
 * @param extent minLon, minLat, maxLon, maxLat of the imported features, or {@code null}
 * @param committable no blocking problem
 * @param blocking one sentence per kind of blocking problem, saying how to fix it
 * @param addressesMoving stored addresses that redrawn grids (NEW_VERSION) put into another grid
 */
public record DryRunReport(
    Counts counts,
    List<LayerReport> byLayer,
    List<Problem> problems,
    long problemCount,
    Coverage coverage,
    double[] extent,
    boolean committable,
    List<String> blocking,
    long addressesMoving) {

  public static final int MAX_PROBLEMS = 1000;

  /** Feature counts; {@code rejected} counts features with at least one blocking problem. */
  public record Counts(
      long features,
      long valid,
      long invalid,
      long repaired,
      @com.fasterxml.jackson.annotation.JsonProperty("new") long fresh,
      long existing,
      long duplicateInFile,
      long parentUnknown,
      long notNested,
      long outsideGrids,
      long rejected) {}

  public record LayerReport(String layer, String kind, String level, Counts counts) {}

  /**
   * One problem of one feature.
   *
   * @param row 1-based row in the layer, 0 for a problem of the whole layer
   * @param field the mapping key or {@code geometry} at fault
   */
  public record Problem(
      String layer, long row, String code, String kind, boolean blocking, String field, String message, Geometry geometry) {}

  /** The coverage of every parent whose children the import touches; informative. */
  public record Coverage(double score, List<CoverageItem> problems) {}

  public record CoverageItem(
      String kind, String severity, List<String> codes, double areaSquareMetres, String message, Geometry geometry) {}
}
