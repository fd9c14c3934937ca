package org.wangge.gisdata.model;

import java.util.List;

/**
 * A whole city's base data, as generated or imported.
 *
 * @param areas every area, parents before children (city, districts, streets, communities, grids)
 * @param categories major classes before minor classes
 */
public record City(
    List<AreaRecord> areas,
    List<AddressRecord> addresses,
    List<DepartmentRecord> departments,
    List<CategoryRecord> categories,
    List<MemberRecord> members,
    List<IncidentRecord> incidents) {}
