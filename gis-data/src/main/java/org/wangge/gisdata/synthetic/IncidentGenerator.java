package org.wangge.gisdata.synthetic;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.wangge.gisdata.grid.GridIndex;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.gisdata.model.IncidentRecord;
import org.wangge.gisdata.model.ClockType;
import org.wangge.gisdata.model.IncidentSource;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.gisdata.model.MemberRecord;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.gisdata.model.Risk;

/**
 * Ninety days of incidents before the as-of day.
 *
 * <ul>
 *   <li>Where: 60% around hot spots (one per hundred grids, at least four, Gaussian with σ 120–350
 *       m, placed where many households live), 40% spread over grids by households; every point
 *       strictly inside a grid (on the 1e-7° grid).
 *   <li>When: more on weekdays than at weekends, peaks around 09:30 and 15:00, few at night.
 *   <li>What: minor classes by their reporting frequency (rubbish, street vending and parking most;
 *       disputes and hazards rarer); risk is the class default, one grade up or down 10% of the
 *       time each; source PATROL 45%, HOTLINE 20%, CITIZEN 18%, SENSOR 9%, DEPARTMENT 8%.
 *   <li>Who: the grid's full-time member (else its leader, else a part-time member) for classes the
 *       grid handles, the department otherwise. The nearest address in the grid gives the address
 *       code and the place in the description.
 *   <li>Deadline and outcome: {@code dueAt} adds the class's working hours on the {@link
 *       WorkingCalendar}; handling takes a lognormal share of the allowed time (about 10% late);
 *       cases whose handling ends before the as-of day are CLOSED or FOLLOWED_UP, others are still
 *       open; 2–3% are CANCELLED and 6% of cases older than 10 days are stuck open (overdue).
 *   <li>Numbers: report date (yyyyMMdd, Asia/Shanghai) + 5-digit sequence within the day, in report
 *       order.
 * </ul>
 */
final class IncidentGenerator {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private IncidentGenerator() {}

  private record Hotspot(double x, double y, double sigma) {}

  private record Draft(
      int order,
      String categoryCode,
      IncidentSource source,
      Risk risk,
      IncidentStatus status,
      String description,
      double lon,
      double lat,
      String addressCode,
      String gridCode,
      String assigneeCode,
      String departmentCode,
      Instant reportedAt,
      Instant dueAt,
      Instant closedAt) {}

  static List<IncidentRecord> generate(
      AreaTree tree,
      List<AddressRecord> addresses,
      List<MemberRecord> members,
      CitySpec spec,
      LocalProjection projection,
      long seed) {
    if (spec.incidents() == 0) {
      return List.of();
    }
    List<AreaTree.Node> grids = tree.grids;
    int g = grids.size();
    SplittableRandom random = Hashing.stream(seed, "incidents");

    // The one grid index (the locator's shared-edge rule) and per-grid samplers.
    IndexedPointInAreaLocator[] locators = new IndexedPointInAreaLocator[g];
    for (int i = 0; i < g; i++) {
      locators[i] = new IndexedPointInAreaLocator(grids.get(i).polygon);
    }
    GridIndex<Integer> index =
        gridIndex(grids.stream().map(n -> n.code).toList(), grids.stream().map(n -> n.polygon).toList());
    int[] addressStart = new int[g + 1];
    for (int i = 0, a = 0; i < g; i++) {
      addressStart[i] = a;
      while (a < addresses.size() && addresses.get(a).gridCode().equals(grids.get(i).code)) {
        a++;
      }
      addressStart[i + 1] = a;
    }
    String[] assignee = assignees(grids, members);

    // Where.
    double[] householdWeight = new double[g];
    for (int i = 0; i < g; i++) {
      householdWeight[i] = grids.get(i).households + 50;
    }
    double[] gridCumulative = Hashing.cumulative(householdWeight);
    int hotspotCount = Math.max(4, (int) Math.round(g / 100.0));
    List<Hotspot> hotspots = new ArrayList<>();
    double[] hotspotWeight = new double[hotspotCount];
    for (int h = 0; h < hotspotCount; h++) {
      Coordinate c = pointIn(Hashing.weighted(random, gridCumulative), locators, grids, random);
      hotspots.add(
          new Hotspot(projection.x(c.x), projection.y(c.y), 120 + 230 * random.nextDouble()));
      hotspotWeight[h] = 0.5 + 1.5 * random.nextDouble();
    }
    double[] hotspotCumulative = Hashing.cumulative(hotspotWeight);

    // What.
    List<Catalogue.Minor> minors = Catalogue.minors();
    double[] frequency = minors.stream().mapToDouble(Catalogue.Minor::frequency).toArray();
    double[] categoryCumulative = Hashing.cumulative(frequency);
    double[] sourceCumulative = Hashing.cumulative(new double[] {45, 18, 20, 9, 8});
    IncidentSource[] sources =
        IncidentSource.values(); // PATROL, CITIZEN, HOTLINE, SENSOR, DEPARTMENT

    // When.
    Instant asOfStart = spec.asOf().atStartOfDay(WorkingCalendar.ZONE).toInstant();
    LocalDate firstDay = spec.asOf().minusDays(CitySpec.INCIDENT_DAYS);
    double[] dayWeight = new double[CitySpec.INCIDENT_DAYS];
    double phase = random.nextDouble() * 2 * Math.PI;
    for (int d = 0; d < dayWeight.length; d++) {
      DayOfWeek dow = firstDay.plusDays(d).getDayOfWeek();
      double weekday =
          switch (dow) {
            case MONDAY -> 1.1;
            case TUESDAY -> 1.05;
            case FRIDAY -> 0.95;
            case SATURDAY -> 0.7;
            case SUNDAY -> 0.6;
            default -> 1.0;
          };
      dayWeight[d] = weekday * (1 + 0.15 * Math.sin(2 * Math.PI * d / 30 + phase));
    }
    double[] dayCumulative = Hashing.cumulative(dayWeight);

    List<Draft> drafts = new ArrayList<>(spec.incidents());
    for (int k = 0; k < spec.incidents(); k++) {
      Coordinate where = null;
      int grid = -1;
      while (grid < 0) {
        if (random.nextDouble() < 0.6) {
          Hotspot h = hotspots.get(Hashing.weighted(random, hotspotCumulative));
          double x = h.x() + h.sigma() * Hashing.gaussian(random);
          double y = h.y() + h.sigma() * Hashing.gaussian(random);
          where =
              new Coordinate(
                  LocalProjection.snap(projection.lon(x)), LocalProjection.snap(projection.lat(y)));
          int rank = index.locate(where.x, where.y);
          grid = rank == GridIndex.NONE ? -1 : index.area(rank);
        } else {
          grid = Hashing.weighted(random, gridCumulative);
          where = pointIn(grid, locators, grids, random);
        }
      }
      Catalogue.Minor minor = minors.get(Hashing.weighted(random, categoryCumulative));
      IncidentSource source = sources[Hashing.weighted(random, sourceCumulative)];
      Risk risk = minor.record().defaultRisk();
      double r = random.nextDouble();
      if (r < 0.1 && risk != Risk.HIGH) {
        risk = Risk.values()[risk.ordinal() - 1];
      } else if (r > 0.9 && risk != Risk.LOW) {
        risk = Risk.values()[risk.ordinal() + 1];
      }
      int day = Hashing.weighted(random, dayCumulative);
      Instant reportedAt =
          firstDay
              .plusDays(day)
              .atStartOfDay(WorkingCalendar.ZONE)
              .toInstant()
              .plusSeconds(secondOfDay(random));

      AddressRecord address =
          nearestAddress(addresses, addressStart[grid], addressStart[grid + 1], where);
      String place = address == null ? grids.get(grid).name : address.road() + address.number();
      String description = minor.template().replace("{p}", place);
      String department = minor.record().departmentCode();
      String member = department == null ? assignee[grid] : null;

      Instant dueAt =
          minor.record().clockType() == ClockType.CALENDAR_HOURS
              ? reportedAt.plus(Duration.ofHours(minor.record().deadlineHours()))
              : WorkingCalendar.addWorkingHours(reportedAt, minor.record().deadlineHours());
      double ageDays = Duration.between(reportedAt, asOfStart).toSeconds() / 86400.0;
      IncidentStatus status;
      Instant closedAt = null;
      double u = random.nextDouble();
      double cancelled = ageDays > 10 ? 0.03 : 0.02;
      if (u < cancelled) {
        status = IncidentStatus.CANCELLED;
        closedAt =
            min(reportedAt.plusSeconds(1800 + random.nextInt(86400)), asOfStart.minusSeconds(1));
      } else if (ageDays > 10 && u < cancelled + 0.06) {
        status = openStatus(random, false);
      } else {
        double factor = Math.exp(-0.9 + 0.7 * Hashing.gaussian(random));
        long allowed = Duration.between(reportedAt, dueAt).toSeconds();
        long handling = Math.max(900, (long) (factor * allowed));
        Instant done = reportedAt.plusSeconds(handling);
        if (done.isBefore(asOfStart)) {
          closedAt = done;
          status =
              random.nextDouble() < (ageDays > 3 ? 0.35 : 0.1)
                  ? IncidentStatus.FOLLOWED_UP
                  : IncidentStatus.CLOSED;
        } else {
          status = openStatus(random, ageDays * 24 < 1);
        }
      }
      drafts.add(
          new Draft(
              k,
              minor.record().code(),
              source,
              risk,
              status,
              description,
              where.x,
              where.y,
              address == null ? null : address.code(),
              grids.get(grid).code,
              member,
              department,
              reportedAt,
              dueAt,
              closedAt));
    }

    drafts.sort(
        (a, b) -> {
          int c = a.reportedAt().compareTo(b.reportedAt());
          return c != 0 ? c : Integer.compare(a.order(), b.order());
        });
    List<IncidentRecord> incidents = new ArrayList<>(drafts.size());
    String currentDay = null;
    int sequence = 0;
    for (Draft d : drafts) {
      String day = DAY.format(d.reportedAt().atZone(WorkingCalendar.ZONE).toLocalDate());
      if (!day.equals(currentDay)) {
        currentDay = day;
        sequence = 0;
      }
      sequence++;
      incidents.add(
          new IncidentRecord(
              day + AddressGenerator.fiveDigits(sequence),
              d.categoryCode(),
              d.source(),
              d.risk(),
              d.status(),
              d.description(),
              d.lon(),
              d.lat(),
              d.addressCode(),
              d.gridCode(),
              d.assigneeCode(),
              d.departmentCode(),
              d.reportedAt(),
              d.dueAt(),
              d.closedAt()));
    }
    return incidents;
  }

  private static IncidentStatus openStatus(SplittableRandom random, boolean fresh) {
    double u = random.nextDouble();
    if (fresh) {
      return u < 0.5 ? IncidentStatus.REPORTED : IncidentStatus.DISPATCHED;
    }
    return u < 0.15
        ? IncidentStatus.DISPATCHED
        : u < 0.4
            ? IncidentStatus.ACCEPTED
            : u < 0.8 ? IncidentStatus.IN_PROGRESS : IncidentStatus.HANDLED;
  }

  /** Seconds after midnight: morning and afternoon peaks, a daytime background, few at night. */
  private static int secondOfDay(SplittableRandom random) {
    while (true) {
      double u = random.nextDouble();
      double hour;
      if (u < 0.45) {
        hour = 9.5 + 1.3 * Hashing.gaussian(random);
      } else if (u < 0.85) {
        hour = 15.0 + 1.6 * Hashing.gaussian(random);
      } else if (u < 0.97) {
        hour = 7 + 15 * random.nextDouble();
      } else {
        hour = 24 * random.nextDouble();
      }
      if (hour >= 0 && hour < 24) {
        return (int) (hour * 3600);
      }
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** Full-time member, else leader, else first part-time member of each grid (primary grid). */
  private static String[] assignees(List<AreaTree.Node> grids, List<MemberRecord> members) {
    String[] result = new String[grids.size()];
    int[] rank = new int[grids.size()];
    Arrays.fill(rank, Integer.MAX_VALUE);
    Map<String, Integer> gridIndex = new HashMap<>();
    for (int i = 0; i < grids.size(); i++) {
      gridIndex.put(grids.get(i).code, i);
    }
    for (MemberRecord m : members) {
      int preference =
          m.role() == MemberRole.FULL_TIME
              ? 0
              : m.role() == MemberRole.GRID_LEADER ? 1 : m.role() == MemberRole.PART_TIME ? 2 : 3;
      if (preference == 3) {
        continue;
      }
      int i = gridIndex.get(m.gridCodes().get(0));
      if (preference < rank[i]) {
        rank[i] = preference;
        result[i] = m.code();
      }
    }
    return result;
  }

  /**
   * The grids in the one grid index (the backend locator's shared-edge rule); its areas are the
   * grids' positions in the lists.
   */
  static GridIndex<Integer> gridIndex(List<String> codes, List<? extends Geometry> boundaries) {
    return GridIndex.of(
        IntStream.range(0, codes.size()).boxed().toList(), codes::get, boundaries::get);
  }

  private static Coordinate pointIn(
      int grid,
      IndexedPointInAreaLocator[] locators,
      List<AreaTree.Node> grids,
      SplittableRandom random) {
    IndexedPointInAreaLocator locator = locators[grid];
    Envelope env = grids.get(grid).polygon.getEnvelopeInternal();
    Coordinate c = new Coordinate();
    do {
      c.x = LocalProjection.snap(env.getMinX() + env.getWidth() * random.nextDouble());
      c.y = LocalProjection.snap(env.getMinY() + env.getHeight() * random.nextDouble());
    } while (locator.locate(c) != Location.INTERIOR);
    return c;
  }

  private static AddressRecord nearestAddress(
      List<AddressRecord> addresses, int from, int to, Coordinate c) {
    AddressRecord best = null;
    double bestD = Double.POSITIVE_INFINITY;
    double cos = Math.cos(Math.toRadians(c.y));
    for (int a = from; a < to; a++) {
      AddressRecord r = addresses.get(a);
      double dx = (r.lon() - c.x) * cos;
      double dy = r.lat() - c.y;
      double d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = r;
      }
    }
    return best;
  }
}
