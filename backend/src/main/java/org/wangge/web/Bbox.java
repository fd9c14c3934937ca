package org.wangge.web;

import org.wangge.spatial.Wgs84;

/** The {@code bbox=minLon,minLat,maxLon,maxLat} request parameter (EPSG:4326 degrees). */
public final class Bbox {

  private Bbox() {}

  /**
   * Parses and checks a box.
   *
   * @return {@code [minLon, minLat, maxLon, maxLat]}
   * @throws InvalidInputException naming {@code bbox} when it is not 4 numbers, out of range, or
   *     inverted
   */
  public static double[] parse(String bbox) {
    String[] parts = bbox.split(",");
    if (parts.length != 4) {
      throw new InvalidInputException(
          "bbox", "must be minLon,minLat,maxLon,maxLat (4 numbers), got '" + bbox + "'");
    }
    double[] box = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        box[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException("bbox", "has a non-number '" + parts[i] + "'");
      }
    }
    if (!Wgs84.isValidLonLat(box[0], box[1]) || !Wgs84.isValidLonLat(box[2], box[3])) {
      throw new InvalidInputException(
          "bbox", "must hold longitudes in [-180, 180] and latitudes in [-90, 90]");
    }
    if (box[0] > box[2] || box[1] > box[3]) {
      throw new InvalidInputException("bbox", "must have minLon <= maxLon and minLat <= maxLat");
    }
    return box;
  }
}
