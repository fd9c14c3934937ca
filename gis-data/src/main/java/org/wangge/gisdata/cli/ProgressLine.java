package org.wangge.gisdata.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The one-line progress display on standard error, redrawn in place with a carriage return:
 * {@code [#####.....] 42% CHECKING 63,000/150,000}. Without a total: {@code [..........] READING
 * 63,000}.
 */
final class ProgressLine {

  static final int WIDTH = 10;

  private final PrintStream err;
  private int lastLength;
  private long lastDrawn;

  ProgressLine(PrintStream err) {
    this.err = err;
  }

  /** The line for a phase and counts (no carriage return). */
  static String render(String phase, long done, long total) {
    StringBuilder b = new StringBuilder("[");
    if (total > 0) {
      long d = Math.max(0, Math.min(done, total));
      int filled = (int) (d * WIDTH / total);
      b.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
      b.append(d * 100 / total).append("% ");
      b.append(phase).append(' ');
      b.append(String.format(Locale.ROOT, "%,d/%,d", done, total));
    } else {
      b.append(".".repeat(WIDTH)).append("] ").append(phase);
      if (done > 0) {
        b.append(String.format(Locale.ROOT, " %,d", done));
      }
    }
    return b.toString();
  }

  /** Redraws the line, at most 5 times a second unless forced. */
  void show(String phase, long done, long total, boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDrawn < 200_000_000L) {
      return;
    }
    lastDrawn = now;
    String line = render(phase, done, total);
    int pad = Math.max(0, lastLength - line.length());
    err.print("\r" + line + " ".repeat(pad));
    err.flush();
    lastLength = line.length();
  }

  /** Ends the line. */
  void done() {
    if (lastLength > 0) {
      err.println();
      lastLength = 0;
    }
  }
}
