package org.wangge.ogc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.wangge.web.Bbox;
import org.wangge.web.InvalidInputException;

/** The query parameters of {@code /ogc/collections/{id}/items}, checked: bad ones name themselves. */
final class OgcParameters {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;
  static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

  private OgcParameters() {}

  /** {@code limit}: default 100; above 10,000 clamped to 10,000 (as the standard permits). */
  static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    long limit;
    try {
      limit = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got '" + value + "'");
    }
    if (limit < 1) {
      throw new InvalidInputException("limit", "must be at least 1, got " + limit);
    }
    return (int) Math.min(limit, MAX_LIMIT);
  }

  /** {@code offset}: how many matching features to skip, default 0. */
  static long offset(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      long offset = Long.parseLong(value.trim());
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidInputException("offset", "must be a whole number of features to skip (0 or more), got '" + value + "'");
  }

  /** {@code bbox} in CRS84 ({@code bbox-crs}, if given, must be CRS84), or {@code null}. */
  static double[] bbox(String value, String bboxCrs) {
    if (bboxCrs != null && !bboxCrs.isBlank() && !CRS84.equals(bboxCrs.trim())) {
      throw new InvalidInputException("bbox-crs", "must be " + CRS84 + " (the only one supported), got '" + bboxCrs + "'");
    }
    if (value == null || value.isBlank()) {
      return null;
    }
    return Bbox.parse(value);
  }

  /** {@code f}: only JSON is served. */
  static void format(String f) {
    if (f != null && !f.isBlank() && !f.equalsIgnoreCase("json") && !f.equalsIgnoreCase("geojson")) {
      throw new InvalidInputException("f", "must be json (the only format served), got '" + f + "'");
    }
  }

  /**
   * {@code datetime}: an instant, or an interval {@code a/b} with {@code ..} (or nothing) for an open
   * end; a date alone stands for its whole UTC day. {@code null} when absent.
   */
  static Instant[] datetime(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String[] parts = value.trim().split("/", -1);
    if (parts.length == 1) {
      if (parts[0].equals("..")) {
        throw bad(value);
      }
      return new Instant[] {bound(parts[0], value, true), bound(parts[0], value, false)};
    }
    if (parts.length != 2) {
      throw bad(value);
    }
    Instant from = open(parts[0]) ? null : bound(parts[0], value, true);
    Instant to = open(parts[1]) ? null : bound(parts[1], value, false);
    if (from != null && to != null && from.isAfter(to)) {
      throw new InvalidInputException("datetime", "starts after it ends: '" + value + "'");
    }
    return new Instant[] {from, to};
  }

  private static boolean open(String part) {
    return part.isEmpty() || part.equals("..");
  }

  private static Instant bound(String part, String whole, boolean start) {
    try {
      return InvalidInputException.inRange("datetime", OffsetDateTime.parse(part).toInstant());
    } catch (DateTimeParseException e) {
      try {
        LocalDate day = LocalDate.parse(part);
        return InvalidInputException.inRange("datetime", start
            ? day.atStartOfDay().toInstant(ZoneOffset.UTC)
            : day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1000));
      } catch (java.time.DateTimeException e2) {
        throw bad(whole);
      }
    }
  }

  private static InvalidInputException bad(String value) {
    return new InvalidInputException(
        "datetime",
        "must be an RFC 3339 instant such as 2026-11-01T00:00:00Z, or an interval a/b with '..' for an open end"
            + " (2026-11-01T00:00:00Z/.., ../2026-11-30T00:00:00Z), got '"
            + value
            + "'");
  }
}
