package org.wangge.web;

/**
 * Masks a person's name: one character stays, the rest become {@code *} ({@code 张三} → {@code
 * 张*}); a name of three or more characters keeps its last character too ({@code 张小明} → {@code
 * 张*明}).
 */
public final class NameMask {

  private NameMask() {}

  /** The masked name; {@code null} stays {@code null}. */
  public static String mask(String name) {
    if (name == null) {
      return null;
    }
    int[] cps = name.strip().codePoints().toArray();
    if (cps.length == 0) {
      return name;
    }
    if (cps.length <= 2) {
      return new String(cps, 0, 1) + "*".repeat(cps.length - 1);
    }
    return new String(cps, 0, 1) + "*".repeat(cps.length - 2) + new String(cps, cps.length - 1, 1);
  }
}
