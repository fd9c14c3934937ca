package org.wangge.gisdata.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.coverage.CoverageGapFinder;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.AreaRecord;
import org.wangge.gisdata.model.CategoryLevel;
import org.wangge.gisdata.model.ClockType;
import org.wangge.gisdata.model.CategoryRecord;
import org.wangge.gisdata.model.City;
import org.wangge.gisdata.model.IncidentRecord;
import org.wangge.gisdata.model.MemberRecord;
import org.wangge.gisdata.model.MemberRole;

/** The demo city, generated once, checked independently of the generator's own check. */
class SyntheticCityGeneratorTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static City city;
  private static Map<String, AreaRecord> areas;
  private static Map<String, List<AreaRecord>> children;
  private static List<AreaRecord> grids;
  private static Map<String, IndexedPointInAreaLocator> gridLocators;

  @BeforeAll
  static void generateDemoCity() {
    city = SyntheticCityGenerator.generate(CitySpec.demo(AS_OF));
    areas = new LinkedHashMap<>();
    children = new LinkedHashMap<>();
    for (AreaRecord a : city.areas()) {
      areas.put(a.code(), a);
      if (a.parentCode() != null) {
        children.computeIfAbsent(a.parentCode(), k -> new ArrayList<>()).add(a);
      }
    }
    grids = city.areas().stream().filter(a -> a.level() == AreaLevel.GRID).toList();
    gridLocators = new HashMap<>();
    for (AreaRecord g : grids) {
      gridLocators.put(g.code(), new IndexedPointInAreaLocator(g.boundary()));
    }
  }

  private static long count(AreaLevel level) {
    return city.areas().stream().filter(a -> a.level() == level).count();
  }

  @Test
  void demoCityHasExactCountsPerLevel() {
    assertThat(count(AreaLevel.CITY)).isEqualTo(1);
    assertThat(count(AreaLevel.DISTRICT)).isEqualTo(2);
    assertThat(count(AreaLevel.STREET)).isEqualTo(10);
    assertThat(count(AreaLevel.COMMUNITY)).isEqualTo(80);
    assertThat(count(AreaLevel.GRID)).isEqualTo(800);
    assertThat(city.addresses()).hasSize(150_000);
    assertThat(city.incidents()).hasSize(3_000);
    AreaRecord top = city.areas().get(0);
    assertThat(top.code()).isEqualTo("3605");
    assertThat(top.name()).isEqualTo("新余市");
    assertThat(areas).containsKeys("360502", "360521");
  }

  @Test
  void areasAreOrderedParentsFirstThenByCode() {
    List<AreaRecord> sorted =
        city.areas().stream()
            .sorted(Comparator.comparing(AreaRecord::level).thenComparing(AreaRecord::code))
            .toList();
    assertThat(city.areas()).containsExactlyElementsOf(sorted);
  }

  @Test
  void cityLiesAroundXinyu() {
    Envelope env = city.areas().get(0).boundary().getEnvelopeInternal();
    assertThat(env.centre().x).isBetween(114.8, 115.05);
    assertThat(env.centre().y).isBetween(27.7, 27.95);
    // Not a rectangle: the outline fills well under its envelope.
    assertThat(city.areas().get(0).boundary().getArea() / env.getArea()).isLessThan(0.9);
  }

  @Test
  void everyGeometryIsValidWithSrid4326AndOnePolygonWithoutHoles() {
    for (AreaRecord a : city.areas()) {
      assertThat(a.boundary().isValid()).as(a.code()).isTrue();
      assertThat(a.boundary().getSRID()).as(a.code()).isEqualTo(4326);
      assertThat(a.boundary().getNumGeometries()).as(a.code()).isEqualTo(1);
      assertThat(((Polygon) a.boundary().getGeometryN(0)).getNumInteriorRing())
          .as(a.code())
          .isZero();
    }
  }

  @Test
  void childrenOfEveryParentAreAValidCoverageWithoutGapsThatAddsUpToIt() {
    for (Map.Entry<String, List<AreaRecord>> e : children.entrySet()) {
      Geometry parent = areas.get(e.getKey()).boundary();
      Geometry[] kids = e.getValue().stream().map(AreaRecord::boundary).toArray(Geometry[]::new);
      Geometry[] invalid = CoverageValidator.validate(kids, 1e-6);
      for (int i = 0; i < kids.length; i++) {
        assertThat(invalid[i]).as("coverage edges of %s", e.getValue().get(i).code()).isNull();
      }
      assertThat(CoverageGapFinder.findGaps(kids, 1e-6).isEmpty())
          .as("gaps in %s", e.getKey())
          .isTrue();
      Geometry union = CoverageUnion.union(kids);
      assertThat(union.symDifference(parent).getArea())
          .as("union of the children of %s", e.getKey())
          .isLessThanOrEqualTo(1e-9 * parent.getArea());
      for (AreaRecord kid : e.getValue()) {
        assertThat(parent.covers(kid.boundary()))
            .as("%s covers %s", e.getKey(), kid.code())
            .isTrue();
      }
    }
  }

  @Test
  void codesAreUniqueAndWellFormed() {
    Map<AreaLevel, Integer> length =
        Map.of(
            AreaLevel.CITY,
            4,
            AreaLevel.DISTRICT,
            6,
            AreaLevel.STREET,
            9,
            AreaLevel.COMMUNITY,
            12,
            AreaLevel.GRID,
            15);
    assertThat(areas).hasSameSizeAs(city.areas());
    for (AreaRecord a : city.areas()) {
      assertThat(a.code()).as(a.code()).matches("\\d+").hasSize(length.get(a.level()));
      if (a.level() == AreaLevel.CITY) {
        assertThat(a.parentCode()).isNull();
      } else {
        AreaRecord parent = areas.get(a.parentCode());
        assertThat(parent).as("parent of %s", a.code()).isNotNull();
        assertThat(parent.level()).isEqualTo(a.level().parent());
        assertThat(a.code()).startsWith(parent.code());
      }
      if (a.level() == AreaLevel.STREET) {
        assertThat(Integer.parseInt(a.code().substring(6))).isBetween(1, 99);
      }
    }
    // Names unique where they must be, and plausible.
    for (AreaLevel level : List.of(AreaLevel.DISTRICT, AreaLevel.STREET, AreaLevel.COMMUNITY)) {
      List<String> names =
          city.areas().stream().filter(a -> a.level() == level).map(AreaRecord::name).toList();
      assertThat(new HashSet<>(names)).as(level.name()).hasSameSizeAs(names);
    }
    assertThat(city.areas())
        .filteredOn(a -> a.level() == AreaLevel.STREET)
        .allMatch(a -> a.name().endsWith("街道"));
    assertThat(city.areas())
        .filteredOn(a -> a.level() == AreaLevel.COMMUNITY)
        .allMatch(a -> a.name().endsWith("社区"));
    assertThat(grids)
        .allMatch(
            g -> g.name().startsWith(areas.get(g.parentCode()).name()) && g.name().endsWith("网格"));
  }

  @Test
  void communitiesHaveAboutTenGridsAndStreetsAboutEightCommunities() {
    IntSummaryStatistics perCommunity = sizes(AreaLevel.COMMUNITY);
    IntSummaryStatistics perStreet = sizes(AreaLevel.STREET);
    assertThat(perCommunity.getMin()).isGreaterThanOrEqualTo(6);
    assertThat(perCommunity.getMax()).isLessThanOrEqualTo(16);
    assertThat(perStreet.getMin()).isGreaterThanOrEqualTo(5);
    assertThat(perStreet.getMax()).isLessThanOrEqualTo(12);
  }

  private static IntSummaryStatistics sizes(AreaLevel level) {
    return city.areas().stream()
        .filter(a -> a.level() == level)
        .mapToInt(a -> children.get(a.code()).size())
        .summaryStatistics();
  }

  @Test
  void gridsAreIrregularNotRectangles() {
    IntSummaryStatistics vertices =
        grids.stream().mapToInt(g -> g.boundary().getNumPoints() - 1).summaryStatistics();
    System.out.println("vertices per grid: " + vertices);
    assertThat(vertices.getAverage()).isGreaterThanOrEqualTo(12);
    assertThat(vertices.getMin()).isGreaterThanOrEqualTo(8);
    for (AreaRecord g : grids) {
      double fill = g.boundary().getArea() / g.boundary().getEnvelope().getArea();
      assertThat(fill).as(g.code()).isLessThan(0.95);
    }
    // Urban grids: about 0.2–0.4 km² on average.
    LocalProjection projection = new LocalProjection(114.92, 27.82);
    double meanKm2 =
        grids.stream()
                .mapToDouble(g -> Planar.areaAndCentroid(g.boundary(), projection)[0])
                .average()
                .orElseThrow()
            / 1e6;
    assertThat(meanKm2).isBetween(0.2, 0.4);
  }

  @Test
  void gridsAreNumberedByRowsNorthToSouthThenWestToEast() {
    LocalProjection projection = new LocalProjection(114.92, 27.82);
    double northFirst = 0;
    int communities = 0;
    for (AreaRecord community : city.areas()) {
      if (community.level() != AreaLevel.COMMUNITY) {
        continue;
      }
      List<AreaRecord> kids = children.get(community.code());
      Map<String, double[]> m = new HashMap<>();
      for (AreaRecord g : kids) {
        m.put(g.code(), Planar.areaAndCentroid(g.boundary(), projection));
      }
      double rowHeight =
          Math.sqrt(kids.stream().mapToDouble(g -> m.get(g.code())[0]).average().orElseThrow());
      double top = kids.stream().mapToDouble(g -> m.get(g.code())[2]).max().orElseThrow();
      List<AreaRecord> expected = new ArrayList<>(kids);
      expected.sort(
          Comparator.<AreaRecord>comparingInt(
                  g -> (int) Math.floor((top - m.get(g.code())[2]) / rowHeight))
              .thenComparingDouble(g -> m.get(g.code())[1]));
      List<String> codes = kids.stream().map(AreaRecord::code).sorted().toList();
      assertThat(expected.stream().map(AreaRecord::code).toList())
          .as(community.code())
          .isEqualTo(codes);
      for (int i = 0; i < codes.size(); i++) {
        assertThat(codes.get(i)).endsWith(String.format("%03d", i + 1));
      }
      northFirst += m.get(codes.get(0))[2] - m.get(codes.get(codes.size() - 1))[2];
      communities++;
    }
    assertThat(northFirst / communities)
        .as("first grid north of the last, on average (m)")
        .isPositive();
  }

  @Test
  void householdsPerGridAverageBetween200And400AndAddUp() {
    IntSummaryStatistics households =
        grids.stream().mapToInt(AreaRecord::households).summaryStatistics();
    System.out.printf(
        "households per grid: min %d, avg %.1f, max %d%n",
        households.getMin(), households.getAverage(), households.getMax());
    assertThat(households.getAverage()).isBetween(200.0, 400.0);
    Map<String, Integer> byGrid =
        city.addresses().stream()
            .collect(
                Collectors.groupingBy(
                    AddressRecord::gridCode, Collectors.summingInt(AddressRecord::households)));
    for (AreaRecord g : grids) {
      assertThat(g.households()).as(g.code()).isEqualTo(byGrid.getOrDefault(g.code(), 0));
    }
    for (Map.Entry<String, List<AreaRecord>> e : children.entrySet()) {
      AreaRecord parent = areas.get(e.getKey());
      assertThat(parent.households())
          .isEqualTo(e.getValue().stream().mapToInt(AreaRecord::households).sum());
      assertThat(parent.residents())
          .isEqualTo(e.getValue().stream().mapToInt(AreaRecord::residents).sum());
    }
    double residentsPerHousehold =
        (double) city.areas().get(0).residents() / city.areas().get(0).households();
    assertThat(residentsPerHousehold).isBetween(2.3, 2.9);
  }

  @Test
  void everyAddressLiesStrictlyInsideItsGridAndNoOther() {
    STRtree index = new STRtree();
    for (AreaRecord g : grids) {
      index.insert(g.boundary().getEnvelopeInternal(), g);
    }
    Set<String> codes = new HashSet<>();
    String previous = "";
    for (AddressRecord a : city.addresses()) {
      Coordinate c = new Coordinate(a.lon(), a.lat());
      assertThat(gridLocators.get(a.gridCode()).locate(c))
          .as(a.code())
          .isEqualTo(Location.INTERIOR);
      int covering = 0;
      for (Object o : index.query(new Envelope(c))) {
        if (gridLocators.get(((AreaRecord) o).code()).locate(c) != Location.EXTERIOR) {
          covering++;
        }
      }
      assertThat(covering).as(a.code()).isEqualTo(1);
      assertThat(a.code()).startsWith(a.gridCode()).hasSize(20).matches("\\d+");
      assertThat(codes.add(a.code())).as(a.code()).isTrue();
      assertThat(a.code().compareTo(previous)).isPositive();
      previous = a.code();
      assertThat(a.fullText()).startsWith("江西省新余市").contains(a.road() + a.number());
      assertThat(a.households()).isBetween(0, 12);
      // On the 1e-7° grid, so the 7-decimal files say exactly the same.
      assertThat(Math.round(a.lon() * 1e7) / 1e7).isEqualTo(a.lon());
    }
    long inCompounds = city.addresses().stream().filter(a -> a.building() != null).count();
    assertThat(inCompounds).isBetween(1L, (long) city.addresses().size() - 1);
  }

  @Test
  void everyGridHasATeamExceptTheDeliberatelyImperfectOnes() {
    Map<String, Set<MemberRole>> roles = new HashMap<>();
    Set<String> codes = new HashSet<>();
    Set<String> phones = new HashSet<>();
    for (MemberRecord m : city.members()) {
      assertThat(codes.add(m.code())).as(m.code()).isTrue();
      assertThat(phones.add(m.phone())).as(m.phone()).isTrue();
      assertThat(m.phone()).matches("1[358]\\d{9}");
      assertThat(m.code()).matches("M\\d{17}").startsWith("M" + m.gridCodes().get(0));
      assertThat(m.name()).hasSizeBetween(2, 4);
      roles.computeIfAbsent(m.gridCodes().get(0), k -> new HashSet<>()).add(m.role());
      assertThat(areas.keySet()).containsAll(m.gridCodes());
      if (m.onDuty()) {
        assertThat(m.lon()).isNotNull();
        Coordinate c = new Coordinate(m.lon(), m.lat());
        assertThat(gridLocators.get(m.gridCodes().get(0)).locate(c)).isEqualTo(Location.INTERIOR);
        Instant start = AS_OF.atStartOfDay(SHANGHAI).toInstant();
        assertThat(m.lastSeenAt()).isBefore(start).isAfter(start.minus(Duration.ofHours(6)));
      } else {
        assertThat(m.lon()).isNull();
        assertThat(m.lastSeenAt()).isNull();
      }
    }
    long withoutFullTime =
        grids.stream().filter(g -> !roles.get(g.code()).contains(MemberRole.FULL_TIME)).count();
    long withoutLeader =
        grids.stream().filter(g -> !roles.get(g.code()).contains(MemberRole.GRID_LEADER)).count();
    assertThat(withoutFullTime).isEqualTo(8);
    assertThat(withoutLeader).isEqualTo(4);
    assertThat(grids).allMatch(g -> roles.get(g.code()).contains(MemberRole.PART_TIME));
    assertThat(grids)
        .filteredOn(g -> !roles.get(g.code()).contains(MemberRole.FULL_TIME))
        .allMatch(g -> roles.get(g.code()).contains(MemberRole.GRID_LEADER));
  }

  @Test
  void incidentsLieInTheirGridWithinTheNinetyDaysAndAreNumberedUniquely() {
    Instant end = AS_OF.atStartOfDay(SHANGHAI).toInstant();
    Instant start = AS_OF.minusDays(90).atStartOfDay(SHANGHAI).toInstant();
    Map<String, CategoryRecord> categories = new HashMap<>();
    city.categories().forEach(c -> categories.put(c.code(), c));
    Map<String, AddressRecord> addresses = new HashMap<>();
    city.addresses().forEach(a -> addresses.put(a.code(), a));
    Set<String> numbers = new HashSet<>();
    IncidentRecord previous = null;
    DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyyMMdd");
    for (IncidentRecord i : city.incidents()) {
      assertThat(numbers.add(i.number())).as(i.number()).isTrue();
      assertThat(i.number())
          .matches("\\d{13}")
          .startsWith(day.format(i.reportedAt().atZone(SHANGHAI)));
      assertThat(gridLocators.get(i.gridCode()).locate(new Coordinate(i.lon(), i.lat())))
          .as(i.number())
          .isEqualTo(Location.INTERIOR);
      assertThat(i.reportedAt()).isAfterOrEqualTo(start).isBefore(end);
      assertThat(i.dueAt()).isAfter(i.reportedAt());
      if (i.closedAt() != null) {
        assertThat(i.closedAt()).isAfterOrEqualTo(i.reportedAt()).isBefore(end);
      }
      assertThat(i.closedAt() == null).as(i.number()).isEqualTo(i.status().isOpen());
      CategoryRecord category = categories.get(i.categoryCode());
      assertThat(category.parentCode()).isNotNull();
      assertThat(i.departmentCode()).isEqualTo(category.departmentCode());
      if (category.departmentCode() != null) {
        assertThat(i.assigneeCode()).isNull();
      }
      assertThat(addresses.get(i.addressCode()).gridCode()).isEqualTo(i.gridCode());
      assertThat(i.description()).isNotBlank();
      if (previous != null) {
        int order = previous.reportedAt().compareTo(i.reportedAt());
        assertThat(order < 0 || (order == 0 && previous.number().compareTo(i.number()) < 0))
            .isTrue();
      }
      previous = i;
    }
    long open = city.incidents().stream().filter(i -> i.status().isOpen()).count();
    long overdueOld =
        city.incidents().stream()
            .filter(i -> i.status().isOpen() && i.dueAt().isBefore(end.minus(Duration.ofDays(10))))
            .count();
    assertThat(open).isBetween(1L, 1000L);
    assertThat(overdueOld).isPositive();
  }

  @Test
  void categoriesAndDepartmentsFollowTheDomain() {
    List<CategoryRecord> majors =
        city.categories().stream().filter(c -> c.parentCode() == null).toList();
    List<CategoryRecord> minors =
        city.categories().stream().filter(c -> c.level() == CategoryLevel.ITEM).toList();
    Set<String> departments =
        city.departments().stream().map(d -> d.code()).collect(Collectors.toSet());
    assertThat(majors)
        .hasSizeBetween(6, 11)
        .allMatch(c -> c.code().matches("\\d{2}") && c.departmentCode() == null);
    assertThat(minors).hasSizeBetween(200, 400);
    assertThat(city.categories().stream().filter(c -> c.level() == CategoryLevel.SUBCLASS).count())
        .isBetween(60L, 120L);
    assertThat(city.categories()).allMatch(c -> c.nameEn() != null && !c.nameEn().isBlank());
    // The items of earlier demo lists keep their codes and routing.
    assertThat(minors).filteredOn(c -> c.code().endsWith("01")).hasSizeGreaterThanOrEqualTo(61);
    CategoryRecord gasLeak =
        minors.stream().filter(c -> c.code().equals("050301")).findFirst().orElseThrow();
    assertThat(gasLeak.raisesAlarm()).isTrue();
    assertThat(gasLeak.clockType()).isEqualTo(ClockType.CALENDAR_HOURS);
    assertThat(gasLeak.gridAdmitted()).isFalse();
    assertThat(gasLeak.questions()).extracting(q -> q.code()).contains("injured", "people_involved");
    // Items a grid must not be handed have a department to take them.
    assertThat(minors).filteredOn(c -> !c.gridAdmitted()).allMatch(c -> c.departmentCode() != null);
    assertThat(minors).filteredOn(c -> !c.gridAdmitted()).hasSizeGreaterThan(30);
    assertThat(minors)
        .filteredOn(c -> !c.coDepartmentCodes().isEmpty())
        .hasSizeGreaterThan(30)
        .allMatch(c -> departments.containsAll(c.coDepartmentCodes()));
    Set<String> questionTypes = Set.of("YES_NO", "NUMBER", "TEXT", "CHOICE");
    assertThat(minors.stream().flatMap(c -> c.questions().stream()).map(q -> q.type()).distinct())
        .containsExactlyInAnyOrderElementsOf(questionTypes);
    assertThat(minors.stream().flatMap(c -> c.questions().stream()))
        .allMatch(q -> q.code().matches("[a-z0-9_]+") && q.textEn() != null)
        .allMatch(q -> q.type().equals("CHOICE") != q.choices().isEmpty());
    assertThat(city.departments())
        .hasSizeBetween(12, 24)
        .allMatch(d -> d.phone().matches("0790-6\\d{6}"));
    for (CategoryRecord c : minors) {
      assertThat(c.code()).matches("\\d{6}").startsWith(c.parentCode());
      assertThat(c.deadlineHours()).isPositive();
      if (c.departmentCode() != null) {
        assertThat(departments).contains(c.departmentCode());
      }
    }
    assertThat(minors).anyMatch(c -> c.name().equals("暴露垃圾") && c.departmentCode() == null);
  }
}
