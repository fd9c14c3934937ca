package org.wangge.incident;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wangge.incident.*}.
 *
 * @param duplicateWindowHours open cases reported this many hours back count as possible duplicates
 *     (default 72); the radius is the category's own
 * @param maxPhotoPixels the most pixels (width × height, read from the header) a photo of a report
 *     or an action may have (default 50,000,000)
 */
@ConfigurationProperties("wangge.incident")
record IncidentProperties(Integer duplicateWindowHours, Long maxPhotoPixels) {

  IncidentProperties {
    duplicateWindowHours = duplicateWindowHours == null ? 72 : duplicateWindowHours;
    maxPhotoPixels = maxPhotoPixels == null ? 50_000_000L : maxPhotoPixels;
    if (maxPhotoPixels <= 0) {
      throw new IllegalArgumentException("wangge.incident.max-photo-pixels must be > 0");
    }
    if (duplicateWindowHours <= 0) {
      throw new IllegalArgumentException("wangge.incident.duplicate-window-hours must be > 0");
    }
  }
}
