package org.wangge.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.wangge.spatial.Wgs84;

/** The checks every edit must pass: a valid coverage, the same union, no overlap. */
final class ExactCoverage {

  private static final WKTReader WKT = new WKTReader(Wgs84.FACTORY);

  private ExactCoverage() {}

  static Geometry wkt(String text) {
    try {
      return WKT.read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /**
   * {@code after} is a valid polygonal coverage (CoverageValidator finds no invalid edge, every
   * result is a valid polygon), covers exactly what {@code before} covered (union areas equal to a
   * relative 1e-9, symmetric difference negligible) and no two results overlap.
   */
  static void assertExact(Collection<? extends Geometry> before, Collection<? extends Geometry> after) {
    Geometry[] results = after.toArray(Geometry[]::new);
    for (Geometry g : results) {
      assertThat(g.isValid()).as("valid: %s", g).isTrue();
      assertThat(g.isEmpty()).isFalse();
    }
    Geometry[] invalid = CoverageValidator.validate(results);
    assertThat(Arrays.stream(invalid).filter(Objects::nonNull).toList())
        .as("invalid coverage edges")
        .isEmpty();
    double areaBefore = BoundaryEdits.union(new ArrayList<>(before)).getArea();
    Geometry unionAfter = BoundaryEdits.union(List.of(results));
    assertThat(unionAfter.getArea()).isCloseTo(areaBefore, within(areaBefore * 1e-9));
    Geometry difference =
        OverlayNGRobust.overlay(
            BoundaryEdits.union(new ArrayList<>(before)), unionAfter, OverlayNG.SYMDIFFERENCE);
    assertThat(difference.getArea()).isLessThan(areaBefore * 1e-9);
    double sum = Arrays.stream(results).mapToDouble(Geometry::getArea).sum();
    assertThat(sum).as("sum of areas = union area").isCloseTo(areaBefore, within(areaBefore * 1e-9));
    for (int i = 0; i < results.length; i++) {
      for (int j = i + 1; j < results.length; j++) {
        assertThat(BoundaryEdits.overlapArea(results[i], results[j]))
            .as("overlap of %d and %d", i, j)
            .isZero();
      }
    }
  }
}
