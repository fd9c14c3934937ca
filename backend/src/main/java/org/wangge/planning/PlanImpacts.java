package org.wangge.planning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.springframework.stereotype.Component;
import org.wangge.address.AddressService.AddressPoint;
import org.wangge.address.AddressService;
import org.wangge.area.BoundaryVersions;
import org.wangge.gisdata.grid.GridIndex;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.incident.CaseRerouting.OpenCase;
import org.wangge.incident.CaseRerouting;
import org.wangge.team.GridAssignment;
import org.wangge.team.TeamService;
import org.wangge.web.NameMask;

/**
 * Computes a plan's impact from memory. Per plan it keeps the addresses of the plan's area (one
 * query answered by the spatial index, when the plan is first read on this instance), each with the
 * base grid covering it, and the team assignments; the base never changes, so neither does this.
 * An impact then locates only the addresses of base grids the plan changed, among the changed plan
 * grids, and the open cases (one indexed query, read fresh). Both use the one grid index and its
 * shared-edge rule ({@link GridIndex}, see {@link #index}). Thread-safe.
 */
@Component
class PlanImpacts {

  /** Plans whose area data stay in memory (least recently used go first). */
  private static final int CACHED_PLANS = 32;

  private final AddressService addresses;
  private final TeamService teams;
  private final CaseRerouting cases;
  private final BoundaryVersions versions;
  private final Map<Long, AreaData> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, AreaData> eldest) {
              return size() > CACHED_PLANS;
            }
          });

  PlanImpacts(AddressService addresses, TeamService teams, CaseRerouting cases, BoundaryVersions versions) {
    this.versions = versions;
    this.addresses = addresses;
    this.teams = teams;
    this.cases = cases;
  }

  /** The addresses, base grids and assignments of a plan's area. Immutable. */
  static final class AreaData {
    final List<BaseGrid> base;
    final Map<String, Integer> baseIndexByCode = new HashMap<>();
    final long[] ids;
    final double[] lon;
    final double[] lat;
    final int[] households;
    final int[] residents;
    /** Index into {@link #base} of the grid covering each address, or -1. */
    final int[] baseOf;
    /** Address indexes by base grid index. */
    final int[][] byBase;
    final int[] baseHouseholds;
    final int[] baseResidents;
    final int[] baseAddresses;
    final int[] outside;
    final List<GridAssignment> assignments;
    /** Current community boundaries by code. */
    final Map<String, Geometry> communities;

    AreaData(List<BaseGrid> base, List<AddressPoint> points, List<GridAssignment> assignments, Map<String, Geometry> communities) {
      this.base = base;
      this.communities = communities;
      this.assignments = assignments;
      for (int i = 0; i < base.size(); i++) {
        baseIndexByCode.put(base.get(i).code(), i);
      }
      int n = points.size();
      ids = new long[n];
      lon = new double[n];
      lat = new double[n];
      households = new int[n];
      residents = new int[n];
      baseOf = new int[n];
      GridIndex<BaseGrid> locator = GridIndex.of(base, BaseGrid::code, BaseGrid::boundary);
      baseHouseholds = new int[base.size()];
      baseResidents = new int[base.size()];
      baseAddresses = new int[base.size()];
      List<List<Integer>> lists = new ArrayList<>();
      base.forEach(b -> lists.add(new ArrayList<>()));
      List<Integer> none = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        AddressPoint p = points.get(i);
        ids[i] = p.id();
        lon[i] = p.lon();
        lat[i] = p.lat();
        households[i] = p.households();
        residents[i] = p.residents();
        int rank = locator.locate(p.lon(), p.lat());
        int b = rank == GridIndex.NONE ? -1 : baseIndexByCode.get(locator.code(rank));
        baseOf[i] = b;
        if (b >= 0) {
          lists.get(b).add(i);
          baseHouseholds[b] += p.households();
          baseResidents[b] += p.residents();
          baseAddresses[b]++;
        } else {
          none.add(i);
        }
      }
      byBase = lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
      outside = none.stream().mapToInt(Integer::intValue).toArray();
    }

    int baseHouseholds(String code) {
      Integer i = baseIndexByCode.get(code);
      return i == null ? 0 : baseHouseholds[i];
    }
  }

  /**
   * The plan grids in the one grid index ({@link GridIndex}, whose rule gives a point on a shared
   * edge or vertex to the lowest code). A grid keeps its code; a new grid (code {@code null}) is
   * ordered as the code it will get at publish: after every code of its community (it takes the
   * next unused sequence), and among the new grids of its community in {@link GridNumbering}
   * order. So an address on an edge goes where the grid locator will put it once the plan is
   * published.
   */
  static GridIndex<PlanGrid> index(List<PlanGrid> grids) {
    Map<String, Map<String, Geometry>> newByCommunity = new LinkedHashMap<>();
    for (PlanGrid g : grids) {
      if (g.code() == null && !g.boundary().isEmpty()) {
        newByCommunity.computeIfAbsent(g.communityCode(), c -> new LinkedHashMap<>()).put(g.key(), g.boundary());
      }
    }
    Map<String, String> ruleCode = new HashMap<>();
    newByCommunity.forEach(
        (community, byKey) -> {
          List<String> order = GridNumbering.order(byKey);
          for (int i = 0; i < order.size(); i++) {
            // '~' sorts after every digit: after the community's codes, before the next community's.
            ruleCode.put(order.get(i), community + "~" + String.format("%04d", i));
          }
        });
    return GridIndex.of(
        grids,
        g -> g.code() != null ? g.code() : ruleCode.getOrDefault(g.key(), g.communityCode() + "~~" + g.key()),
        PlanGrid::boundary);
  }

  AreaData data(long planId, String areaCode, List<BaseGrid> base) {
    return data(planId, areaCode, () -> base);
  }

  /** The plan's area data; {@code base} is read only when they are not in memory yet. */
  AreaData data(long planId, String areaCode, java.util.function.Supplier<List<BaseGrid>> baseSupplier) {
    AreaData d = cache.get(planId);
    if (d == null) {
      List<BaseGrid> base = baseSupplier.get();
      Envelope box = new Envelope();
      base.forEach(b -> box.expandToInclude(b.boundary().getEnvelopeInternal()));
      List<AddressPoint> points =
          box.isNull() ? List.of() : addresses.pointsIn(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY());
      Map<String, Geometry> communities = new HashMap<>();
      versions.current(base.stream().map(BaseGrid::communityCode).distinct().toList())
          .forEach(c -> communities.put(c.code(), c.boundary()));
      d = new AreaData(base, points, teams.assignments(areaCode + "%"), communities);
      cache.put(planId, d);
    }
    return d;
  }

  /** Households of the addresses inside a geometry (a split part), from the plan's area data. */
  static int householdsIn(AreaData d, Geometry g) {
    var locator = new IndexedPointInAreaLocator(g);
    Envelope env = g.getEnvelopeInternal();
    int sum = 0;
    for (int i = 0; i < d.ids.length; i++) {
      if (env.contains(d.lon[i], d.lat[i]) && locator.locate(new Coordinate(d.lon[i], d.lat[i])) == Location.INTERIOR) {
        sum += d.households[i];
      }
    }
    return sum;
  }

  /** A grid of the plan compared with the base grid of its code. */
  static boolean changed(PlanGrid g, AreaData d) {
    if (g.code() == null) {
      return true;
    }
    Integer b = d.baseIndexByCode.get(g.code());
    if (b == null) {
      return true;
    }
    BaseGrid base = d.base.get(b);
    return !base.name().equals(g.name())
        || !g.baseCodes().equals(List.of(g.code()))
        || !base.boundary().equalsExact(g.boundary());
  }

  /**
   * Whether a plan grid looks different from the base grid of its code: {@link #changed} except
   * for a neighbour that only gained vertices on its edges ({@link BoundaryEdits#sameShape}). Such
   * a grid is still published as a new version (its stored boundary gains the vertices), but the
   * planner is not shown it as changed.
   */
  static boolean reshaped(PlanGrid g, AreaData d) {
    if (!changed(g, d)) {
      return false;
    }
    Integer b = g.code() == null ? null : d.baseIndexByCode.get(g.code());
    if (b == null) {
      return true;
    }
    BaseGrid base = d.base.get(b);
    return !base.name().equals(g.name())
        || !g.baseCodes().equals(List.of(g.code()))
        || !BoundaryEdits.sameShape(base.boundary(), g.boundary());
  }

  /** The impact with the figures of every plan grid and where each moving address and case goes. */
  record Computed(
      PlanImpact impact,
      Map<String, int[]> figures,
      Set<String> changedKeys,
      Map<String, List<Long>> movedAddressIds,
      Map<Long, String> movedCases) {}

  Computed compute(AreaData d, List<PlanGrid> grids, String areaCode) {
    return compute(d, grids, cases.openCases(areaCode));
  }

  static Computed compute(AreaData d, List<PlanGrid> grids, List<OpenCase> openCases) {
    // Grids kept unchanged keep their base figures; the addresses of every other base grid (and of
    // none) are located among the changed grids.
    Set<String> unchangedCodes = new HashSet<>();
    List<PlanGrid> changed = new ArrayList<>();
    Set<String> changedKeys = new HashSet<>();
    for (PlanGrid g : grids) {
      if (changed(g, d)) {
        changed.add(g);
        changedKeys.add(g.key());
      } else {
        unchangedCodes.add(g.code());
      }
    }
    Map<String, int[]> figures = new LinkedHashMap<>();
    for (PlanGrid g : grids) {
      int[] f = new int[3];
      if (!changedKeys.contains(g.key())) {
        int b = d.baseIndexByCode.get(g.code());
        f[0] = d.baseHouseholds[b];
        f[1] = d.baseResidents[b];
        f[2] = d.baseAddresses[b];
      }
      figures.put(g.key(), f);
    }
    GridIndex<PlanGrid> locator = index(changed);
    Map<String, int[]> moves = new TreeMap<>();
    Map<String, List<Long>> movedIds = new HashMap<>();
    int[] moved = new int[3];
    for (int b = -1; b < d.base.size(); b++) {
      String fromCode = b < 0 ? null : d.base.get(b).code();
      if (fromCode != null && unchangedCodes.contains(fromCode)) {
        continue;
      }
      for (int i : b < 0 ? d.outside : d.byBase[b]) {
        int k = locator.locate(d.lon[i], d.lat[i]);
        if (k == GridIndex.NONE) {
          continue;
        }
        PlanGrid to = locator.area(k);
        int[] f = figures.get(to.key());
        f[0] += d.households[i];
        f[1] += d.residents[i];
        f[2]++;
        if (to.code() == null || !to.code().equals(fromCode)) {
          int[] m = moves.computeIfAbsent((fromCode == null ? "" : fromCode) + "\u0000" + to.key(), x -> new int[3]);
          m[0]++;
          m[1] += d.households[i];
          m[2] += d.residents[i];
          moved[0]++;
          moved[1] += d.households[i];
          moved[2] += d.residents[i];
          movedIds.computeIfAbsent(to.key(), x -> new ArrayList<>()).add(d.ids[i]);
        }
      }
    }
    List<PlanImpact.Move> moveList = new ArrayList<>();
    moves.forEach(
        (k, m) -> {
          String[] parts = k.split("\u0000", -1);
          moveList.add(new PlanImpact.Move(parts[0].isEmpty() ? null : parts[0], parts[1], m[0], m[1], m[2]));
        });

    // Team load: members serve grids by code.
    Map<String, Integer> fullTime = new HashMap<>();
    Map<String, List<GridAssignment>> byMember = new TreeMap<>();
    for (GridAssignment a : d.assignments) {
      if (a.role() == MemberRole.FULL_TIME) {
        fullTime.merge(a.gridCode(), 1, Integer::sum);
      }
      byMember.computeIfAbsent(a.memberCode(), x -> new ArrayList<>()).add(a);
    }
    Map<String, Integer> householdsAfterByCode = new HashMap<>();
    for (PlanGrid g : grids) {
      if (g.code() != null) {
        householdsAfterByCode.merge(g.code(), figures.get(g.key())[0], Integer::sum);
      }
    }
    List<PlanImpact.GridLoad> loads = new ArrayList<>();
    for (PlanGrid g : grids) {
      int[] f = figures.get(g.key());
      int ft = g.code() == null ? 0 : fullTime.getOrDefault(g.code(), 0);
      loads.add(new PlanImpact.GridLoad(g.key(), g.code(), f[0], f[1], ft, ft == 0 ? null : Math.round((float) f[0] / ft)));
    }
    List<PlanImpact.MemberLoad> members = new ArrayList<>();
    byMember.forEach(
        (code, list) -> {
          List<String> codes = list.stream().map(GridAssignment::gridCode).toList();
          int before = codes.stream().mapToInt(d::baseHouseholds).sum();
          int after = codes.stream().mapToInt(c -> householdsAfterByCode.getOrDefault(c, 0)).sum();
          members.add(
              new PlanImpact.MemberLoad(code, NameMask.mask(list.getFirst().name()), list.getFirst().role().name(), codes, before, after));
        });
    members.sort(Comparator.comparing((PlanImpact.MemberLoad m) -> m.householdsBefore() == m.householdsAfter()).thenComparing(PlanImpact.MemberLoad::code));

    // Open cases whose grid the plan changes.
    Set<String> planCodes = new HashSet<>();
    grids.forEach(g -> planCodes.add(g.code()));
    List<PlanImpact.CaseMove> caseMoves = new ArrayList<>();
    Map<Long, String> movedCases = new LinkedHashMap<>();
    for (OpenCase c : openCases) {
      if (unchangedCodes.contains(c.gridCode())) {
        continue;
      }
      int k = locator.locate(c.lon(), c.lat());
      if (k != GridIndex.NONE) {
        PlanGrid to = locator.area(k);
        if (to.code() == null || !to.code().equals(c.gridCode())) {
          caseMoves.add(new PlanImpact.CaseMove(c.number(), c.gridCode(), to.key()));
          movedCases.put(c.id(), to.key());
        }
      } else if (!planCodes.contains(c.gridCode()) && d.baseIndexByCode.containsKey(c.gridCode())) {
        caseMoves.add(new PlanImpact.CaseMove(c.number(), c.gridCode(), null));
      }
    }
    var impact =
        new PlanImpact(moved[0], moved[1], moved[2], caseMoves.size(), moveList, loads, members, caseMoves);
    return new Computed(impact, figures, changedKeys, movedIds, movedCases);
  }
}
