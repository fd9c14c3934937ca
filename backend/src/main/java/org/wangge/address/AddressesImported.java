package org.wangge.address;

/**
 * Standard addresses were added: the {@link Geocoder} rebuilds its snapshot when it hears this
 * (after the importing transaction commits).
 *
 * @param count number of addresses the import added
 */
public record AddressesImported(int count) {}
