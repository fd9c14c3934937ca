package org.wangge.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An import session as the API shows it (contract §4). */
public record ImportView(
    String id,
    String fileName,
    String format,
    long sizeBytes,
    String uploadedBy,
    Instant uploadedAt,
    String status,
    Progress progress,
    List<LayerView> layers,
    DryRunRequest request,
    DryRunReport dryRun,
    Result result,
    ErrorView error) {

  public record Progress(String phase, long done, long total) {}

  /**
   * @param crs the layer's coordinate system code, or {@code null} when the file does not say
   * @param extent in the layer's own coordinates, or {@code null} when empty
   */
  public record LayerView(
      String name,
      String geometryType,
      long featureCount,
      String crs,
      String crsNote,
      String charset,
      double[] extent,
      List<FieldView> fields,
      Suggested suggested) {}

  /** @param samples up to 5 distinct values as text; {@code null} in the list view */
  public record FieldView(String name, String type, List<String> samples) {}

  /** A suggested mapping: kind, level (areas) and target key → field name. */
  public record Suggested(String kind, String level, Map<String, String> mapping) {}

  /** @param addressesMoved stored addresses filed under another grid because the import redrew their grid */
  public record Result(
      long inserted, long newVersions, long skipped, long addressesMoved, List<LayerResult> byLayer, Instant committedAt,
      long millis) {}

  public record LayerResult(String layer, long inserted, long newVersions, long skipped) {}

  public record ErrorView(String field, String detail) {}
}
