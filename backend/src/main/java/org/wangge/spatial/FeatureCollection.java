package org.wangge.spatial;

import java.util.List;

/** An RFC 7946 FeatureCollection. Served as {@code application/geo+json}. */
public record FeatureCollection<P>(String type, List<Feature<P>> features) {

  public static final String MEDIA_TYPE = "application/geo+json";

  public static <P> FeatureCollection<P> of(List<Feature<P>> features) {
    return new FeatureCollection<>("FeatureCollection", features);
  }
}
