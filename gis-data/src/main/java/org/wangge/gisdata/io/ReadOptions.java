package org.wangge.gisdata.io;

import java.nio.charset.Charset;

/**
 * How to open a file.
 *
 * @param maxExpandedBytes zip: total uncompressed bytes allowed (default 2 GiB)
 * @param maxEntries zip: entries allowed (default 10,000)
 * @param charset attribute encoding; null = from a shapefile's .cpg, else detected (valid UTF-8 →
 *     UTF-8, else GBK); CSV likewise
 * @param progress may be null
 */
public record ReadOptions(
    long maxExpandedBytes, int maxEntries, Charset charset, ProgressListener progress) {

  public static final long DEFAULT_MAX_EXPANDED_BYTES = 2L << 30;
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  public static ReadOptions defaults() {
    return new ReadOptions(DEFAULT_MAX_EXPANDED_BYTES, DEFAULT_MAX_ENTRIES, null, null);
  }

  public ReadOptions withCharset(Charset c) {
    return new ReadOptions(maxExpandedBytes, maxEntries, c, progress);
  }

  public ReadOptions withProgress(ProgressListener p) {
    return new ReadOptions(maxExpandedBytes, maxEntries, charset, p);
  }

  void report(String phase, long done, long total) {
    if (progress != null) {
      progress.progress(phase, done, total);
    }
  }
}
