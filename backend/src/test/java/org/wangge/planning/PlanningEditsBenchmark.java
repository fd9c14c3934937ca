package org.wangge.planning;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.AreaRecord;
import org.wangge.gisdata.synthetic.CitySpec;
import org.wangge.gisdata.synthetic.SyntheticCityGenerator;
import org.wangge.spatial.Wgs84;

/**
 * Time per planning edit on a realistic grid: the demo city's grid whose address count is closest
 * to 300, inside its community. {@code split}: one north–south cut through the middle of the grid;
 * {@code splitThenShareAndValidate}: the same, then {@link BoundaryEdits#shareVertices} over the
 * community's grids and JTS's CoverageValidator over the result (what a plan does after an edit);
 * {@code balancedSplit}: the auto-suggestion for k parts. Run with {@code scripts/bench
 * PlanningEditsBenchmark}; results go to BENCHMARKS.md ("Planning edits").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlanningEditsBenchmark {

  @Param({"2", "4"})
  public int parts;

  private Geometry grid;
  private Geometry community;
  private String gridCode;
  private Map<String, Geometry> communityGrids;
  private LineString line;
  private double[] lons;
  private double[] lats;
  private int[] households;

  @Setup
  public void setUp() {
    var city = SyntheticCityGenerator.generate(CitySpec.demo(LocalDate.of(2026, 11, 1)));
    Map<String, List<AddressRecord>> byGrid =
        city.addresses().stream().collect(Collectors.groupingBy(AddressRecord::gridCode));
    AreaRecord chosen =
        city.areas().stream()
            .filter(a -> a.level() == AreaLevel.GRID)
            .min(
                Comparator.comparingInt(
                        (AreaRecord a) -> Math.abs(byGrid.getOrDefault(a.code(), List.of()).size() - 300))
                    .thenComparing(AreaRecord::code))
            .orElseThrow();
    gridCode = chosen.code();
    grid = Wgs84.FACTORY.createGeometry(chosen.boundary());
    community =
        city.areas().stream()
            .filter(a -> a.code().equals(chosen.parentCode()))
            .map(a -> Wgs84.FACTORY.createGeometry(a.boundary()))
            .findFirst()
            .orElseThrow();
    communityGrids = new LinkedHashMap<>();
    city.areas().stream()
        .filter(a -> a.level() == AreaLevel.GRID && chosen.parentCode().equals(a.parentCode()))
        .forEach(a -> communityGrids.put(a.code(), Wgs84.FACTORY.createGeometry(a.boundary())));
    List<AddressRecord> addresses = byGrid.get(gridCode);
    lons = addresses.stream().mapToDouble(AddressRecord::lon).toArray();
    lats = addresses.stream().mapToDouble(AddressRecord::lat).toArray();
    households = addresses.stream().mapToInt(AddressRecord::households).toArray();
    Envelope e = grid.getEnvelopeInternal();
    double x = e.centre().x;
    line =
        Wgs84.FACTORY.createLineString(
            new Coordinate[] {
              new Coordinate(x, e.getMinY() - e.getHeight() * 0.1),
              new Coordinate(x, e.getMaxY() + e.getHeight() * 0.1)
            });
    System.out.printf(
        "%nPlanningEditsBenchmark: grid %s, %d addresses, %d households, %d vertices,"
            + " %d grids in its community%n",
        gridCode,
        addresses.size(),
        java.util.Arrays.stream(households).sum(),
        grid.getNumPoints(),
        communityGrids.size());
  }

  @Benchmark
  public List<Polygon> split() {
    return BoundaryEdits.split(grid, line);
  }

  @Benchmark
  public Geometry[] splitThenShareAndValidate() {
    List<Polygon> split = BoundaryEdits.split(grid, line);
    Map<String, Geometry> plan = new LinkedHashMap<>(communityGrids);
    plan.remove(gridCode);
    for (int i = 0; i < split.size(); i++) {
      plan.put("new" + i, split.get(i));
    }
    Geometry[] shared = BoundaryEdits.shareVertices(plan).values().toArray(Geometry[]::new);
    Geometry[] invalid = CoverageValidator.validate(shared);
    for (Geometry g : invalid) {
      if (g != null) {
        throw new IllegalStateException("invalid coverage edge " + g);
      }
    }
    return invalid;
  }

  @Benchmark
  public BalancedSplit balancedSplit() {
    return BoundaryEdits.balancedSplit(grid, community, lons, lats, households, parts);
  }
}
