package org.wangge.exchange;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code wangge.exchange.*} as the import uses it. Checked at start-up: a bad value stops the
 * application with a message naming the property.
 *
 * @param maxUploadSize largest accepted upload (default 1GB; the servlet multipart limits are set
 *     to the same value in application.properties)
 * @param maxExpandedSize a zip may expand to at most this many bytes (default 2GB)
 * @param maxZipEntries a zip may hold at most this many entries (default 10000)
 * @param workDir where uploads are staged (default {@code ${java.io.tmpdir}/wangge-exchange})
 * @param sessionTtl an import session and its staged file are dropped this long after the upload
 *     (default 24h)
 * @param threads imports checked or committed at once (default 2); more wait in a queue of 16
 */
@ConfigurationProperties("wangge.exchange")
record ImportProperties(
    DataSize maxUploadSize, DataSize maxExpandedSize, Integer maxZipEntries, Path workDir, Duration sessionTtl, Integer threads) {

  ImportProperties {
    maxUploadSize = maxUploadSize == null ? DataSize.ofGigabytes(1) : maxUploadSize;
    maxExpandedSize = maxExpandedSize == null ? DataSize.ofGigabytes(2) : maxExpandedSize;
    maxZipEntries = maxZipEntries == null ? 10_000 : maxZipEntries;
    workDir = workDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "wangge-exchange") : workDir;
    sessionTtl = sessionTtl == null ? Duration.ofHours(24) : sessionTtl;
    threads = threads == null ? 2 : threads;
    if (maxUploadSize.toBytes() < 1) {
      throw new IllegalArgumentException("wangge.exchange.max-upload-size must be positive, got " + maxUploadSize);
    }
    if (maxExpandedSize.toBytes() < 1) {
      throw new IllegalArgumentException("wangge.exchange.max-expanded-size must be positive, got " + maxExpandedSize);
    }
    if (maxZipEntries < 1) {
      throw new IllegalArgumentException("wangge.exchange.max-zip-entries must be at least 1, got " + maxZipEntries);
    }
    if (sessionTtl.isNegative() || sessionTtl.isZero()) {
      throw new IllegalArgumentException("wangge.exchange.session-ttl must be positive, got " + sessionTtl);
    }
    if (threads < 1 || threads > 16) {
      throw new IllegalArgumentException("wangge.exchange.threads must be in [1, 16], got " + threads);
    }
  }

  /** The limit in words, for error messages ("1 GB"). */
  static String words(DataSize size) {
    long bytes = size.toBytes();
    if (bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GB";
    }
    if (bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MB";
    }
    if (bytes % (1L << 10) == 0) {
      return (bytes >> 10) + " KB";
    }
    return bytes + " bytes";
  }
}
