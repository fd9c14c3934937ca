package org.wangge.gisdata.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How to write.
 *
 * @param charset shapefile .dbf (+ .cpg) and CSV: UTF-8 (default, also when null) or GBK
 * @param progress may be null; told ("WRITING", features written, 0)
 */
public record WriteOptions(Charset charset, ProgressListener progress) {

  public static WriteOptions defaults() {
    return new WriteOptions(StandardCharsets.UTF_8, null);
  }

  Charset charsetOrUtf8() {
    return charset == null ? StandardCharsets.UTF_8 : charset;
  }

  void report(String phase, long done, long total) {
    if (progress != null) {
      progress.progress(phase, done, total);
    }
  }
}
