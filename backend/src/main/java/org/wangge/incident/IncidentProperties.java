package org.wangge.incident;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wangge.incident.*}.
 *
 * @param duplicateWindowHours open cases reported this many hours back count as possible duplicates
 *     (default 72); the radius is the category's own
 */
@ConfigurationProperties("wangge.incident")
record IncidentProperties(Integer duplicateWindowHours) {

  IncidentProperties {
    duplicateWindowHours = duplicateWindowHours == null ? 72 : duplicateWindowHours;
    if (duplicateWindowHours <= 0) {
      throw new IllegalArgumentException("wangge.incident.duplicate-window-hours must be > 0");
    }
  }
}
