package org.wangge.dispatch;

/** A report whose point lies outside every area of the jurisdiction: it cannot be routed. */
public class OutsideJurisdictionException extends RuntimeException {

  private final double lon;
  private final double lat;

  public OutsideJurisdictionException(double lon, double lat) {
    super("(" + lon + ", " + lat + ") lies outside the jurisdiction: no grid within the tolerance and no area covers it.");
    this.lon = lon;
    this.lat = lat;
  }

  public double lon() {
    return lon;
  }

  public double lat() {
    return lat;
  }
}
