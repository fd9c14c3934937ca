/**
 * Standard addresses (标准地址): doors on roads down to building and unit, with households and
 * residents, and the grid each lies in. Public face: {@link org.wangge.address.AddressService}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Standard addresses")
package org.wangge.address;
