package org.wangge.gisdata.io;

/** TEMPORARY stub (contract §2). */
@FunctionalInterface
public interface ProgressListener {
  void progress(String phase, long done, long total);
}
