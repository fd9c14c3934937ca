package org.wangge.gisdata.io;

/** Told about progress: a phase ("READING", "WRITING", "UNPACKING"), done and total (0 = unknown). */
@FunctionalInterface
public interface ProgressListener {
  void progress(String phase, long done, long total);
}
