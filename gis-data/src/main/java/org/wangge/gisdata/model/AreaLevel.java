package org.wangge.gisdata.model;

/**
 * The levels of the area tree, top to bottom. A grid always belongs to a community, never
 * directly to a street.
 */
public enum AreaLevel {
  CITY,
  DISTRICT,
  STREET,
  COMMUNITY,
  GRID;

  /** The level directly below this one, or {@code null} for {@link #GRID}. */
  public AreaLevel child() {
    return this == GRID ? null : values()[ordinal() + 1];
  }

  /** The level directly above this one, or {@code null} for {@link #CITY}. */
  public AreaLevel parent() {
    return this == CITY ? null : values()[ordinal() - 1];
  }
}
