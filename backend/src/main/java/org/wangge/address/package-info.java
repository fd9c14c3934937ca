/**
 * Standard addresses (标准地址): doors on roads down to building and unit, with households and
 * residents, and the grid each lies in; and geocoding over them, from an in-memory snapshot: address
 * text as people write it → standard address, and point → nearest standard address ({@code
 * /api/geocode}, {@code /api/geocode/reverse}). Public face: {@link
 * org.wangge.address.AddressService}, {@link org.wangge.address.Geocoder} and its result records,
 * and the {@link org.wangge.address.AddressesImported} event.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Standard addresses")
package org.wangge.address;
