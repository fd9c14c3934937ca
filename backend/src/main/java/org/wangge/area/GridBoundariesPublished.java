package org.wangge.area;

import java.time.Instant;

/**
 * Grid boundaries changed: a new set of versions became current (a demo load, an import or a
 * published plan). The grid locator rebuilds its index when it hears this.
 *
 * @param gridCount number of current grids after the change
 * @param validFrom when the new versions took effect
 */
public record GridBoundariesPublished(int gridCount, Instant validFrom) {}
