package org.wangge.gisdata.io;

import java.nio.charset.Charset;

/** TEMPORARY stub (contract §2). */
public record ReadOptions(long maxExpandedBytes, int maxEntries, Charset charset, ProgressListener progress) {
  public static ReadOptions defaults() {
    return new ReadOptions(2L << 30, 10_000, null, null);
  }
}
