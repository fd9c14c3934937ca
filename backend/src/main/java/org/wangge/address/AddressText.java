package org.wangge.address;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How people write Chinese addresses, reduced to the fields a standard address is matched on. Pure
 * functions; thread-safe.
 *
 * <p>{@link #normalise} applies, in order: Unicode NFKC (full-width digits, letters and punctuation
 * become half-width: {@code １２８号} → {@code 128号}); upper-case Latin letters; every dash-like
 * character becomes {@code -}; white space and punctuation other than {@code -} and {@code #} are
 * removed; the traditional {@code 號 單 棟 樓 層} become {@code 号 单 栋 楼 层}; Chinese numerals in front of a marker ({@code 号 栋 幢 座 单元 室
 * 层 楼 -}) become digits, for 0–999 ({@code 三栋} → {@code 3栋}, {@code 十二号} → {@code 12号},
 * {@code 一二八号} → {@code 128号}), so that numerals inside road names ({@code 五一路}, {@code 八一大道})
 * stay; {@code 第} in front of a number is dropped; building markers {@code 号楼 栋楼 幢 座 #楼 #}
 * become {@code 栋}; {@code 单元楼} becomes {@code 单元}.
 *
 * <p>{@link #parse} then splits the text at its first digit: the part before is the <em>head</em>
 * (area names and the road), the rest is read as number, building, unit and room. Markers decide
 * where a marker is given; a bare number or one followed by {@code -} fills the next free field in
 * the order number, building, unit, room ({@code 胜利路128号3-2} and {@code 胜利路128-3-2} are both
 * number 128, building 3, unit 2). Rooms ({@code 301室}, {@code 3-2-301}), floors ({@code 5层},
 * {@code 5楼}) and any text after the last recognised part are ignored.
 *
 * <p>Known limits: road names that contain digits ({@code 107国道}) are cut at the digit; sub-numbers
 * ({@code 128号之一}, {@code 附1号}) are not understood; letters are understood as building names only
 * when followed by a building marker ({@code A栋}).
 */
final class AddressText {

  private AddressText() {}

  /** Road types a road name ends with, longest first. */
  static final List<String> ROAD_SUFFIXES = List.of("大道", "大街", "路", "街", "巷", "道", "弄", "胡同");

  /** Area-name endings, longest first: what a leading area name ends with. */
  private static final Pattern AREA_PREFIX =
      Pattern.compile("^\\p{IsHan}{2,12}?(?:自治区|居委会|街道|社区|省|市|区|县|镇|乡|村)");

  private static final Pattern DASHES = Pattern.compile("[‐‑‒–—―−﹣－~～]");
  private static final Pattern NOISE = Pattern.compile("[\\s\\p{Z}\\p{P}\\p{S}&&[^\\-#]]+");
  private static final Pattern NUMERALS =
      Pattern.compile("第?([零〇一二两三四五六七八九十百]+)(?=号|號|栋|幢|座|单元|室|层|楼|-)");
  private static final Pattern DIGITS_FIRST = Pattern.compile("第(?=\\d)");
  private static final Pattern BUILDING = Pattern.compile("(?<=[0-9A-Z])(?:号楼|栋楼|幢|座|#楼|#)");
  private static final Pattern PART =
      Pattern.compile("(\\d+|[A-Z](?=栋))(号|栋|单元|室|房|层|楼|-)?");

  /** The text with the variants above reduced to one spelling. Never null. */
  static String normalise(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(java.util.Locale.ROOT);
    s = DASHES.matcher(s).replaceAll("-");
    s = NOISE.matcher(s).replaceAll("");
    s = foldTraditional(s).replace("单元楼", "单元");
    s = replaceNumerals(s);
    s = DIGITS_FIRST.matcher(s).replaceAll("");
    s = BUILDING.matcher(s).replaceAll("栋");
    return s;
  }

  /** The traditional forms of the address words: 號 單 棟 樓 層 → 号 单 栋 楼 层. */
  private static String foldTraditional(String s) {
    return s.replace('號', '号').replace('單', '单').replace('棟', '栋').replace('樓', '楼').replace('層', '层');
  }

  private static String replaceNumerals(String s) {
    Matcher m = NUMERALS.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      int value = chineseNumber(m.group(1));
      m.appendReplacement(out, value < 0 ? m.group() : Integer.toString(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The value of a Chinese numeral of 0–999: positional ({@code 十二}, {@code 二十}, {@code 一百零八})
   * or digit by digit ({@code 一二八}, {@code 二〇一}); -1 when it is neither.
   */
  static int chineseNumber(String numeral) {
    if (numeral.indexOf('十') < 0 && numeral.indexOf('百') < 0) {
      int value = 0;
      for (int i = 0; i < numeral.length(); i++) {
        int d = digit(numeral.charAt(i));
        if (d < 0 || numeral.length() > 6) {
          return -1;
        }
        value = value * 10 + d;
      }
      return value;
    }
    int value = 0;
    int pending = -1; // a digit waiting for its multiplier
    int lastMultiplier = 1000;
    for (int i = 0; i < numeral.length(); i++) {
      char c = numeral.charAt(i);
      int multiplier = c == '百' ? 100 : c == '十' ? 10 : 0;
      if (multiplier > 0) {
        if (multiplier >= lastMultiplier) {
          return -1;
        }
        value += (pending < 0 ? 1 : pending) * multiplier;
        pending = -1;
        lastMultiplier = multiplier;
      } else {
        int d = digit(c);
        if (d < 0 || pending >= 0) {
          return -1;
        }
        pending = d == 0 ? -1 : d; // 零 only keeps the place: 一百零八
      }
    }
    return pending < 0 ? value : value + pending;
  }

  private static int digit(char c) {
    return switch (c) {
      case '零', '〇' -> 0;
      case '一' -> 1;
      case '二', '两' -> 2;
      case '三' -> 3;
      case '四' -> 4;
      case '五' -> 5;
      case '六' -> 6;
      case '七' -> 7;
      case '八' -> 8;
      case '九' -> 9;
      default -> -1;
    };
  }

  /**
   * What an address text says.
   *
   * @param head normalised text before the door number: area names and the road, possibly empty
   * @param number door number without {@code 号} ({@code "128"}), or null when none is given
   * @param building building without {@code 栋} ({@code "3"}, {@code "A"}), or null
   * @param unit unit without {@code 单元} ({@code "2"}), or null
   */
  record Parsed(String head, String number, String building, String unit) {}

  /** Reads an address text (see the class comment). */
  static Parsed parse(String text) {
    String s = normalise(text);
    int first = 0;
    while (first < s.length() && !isDigit(s.charAt(first))) {
      first++;
    }
    String head = s.substring(0, first);
    String number = null;
    String building = null;
    String unit = null;
    boolean roomSeen = false;
    Matcher m = PART.matcher(s);
    int at = first;
    while (at < s.length() && m.find(at) && m.start() == at) {
      String value = stripZeros(m.group(1));
      String marker = m.group(2) == null ? "-" : m.group(2);
      switch (marker) {
        case "号" -> {
          if (number == null) {
            number = value;
          } else if (building == null) {
            building = value; // 128号3号 (written for 3号楼)
          } else {
            roomSeen = true;
          }
        }
        case "栋" -> building = value;
        case "单元" -> unit = value;
        case "-" -> {
          if (roomSeen) {
            break;
          } else if (number == null) {
            number = value;
          } else if (building == null && unit == null) {
            building = value;
          } else if (unit == null && value.length() <= 2) {
            unit = value; // 3栋2 or 3-2; 3栋201 is a room
          } else {
            roomSeen = true;
          }
        }
        default -> roomSeen = true; // 室, 房, 层, 楼: room or floor, ignored
      }
      at = m.end();
    }
    return new Parsed(head, number, building, unit);
  }

  /**
   * A stored number, building or unit ({@code "128号"}, {@code "3栋"}, {@code "2单元"}) as the
   * matching key {@link #parse} gives for it ({@code "128"}, {@code "3"}, {@code "2"}); null stays
   * null.
   */
  static String key(String part) {
    if (part == null || part.isBlank()) {
      return null;
    }
    String s = normalise(part);
    s = s.replaceFirst("(?:号|栋|单元)$", "");
    return s.chars().allMatch(AddressText::isDigit) && !s.isEmpty() ? stripZeros(s) : s;
  }

  /** A road name as {@link #parse} puts it in the head. */
  static String roadKey(String road) {
    return normalise(road);
  }

  /** The road name without its road type ({@code 胜利路} → {@code 胜利}); the name if none. */
  static String stem(String road) {
    for (String suffix : ROAD_SUFFIXES) {
      if (road.endsWith(suffix) && road.length() > suffix.length()) {
        return road.substring(0, road.length() - suffix.length());
      }
    }
    return road;
  }

  /**
   * The head without leading area names: first any of {@code knownNames} (longest first), else any
   * Chinese name ending in 省, 市, 区, 县, 街道, 镇, 乡, 社区, 村 etc., repeatedly. A name is only taken
   * off when something more than a bare road type ({@code 路}, {@code 大道}) is left, so {@code 新村路}
   * and {@code 高新区大道} stay whole.
   */
  static String stripAreas(String head, Collection<String> knownNames) {
    List<String> known = new ArrayList<>(knownNames);
    known.sort(Comparator.comparingInt(String::length).reversed());
    String s = head;
    boolean stripped = true;
    while (stripped) {
      stripped = false;
      for (String name : known) {
        if (s.startsWith(name) && keeps(s.substring(name.length()))) {
          s = s.substring(name.length());
          stripped = true;
          break;
        }
      }
      if (!stripped) {
        Matcher m = AREA_PREFIX.matcher(s);
        if (m.find() && keeps(s.substring(m.end()))) {
          s = s.substring(m.end());
          stripped = true;
        }
      }
    }
    return s;
  }

  /** Area names in a text made only of area names ({@code 江西省新余市渝水区}), in order. */
  static List<String> areaNames(String text) {
    List<String> names = new ArrayList<>();
    String s = normalise(text);
    Matcher m = AREA_PREFIX.matcher(s);
    while (!s.isEmpty() && m.reset(s).find()) {
      names.add(m.group());
      s = s.substring(m.end());
    }
    return names;
  }

  private static boolean keeps(String rest) {
    return rest.length() >= 2 && !ROAD_SUFFIXES.contains(rest);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static String stripZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }
}
