package org.wangge.address;

/**
 * Receives the position and households of addresses, one call per address, in primitives (for
 * whole-city scans such as the coverage report, which must not allocate per address).
 */
@FunctionalInterface
public interface AddressPointVisitor {

  /**
   * @param lon longitude, EPSG:4326
   * @param lat latitude, EPSG:4326
   * @param households the address's households
   */
  void visit(double lon, double lat, int households);
}
