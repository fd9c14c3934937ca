package org.wangge.address;

/**
 * A standard address found by the {@link Geocoder}.
 *
 * @param id the address row id
 * @param code the address code (grid code + sequence)
 * @param fullText the address as stored, from province to unit
 * @param lon longitude, EPSG:4326
 * @param lat latitude, EPSG:4326
 * @param gridCode the grid the address lies in
 * @param score how well the address fits the query, in [0, 1]: 1 for a door, building and unit
 *     exactly as written on a road named exactly as written; lower when the text left out the
 *     building or unit, or when the road was only recognised loosely
 */
public record AddressMatch(
    long id, String code, String fullText, double lon, double lat, String gridCode, double score) {}
