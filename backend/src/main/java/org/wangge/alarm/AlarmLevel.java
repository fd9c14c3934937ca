package org.wangge.alarm;

/**
 * The four levels an alarm is put to, lowest first: the grid's leader (网格长), then the community,
 * street and district centres. Each level's area is the one of that level holding the case (area
 * codes nest: a grid's code starts with its community's 12, street's 9 and district's 6 digits).
 */
public enum AlarmLevel {
  GRID(15),
  COMMUNITY(12),
  STREET(9),
  DISTRICT(6);

  private final int codeLength;

  AlarmLevel(int codeLength) {
    this.codeLength = codeLength;
  }

  /** The level above this one, or {@code null} for {@link #DISTRICT}, the last. */
  public AlarmLevel next() {
    return this == DISTRICT ? null : values()[ordinal() + 1];
  }

  /** The code of this level's area holding the place, or {@code null} when the place lies above it. */
  String areaCode(String placeCode) {
    return placeCode == null || placeCode.length() < codeLength ? null : placeCode.substring(0, codeLength);
  }

  /**
   * The first level of a case's alarm: {@link #GRID} for a case in a grid; for a case outside any
   * grid, the centre of the smallest area holding it (a case held only by the city starts at
   * {@link #DISTRICT} with the city's code: the city centre answers for it).
   */
  static AlarmLevel start(String gridCode, String areaCode) {
    if (gridCode != null) {
      return GRID;
    }
    int length = areaCode == null ? 0 : areaCode.length();
    for (AlarmLevel level : values()) {
      if (length >= level.codeLength) {
        return level;
      }
    }
    return DISTRICT;
  }

  /** The first level's area: see {@link #start}. */
  static String startArea(AlarmLevel level, String gridCode, String areaCode) {
    String place = gridCode != null ? gridCode : areaCode;
    String code = level.areaCode(place);
    return code != null ? code : place;
  }
}
