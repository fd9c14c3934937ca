package org.wangge.incident;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.wangge.web.InvalidInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * When and where a photo was taken, as far as anyone can tell: from the file's own EXIF (capture
 * time, GPS), or from the {@code photoFacts} the phone read before it re-encoded the photo (which
 * strips EXIF). Each fact says where it came from; the file wins over the phone.
 *
 * @param takenAt the capture time, or null
 * @param takenAtSource {@link #EXIF} or {@link #CLIENT}, null without {@code takenAt}
 * @param lon WGS84 longitude of the capture position in degrees, or null
 * @param lat WGS84 latitude, or null (both or neither)
 * @param positionSource {@link #EXIF} or {@link #CLIENT}, null without a position
 */
record CaptureFacts(Instant takenAt, String takenAtSource, Double lon, Double lat, String positionSource) {

  static final String EXIF = "EXIF";
  static final String CLIENT = "CLIENT";
  static final CaptureFacts NONE = new CaptureFacts(null, null, null, null, null);

  boolean hasPosition() {
    return lon != null && lat != null;
  }

  /** These facts, each one replaced by {@code preferred}'s where that has it. */
  CaptureFacts overriddenBy(CaptureFacts preferred) {
    boolean time = preferred.takenAt() != null;
    boolean place = preferred.hasPosition();
    return new CaptureFacts(
        time ? preferred.takenAt() : takenAt,
        time ? preferred.takenAtSource() : takenAtSource,
        place ? preferred.lon() : lon,
        place ? preferred.lat() : lat,
        place ? preferred.positionSource() : positionSource);
  }

  /**
   * The {@code photoFacts} part of a multipart request: a JSON array {@code [{"takenAt"?, "lon"?,
   * "lat"?}, …]} aligned by index with the photo parts ({@code null}: none sent). Bad input names
   * the element ({@code photoFacts[1].lat}).
   *
   * @return one entry per photo ({@link #NONE} where the array is shorter or has {@code null})
   */
  static List<CaptureFacts> parse(String text, int photos, JsonMapper json, Instant now) {
    List<CaptureFacts> facts = new ArrayList<>();
    if (text != null && !text.isBlank()) {
      JsonNode array;
      try {
        array = json.readTree(text);
      } catch (tools.jackson.core.JacksonException e) {
        throw new InvalidInputException("photoFacts", "is not valid JSON: " + e.getOriginalMessage());
      }
      if (!array.isArray()) {
        throw new InvalidInputException("photoFacts", "must be a JSON array with one object per photo, in the photos' order");
      }
      if (array.size() > photos) {
        throw new InvalidInputException(
            "photoFacts", "has " + array.size() + " entries for " + photos + " photos; send one per photo, in the same order");
      }
      for (int i = 0; i < array.size(); i++) {
        facts.add(parseOne("photoFacts[" + i + "]", array.get(i), now));
      }
    }
    while (facts.size() < photos) {
      facts.add(NONE);
    }
    return facts;
  }

  private static CaptureFacts parseOne(String field, JsonNode node, Instant now) {
    if (node == null || node.isNull()) {
      return NONE;
    }
    if (!node.isObject()) {
      throw new InvalidInputException(field, "must be an object {\"takenAt\", \"lon\", \"lat\"}");
    }
    for (String name : node.propertyNames()) {
      if (!List.of("takenAt", "lon", "lat").contains(name)) {
        throw new InvalidInputException(field + "." + name, "is not a photo fact; send takenAt, lon and lat");
      }
    }
    Instant takenAt = null;
    JsonNode time = node.get("takenAt");
    if (time != null && !time.isNull()) {
      if (!time.isString()) {
        throw new InvalidInputException(field + ".takenAt", "must be an ISO-8601 instant such as 2026-11-01T08:00:00Z");
      }
      takenAt = InvalidInputException.instant(field + ".takenAt", time.asString());
      if (takenAt != null && takenAt.isAfter(now.plus(QueuedItems.CLOCK_SKEW))) {
        throw new InvalidInputException(field + ".takenAt", "lies in the future (" + takenAt + "); check the phone's clock");
      }
    }
    Double lon = coordinate(field + ".lon", node.get("lon"), 180);
    Double lat = coordinate(field + ".lat", node.get("lat"), 90);
    if ((lon == null) != (lat == null)) {
      throw new InvalidInputException(field + (lon == null ? ".lon" : ".lat"), "is required with " + (lon == null ? "lat" : "lon"));
    }
    return new CaptureFacts(takenAt, takenAt == null ? null : CLIENT, lon, lat, lon == null ? null : CLIENT);
  }

  private static Double coordinate(String field, JsonNode node, double limit) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber() || !Double.isFinite(node.asDouble()) || Math.abs(node.asDouble()) > limit) {
      throw new InvalidInputException(field, "must be a number between -" + (int) limit + " and " + (int) limit + " (WGS84 degrees)");
    }
    return node.asDouble();
  }

  /**
   * The capture time and GPS position in an image file's EXIF ({@link #NONE} when it has none or
   * cannot be read). The capture time is EXIF DateTimeOriginal with its OffsetTimeOriginal; without
   * an offset, GPS date and time (UTC) when present, else DateTimeOriginal read in {@code zone} (a
   * phone's clock shows local time). A GPS position of (0, 0) is taken as missing.
   */
  static CaptureFacts fromExif(byte[] data, ZoneId zone) {
    Metadata metadata;
    try {
      metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(data), data.length);
    } catch (ImageProcessingException | IOException | RuntimeException e) {
      return NONE;
    }
    Instant takenAt = null;
    GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
    ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
    if (exif != null && exif.containsTag(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL)) {
      boolean hasOffset = exif.containsTag(ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL);
      Date gpsDate = gps == null ? null : gps.getGpsDate();
      if (!hasOffset && gpsDate != null) {
        takenAt = gpsDate.toInstant();
      } else {
        // With OffsetTimeOriginal present, metadata-extractor applies it and ignores the zone.
        Date original = exif.getDateOriginal(TimeZone.getTimeZone(zone));
        takenAt = original == null ? null : original.toInstant();
      }
    } else if (gps != null && gps.getGpsDate() != null) {
      takenAt = gps.getGpsDate().toInstant();
    }
    Double lon = null;
    Double lat = null;
    GeoLocation location = gps == null ? null : gps.getGeoLocation();
    if (location != null && !location.isZero() && Math.abs(location.getLatitude()) <= 90 && Math.abs(location.getLongitude()) <= 180) {
      lon = location.getLongitude();
      lat = location.getLatitude();
    }
    return new CaptureFacts(takenAt, takenAt == null ? null : EXIF, lon, lat, lon == null ? null : EXIF);
  }
}
