package org.wangge.gisdata.model;

/**
 * A standard address (标准地址): a door on a road, down to building and unit.
 *
 * @param code unique address code: the grid code followed by a 5-digit sequence
 * @param fullText the full address as written, from district to unit
 * @param building building number inside a compound, or {@code null} for a street-front door
 * @param unit unit (单元) inside the building, or {@code null}
 * @param lon longitude, EPSG:4326
 * @param lat latitude, EPSG:4326
 * @param gridCode the grid the point lies in
 */
public record AddressRecord(
    String code,
    String fullText,
    String road,
    String number,
    String building,
    String unit,
    double lon,
    double lat,
    int households,
    int residents,
    String gridCode) {}
