package org.wangge.gisdata.io;

import java.nio.file.Path;

/** TEMPORARY stub (contract §2). */
public final class GisFiles {
  private GisFiles() {}

  public static FeatureSource open(Path file, Path workDir, ReadOptions options) throws GisFileException {
    throw new GisFileException("file", "not implemented yet");
  }
}
