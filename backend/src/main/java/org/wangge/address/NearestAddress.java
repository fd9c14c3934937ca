package org.wangge.address;

/**
 * The standard address nearest to a point.
 *
 * @param address the address (its score is 1)
 * @param distanceMetres great-circle distance from the point to the address, in metres
 */
public record NearestAddress(AddressMatch address, double distanceMetres) {}
