/**
 * Spatial plumbing shared by every feature: the SRID-4326 geometry factory, distances in metres,
 * GeoJSON (RFC 7946) responses, and the spatial query functions Hibernate Spatial lacks
 * ({@code bbox_intersects}, the {@code &&} operator). Holds no feature logic.
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Spatial support",
    type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.wangge.spatial;
