package org.wangge.planning;

import org.locationtech.jts.geom.Geometry;

/** A grid version a plan started from (the current one when the plan was created). */
record BaseGrid(long areaId, String code, int version, String name, String communityCode, Geometry boundary) {}
