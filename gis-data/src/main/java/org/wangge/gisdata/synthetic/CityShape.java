package org.wangge.gisdata.synthetic;

import java.util.SplittableRandom;

/**
 * The continuous fields that shape the city, in metres around its centre: a noisy outline (a
 * star-shaped blob, {@link #radialRank}) and a population density with a main centre and a few
 * sub-centres ({@link #density}). Grids are smaller where density is high ({@link #spacing}).
 * Immutable.
 */
final class CityShape {

  /** Target mean grid area, square metres (0.3 km²). */
  static final double MEAN_GRID_AREA = 300_000;

  /**
   * Sites are sampled within this multiple of the outline plus {@link #DOMAIN_MARGIN_SPACINGS} site
   * spacings.
   */
  static final double DOMAIN_RANK = 1.3;

  /** Extra margin of the site domain, in (largest) site spacings. */
  static final double DOMAIN_MARGIN_SPACINGS = 4;

  /** Equivalent radius of the whole city, metres. */
  final double radius;

  private final double[] harmonicAmplitude;
  private final double[] harmonicPhase;
  private static final int[] HARMONICS = {2, 3, 5};

  final double[] centreX;
  final double[] centreY;
  final double[] centreWeight;
  final double[] centreSigma;

  /** Mean spacing between grid sites at unit density, metres. */
  private final double baseSpacing;

  CityShape(int grids, long seed) {
    SplittableRandom random = Hashing.stream(seed, "shape");
    this.radius = Math.sqrt(grids * MEAN_GRID_AREA / Math.PI);
    harmonicAmplitude = new double[HARMONICS.length];
    harmonicPhase = new double[HARMONICS.length];
    double[] base = {0.14, 0.09, 0.05};
    for (int i = 0; i < HARMONICS.length; i++) {
      harmonicAmplitude[i] = base[i] * (0.7 + 0.6 * random.nextDouble());
      harmonicPhase[i] = random.nextDouble() * 2 * Math.PI;
    }
    int subCentres = Math.min(12, 2 + grids / 2000);
    centreX = new double[subCentres + 1];
    centreY = new double[subCentres + 1];
    centreWeight = new double[subCentres + 1];
    centreSigma = new double[subCentres + 1];
    centreWeight[0] = 1.0;
    centreSigma[0] = 0.35 * radius;
    double angle0 = random.nextDouble() * 2 * Math.PI;
    for (int i = 1; i <= subCentres; i++) {
      double angle = angle0 + 2 * Math.PI * (i - 1) / subCentres + (random.nextDouble() - 0.5);
      double r = radius * outline(angle) * (0.35 + 0.4 * random.nextDouble());
      centreX[i] = r * Math.cos(angle);
      centreY[i] = r * Math.sin(angle);
      centreWeight[i] = 0.4 + 0.4 * random.nextDouble();
      centreSigma[i] = radius * (0.12 + 0.1 * random.nextDouble());
    }
    // Calibrated so that the mean grid area comes out near MEAN_GRID_AREA (see GridTessellation).
    this.baseSpacing = Math.sqrt(MEAN_GRID_AREA) * 0.65;
  }

  /**
   * The outline's radius in direction {@code angle}, relative to {@link #radius} (about 0.7–1.3).
   */
  double outline(double angle) {
    double r = 1.0;
    for (int i = 0; i < HARMONICS.length; i++) {
      r += harmonicAmplitude[i] * Math.sin(HARMONICS[i] * angle + harmonicPhase[i]);
    }
    return r;
  }

  /** How far out a point is: 1 on the nominal outline, 0 at the centre. */
  double radialRank(double x, double y) {
    return Math.hypot(x, y) / (radius * outline(Math.atan2(y, x)));
  }

  /** Relative population density, about 0.3 (outskirts) to 1.5 (centre). */
  double density(double x, double y) {
    double d = 0.3;
    for (int i = 0; i < centreX.length; i++) {
      double dx = x - centreX[i];
      double dy = y - centreY[i];
      double s = centreSigma[i];
      d += centreWeight[i] * Math.exp(-(dx * dx + dy * dy) / (2 * s * s));
    }
    return d;
  }

  /** Minimum distance between grid sites here, metres: smaller where density is high. */
  double spacing(double x, double y) {
    return baseSpacing * Math.pow(density(x, y), -0.3);
  }

  /** The smallest value {@link #spacing} can take, metres. */
  double minSpacing() {
    double maxDensity = 0.3;
    for (double w : centreWeight) {
      maxDensity += w;
    }
    return baseSpacing * Math.pow(maxDensity, -0.3);
  }

  /** The largest value {@link #spacing} can take, metres. */
  double maxSpacing() {
    return baseSpacing * Math.pow(0.3, -0.3);
  }

  /** Whether sites are sampled at (x, y): within the outline scaled up, plus a margin. */
  boolean inDomain(double x, double y) {
    double angle = Math.atan2(y, x);
    return Math.hypot(x, y)
        <= radius * outline(angle) * DOMAIN_RANK + DOMAIN_MARGIN_SPACINGS * maxSpacing();
  }

  /** The largest extent of the site domain from the centre, metres. */
  double domainExtent() {
    double max = 1.0;
    for (double a : harmonicAmplitude) {
      max += a;
    }
    return radius * max * DOMAIN_RANK + DOMAIN_MARGIN_SPACINGS * maxSpacing();
  }
}
