package org.wangge.gisdata.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.coverage.CoverageGapFinder;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.AreaRecord;

/**
 * The generator's own check of an area tree ("horizontal to the edge, vertical to the bottom, no
 * blind spots"):
 *
 * <ul>
 *   <li>codes unique and well formed: digits only, 4 (city), 6 (district), 9 (street), 12
 *       (community) or 15 (grid) long, starting with the parent's code; one city; every parent one
 *       level up; every area but a grid has children;
 *   <li>every boundary valid, SRID 4326, one polygon without holes;
 *   <li>for every parent, its children form a valid coverage (JTS {@link CoverageValidator}: no
 *       overlaps, matching shared edges), leave no narrow gaps ({@link CoverageGapFinder}, width
 *       {@value #GAP_WIDTH_DEGREES}°, about 0.1 m), and their union equals the parent (symmetric
 *       difference under 1e-9 of the parent's area).
 * </ul>
 *
 * Since the city has no holes and every parent is exactly the union of its children, these together
 * mean no gaps anywhere. Stateless; thread-safe.
 */
final class CoverageCheck {

  /** Gaps narrower than this (degrees, about 0.1 m) are reported. */
  static final double GAP_WIDTH_DEGREES = 1e-6;

  /** Allowed relative difference between the union of the children and the parent. */
  static final double UNION_TOLERANCE = 1e-9;

  private CoverageCheck() {}

  /**
   * Checks a whole area tree.
   *
   * @throws CityCoverageException listing every problem found
   */
  static void check(List<AreaRecord> areas) {
    List<String> problems = new ArrayList<>();
    Map<String, AreaRecord> byCode = new LinkedHashMap<>();
    Map<String, List<AreaRecord>> children = new LinkedHashMap<>();
    int cities = 0;
    for (AreaRecord a : areas) {
      if (byCode.put(a.code(), a) != null) {
        problems.add(a.code() + ": duplicate code");
      }
      if (a.level() == AreaLevel.CITY) {
        cities++;
      }
    }
    if (cities != 1) {
      problems.add("expected one city, found " + cities);
    }
    for (AreaRecord a : areas) {
      String code = a.code();
      if (code == null || !code.matches("\\d+") || code.length() != codeLength(a.level())) {
        problems.add(
            code + ": " + a.level() + " code must be " + codeLength(a.level()) + " digits");
      }
      if (a.level() == AreaLevel.CITY) {
        if (a.parentCode() != null) {
          problems.add(code + ": the city has a parent " + a.parentCode());
        }
      } else {
        AreaRecord parent = a.parentCode() == null ? null : byCode.get(a.parentCode());
        if (parent == null) {
          problems.add(code + ": parent " + a.parentCode() + " not found");
        } else {
          if (parent.level() != a.level().parent()) {
            problems.add(
                code + ": " + a.level() + " under a " + parent.level() + " " + parent.code());
          }
          if (code != null && !code.startsWith(parent.code())) {
            problems.add(code + ": code does not start with its parent's code " + parent.code());
          }
          children.computeIfAbsent(parent.code(), x -> new ArrayList<>()).add(a);
        }
      }
      problems.addAll(checkBoundary(code, a.boundary()));
    }
    for (AreaRecord a : areas) {
      if (a.level() != AreaLevel.GRID && !children.containsKey(a.code())) {
        problems.add(a.code() + ": " + a.level() + " without children");
      }
    }
    if (!problems.isEmpty()) {
      throw new CityCoverageException(problems);
    }
    for (Map.Entry<String, List<AreaRecord>> e : children.entrySet()) {
      List<AreaRecord> kids = e.getValue();
      problems.addAll(
          checkChildren(
              e.getKey(),
              byCode.get(e.getKey()).boundary(),
              kids.stream().map(AreaRecord::code).toList(),
              kids.stream().map(k -> (Geometry) k.boundary()).toList()));
    }
    if (!problems.isEmpty()) {
      throw new CityCoverageException(problems);
    }
  }

  /** Problems of one boundary: missing, wrong SRID, invalid, several parts or holes. */
  static List<String> checkBoundary(String code, Geometry boundary) {
    List<String> problems = new ArrayList<>();
    if (boundary == null || boundary.isEmpty()) {
      problems.add(code + ": no boundary");
      return problems;
    }
    if (boundary.getSRID() != 4326) {
      problems.add(code + ": boundary SRID is " + boundary.getSRID() + ", not 4326");
    }
    IsValidOp valid = new IsValidOp(boundary);
    if (!valid.isValid()) {
      TopologyValidationError error = valid.getValidationError();
      problems.add(
          code
              + ": invalid boundary: "
              + error.getMessage()
              + " at "
              + point(error.getCoordinate()));
    }
    if (boundary.getNumGeometries() != 1) {
      problems.add(code + ": boundary has " + boundary.getNumGeometries() + " parts");
    } else if (boundary.getGeometryN(0) instanceof Polygon p && p.getNumInteriorRing() > 0) {
      problems.add(code + ": boundary has " + p.getNumInteriorRing() + " hole(s)");
    }
    return problems;
  }

  /**
   * Checks that {@code children} tile {@code parent} exactly.
   *
   * @return one line per problem, naming the codes concerned; empty if the children are a proper
   *     coverage of the parent
   */
  static List<String> checkChildren(
      String parentCode, Geometry parent, List<String> codes, List<Geometry> children) {
    List<String> problems = new ArrayList<>();
    Geometry[] coverage = children.toArray(Geometry[]::new);
    for (int i = 0; i < coverage.length; i++) {
      if (!coverage[i].isValid()) {
        problems.add("children of " + parentCode + ": " + codes.get(i) + " is not a valid polygon");
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    Geometry[] invalid = CoverageValidator.validate(coverage, GAP_WIDTH_DEGREES);
    List<String> bad = new ArrayList<>();
    Coordinate where = null;
    for (int i = 0; i < invalid.length; i++) {
      if (invalid[i] != null) {
        bad.add(codes.get(i));
        if (where == null) {
          where = invalid[i].getCoordinate();
        }
      }
    }
    if (!bad.isEmpty()) {
      problems.add(
          "children of "
              + parentCode
              + " overlap, leave a narrow gap or do not share edges exactly: "
              + String.join(", ", bad)
              + " (first near "
              + point(where)
              + ")");
      return problems;
    }
    Geometry gaps = CoverageGapFinder.findGaps(coverage, GAP_WIDTH_DEGREES);
    if (gaps != null && !gaps.isEmpty()) {
      problems.add(
          "children of "
              + parentCode
              + " leave "
              + gaps.getNumGeometries()
              + " gap(s), first near "
              + point(gaps.getCoordinate()));
    }
    Geometry union = CoverageUnion.union(coverage);
    if (single(union).norm().equalsExact(single(parent).norm())) {
      return problems; // identical vertices: the usual case for a generated tree, and cheap
    }
    double difference = union.symDifference(parent).getArea();
    if (difference > UNION_TOLERANCE * parent.getArea()) {
      double metres = Math.toRadians(parent.getCentroid().getY());
      double squareMetres = difference * 111_320.0 * 111_320.0 * Math.cos(metres);
      problems.add(
          "children of "
              + parentCode
              + " ("
              + String.join(", ", codes)
              + ") do not add up to it: they differ by "
              + String.format("%.1f", squareMetres)
              + " m²");
    }
    return problems;
  }

  /** Like {@link #checkChildren} but throws. */
  static void requireCoverage(
      String parentCode, Geometry parent, List<String> codes, List<Geometry> children) {
    List<String> problems = checkChildren(parentCode, parent, codes, children);
    if (!problems.isEmpty()) {
      throw new CityCoverageException(problems);
    }
  }

  /** The only member of a one-element collection, else the geometry itself. */
  private static Geometry single(Geometry g) {
    return g.getNumGeometries() == 1 ? g.getGeometryN(0) : g;
  }

  private static String point(Coordinate c) {
    return c == null ? "?" : "POINT (" + c.x + " " + c.y + ")";
  }

  static int codeLength(AreaLevel level) {
    return switch (level) {
      case CITY -> 4;
      case DISTRICT -> 6;
      case STREET -> 9;
      case COMMUNITY -> 12;
      case GRID -> 15;
    };
  }
}
