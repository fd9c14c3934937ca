/**
 * The area tree (city → district → street → community → grid), its boundary versions and the
 * in-memory grid locator. Public face: {@link org.wangge.area.AreaService}, {@link
 * org.wangge.area.GridLocator} and the {@link org.wangge.area.GridBoundariesPublished} event.
 * Serves {@code /api/areas} and {@code /api/locate}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Areas and grid locator")
package org.wangge.area;
