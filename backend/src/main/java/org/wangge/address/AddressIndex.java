package org.wangge.address;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.wangge.gisdata.model.AddressRecord;

/**
 * An immutable in-memory snapshot of every standard address, for geocoding (text → address),
 * lookups by code and reverse geocoding (point → nearest address). Built once from all addresses
 * and replaced as a whole when they change; safe for concurrent lookups.
 *
 * <p>Layout, for memory: one slot per address in parallel arrays, in code order (so a code is found
 * by binary search and ties go to the lower code). Road names, numbers, buildings, units, grid codes
 * and the area part of the full text (everything before the road) are shared strings, so an address
 * costs its id, code, coordinates, households and a handful of references, about 145 bytes in all
 * (see BENCHMARKS.md). The full text is put back together on output when it is the area part
 * followed by road, number, building and unit, as standard addresses are; any other is kept whole.
 *
 * <p>Matching (see {@link AddressText} for how a text is read): the road is the longest known road
 * name that ends the text before the door number; among that road's addresses, sorted by door,
 * building and unit, the door is found by binary search, then building and unit are compared as
 * given. Only when that finds nothing, a road is looked for loosely in the text without its leading
 * area names: a known road name anywhere in it (score × 0.8), else a road whose name without its
 * road type ({@code 胜利} for {@code 胜利路}) appears in it or equals the text's own (score × 0.6).
 * Leaving out a building or a unit that the address has costs 0.1 each; a text without a door
 * number lists the road's addresses at score × 0.5.
 *
 * <p>The answer is a match when one candidate scores best, on one road, and either fits as written
 * or is the only candidate; otherwise it is ambiguous (or none).
 *
 * <p>Every lookup can be limited to the addresses whose grid code a filter allows (a caller's
 * jurisdiction). The filter works inside the search, so a filtered lookup answers as an index of
 * only the allowed addresses would: candidates outside are skipped as they are generated, before
 * scoring, ranking, the limit and the match/ambiguous/none decision; a road is known only if it has
 * an allowed address (so an outside road neither wins the exact-road test nor blocks the loose
 * search); the nearest-point search passes over outside points and keeps looking. Nothing outside
 * the filter shows in the answer, not even as a count or a lower score. (Area names, used only to
 * strip the leading areas off a text, are the city's and not filtered.) An address without a grid
 * code is never allowed by a filter. A null filter means every address, and costs nothing.
 */
final class AddressIndex {

  private static final Pattern ADDRESS_CODE = Pattern.compile("\\d{17,}");
  private static final double LOOSE_ROAD_NAME = 0.8;
  private static final double LOOSE_ROAD_STEM = 0.6;
  private static final double NO_NUMBER = 0.5;
  private static final double LEFT_OUT = 0.1;

  private final int size;
  private final long[] id;
  private final String[] code;
  private final String[] gridCode;
  private final double[] lon;
  private final double[] lat;
  /** Held for callers to come (coverage, staff load); not used by geocoding. */
  private final int[] households;
  private final int[] road;
  private final String[] number;
  private final String[] building;
  private final String[] unit;
  private final String[] numberKey;
  private final String[] buildingKey;
  private final String[] unitKey;
  private final int[] areaPart;
  private final String[] areaParts;
  private final Map<Integer, String> irregularText;

  private final String[] roadNames;
  private final Map<String, Integer> roadByKey;
  private final String[] roadKeys;
  private final int maxRoadKeyLength;
  private final int[] byDoor;
  private final int[] roadFrom;
  /** Each road's grid codes, once each: whether a road has an address a filter allows. */
  private final String[][] roadGrids;
  private final List<String> areaNames;
  private final PointIndex points;

  /** For tests: an index over records, row ids 1, 2, 3... in list order. */
  static AddressIndex of(List<AddressRecord> records) {
    var builder = new Builder(records.size());
    long rowId = 1;
    for (AddressRecord r : records) {
      builder.add(
          rowId++,
          r.code(),
          r.fullText(),
          r.road(),
          r.number(),
          r.building(),
          r.unit(),
          r.lon(),
          r.lat(),
          r.gridCode(),
          r.households());
    }
    return builder.build();
  }

  private AddressIndex(Builder b) {
    int n = b.size;
    // Code order: the database is asked for it; sort here only if it did not come that way.
    int[] order = null;
    for (int i = 1; i < n; i++) {
      if (b.code[i - 1].compareTo(b.code[i]) > 0) {
        order = sortedBy(n, Comparator.comparing((Integer i2) -> b.code[i2]));
        break;
      }
    }
    size = n;
    id = permute(b.id, order, n);
    code = permute(b.code, order, n);
    gridCode = permute(b.gridCode, order, n);
    lon = permute(b.lon, order, n);
    lat = permute(b.lat, order, n);
    households = permute(b.households, order, n);
    road = permute(b.road, order, n);
    number = permute(b.number, order, n);
    building = permute(b.building, order, n);
    unit = permute(b.unit, order, n);
    areaPart = permute(b.areaPart, order, n);
    areaParts = b.areaParts.keySet().toArray(String[]::new);
    irregularText = new HashMap<>();
    if (!b.irregularText.isEmpty()) {
      int[] position = new int[n];
      for (int i = 0; i < n; i++) {
        position[order == null ? i : order[i]] = i;
      }
      b.irregularText.forEach((i, text) -> irregularText.put(position[i], text));
    }

    var keys = new HashMap<String, String>();
    numberKey = new String[n];
    buildingKey = new String[n];
    unitKey = new String[n];
    for (int i = 0; i < n; i++) {
      numberKey[i] = key(keys, number[i]);
      buildingKey[i] = key(keys, building[i]);
      unitKey[i] = key(keys, unit[i]);
    }

    int roads = b.roadNames.size();
    roadNames = b.roadNames.toArray(String[]::new);
    roadByKey = b.roadByKey;
    roadKeys = new String[roads];
    roadByKey.forEach((key, r) -> roadKeys[r] = key);
    maxRoadKeyLength = roadByKey.keySet().stream().mapToInt(String::length).max().orElse(0);
    byDoor =
        sortedBy(
            n,
            Comparator.<Integer>comparingInt(i -> road[i])
                .thenComparing(i -> numberKey[i], AddressIndex::compareKeys)
                .thenComparing(i -> buildingKey[i], AddressIndex::compareKeys)
                .thenComparing(i -> unitKey[i], AddressIndex::compareKeys)
                .thenComparingInt(i -> i));
    roadFrom = new int[roads + 1];
    for (int p = 0, r = 0; r <= roads; r++) {
      while (p < n && road[byDoor[p]] < r) {
        p++;
      }
      roadFrom[r] = p;
    }
    roadGrids = new String[roads][];
    for (int r = 0; r < roads; r++) {
      Set<String> grids = new LinkedHashSet<>();
      for (int p = roadFrom[r]; p < roadFrom[r + 1]; p++) {
        if (gridCode[byDoor[p]] != null) {
          grids.add(gridCode[byDoor[p]]);
        }
      }
      roadGrids[r] = grids.toArray(String[]::new);
    }

    Set<String> names = new LinkedHashSet<>();
    for (String part : areaParts) {
      for (String name : AddressText.areaNames(part)) {
        names.add(name);
        String shortName = name.replaceFirst("(?:省|市|区|县|街道)$", "");
        if (shortName.length() >= 2 && !shortName.equals(name)) {
          names.add(shortName);
        }
      }
    }
    areaNames = List.copyOf(names);
    points = new PointIndex(lon, lat, n);
  }

  private static String key(Map<String, String> keys, String part) {
    return part == null ? null : keys.computeIfAbsent(part, AddressText::key);
  }

  /** Number-aware order of matching keys: null first, then numbers by value, then other text. */
  static int compareKeys(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    boolean aNumber = isNumber(a);
    boolean bNumber = isNumber(b);
    if (aNumber && bNumber && a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    if (aNumber != bNumber) {
      return aNumber ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static boolean isNumber(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  int size() {
    return size;
  }

  /** Calls the visitor with every address's position and households, in code order. */
  void forEachPoint(AddressPointVisitor visitor) {
    for (int i = 0; i < size; i++) {
      visitor.visit(lon[i], lat[i], households[i]);
    }
  }

  /** The address with this code, or null. */
  AddressMatch byCode(String addressCode) {
    return byCode(addressCode, null);
  }

  /** The address with this code if its grid code is allowed (null: any), or null. */
  AddressMatch byCode(String addressCode, Predicate<String> gridCodeAllowed) {
    int i = Arrays.binarySearch(code, 0, size, addressCode);
    return i < 0 || !allowed(gridCodeAllowed, gridCode[i]) ? null : match(i, 1);
  }

  /** The address nearest to the point within {@code maxDistanceMetres}, or null. */
  NearestAddress nearest(double qLon, double qLat, double maxDistanceMetres) {
    return nearest(qLon, qLat, maxDistanceMetres, null);
  }

  /**
   * The address nearest to the point within {@code maxDistanceMetres} among those whose grid code
   * is allowed (null: any), or null. Outside addresses are skipped by the point search itself.
   */
  NearestAddress nearest(
      double qLon, double qLat, double maxDistanceMetres, Predicate<String> gridCodeAllowed) {
    IntPredicate allowed = null;
    if (gridCodeAllowed != null) {
      var grids = new GridFilter(gridCodeAllowed);
      allowed = i -> grids.test(gridCode[i]);
    }
    PointIndex.Hit hit = points.nearest(qLon, qLat, maxDistanceMetres, allowed);
    return hit == null ? null : new NearestAddress(match(hit.index(), 1), hit.distanceMetres());
  }

  /** The addresses the text names, best first (see the class comment), at most {@code limit}. */
  GeocodeResult geocode(String text, int limit) {
    return geocode(text, limit, null);
  }

  /**
   * The addresses the text names among those whose grid code is allowed (null: any), best first, at
   * most {@code limit}: the answer an index of only the allowed addresses would give.
   */
  GeocodeResult geocode(String text, int limit, Predicate<String> gridCodeAllowed) {
    GridFilter grids = gridCodeAllowed == null ? null : new GridFilter(gridCodeAllowed);
    String normalised = AddressText.normalise(text);
    if (ADDRESS_CODE.matcher(normalised).matches()) {
      int i = Arrays.binarySearch(code, 0, size, normalised);
      if (i >= 0 && allowed(grids, i)) {
        return new GeocodeResult(GeocodeResult.Status.MATCH, List.of(match(i, 1)));
      }
    }
    AddressText.Parsed parsed = AddressText.parse(text);
    List<Candidate> found = new ArrayList<>();
    int exactRoad = exactRoad(parsed.head(), grids);
    if (exactRoad >= 0) {
      collect(exactRoad, 1, parsed, found, grids);
    }
    if (found.isEmpty() && parsed.number() != null) {
      String rest = AddressText.stripAreas(parsed.head(), areaNames);
      List<Integer> loose = new ArrayList<>();
      for (int r = 0; r < roadKeys.length; r++) {
        if (r != exactRoad
            && roadKeys[r].length() >= 2
            && rest.contains(roadKeys[r])
            && hasAllowed(r, grids)) {
          loose.add(r);
        }
      }
      double roadScore = LOOSE_ROAD_NAME;
      if (loose.isEmpty()) {
        roadScore = LOOSE_ROAD_STEM;
        String restStem = AddressText.stem(rest);
        for (int r = 0; r < roadKeys.length; r++) {
          String stem = AddressText.stem(roadKeys[r]);
          if (r != exactRoad
              && stem.length() >= 2
              && (rest.contains(stem) || restStem.equals(stem))
              && hasAllowed(r, grids)) {
            loose.add(r);
          }
        }
      }
      for (int r : loose) {
        collect(r, roadScore, parsed, found, grids);
      }
    }
    if (found.isEmpty()) {
      return GeocodeResult.NONE;
    }
    found.sort(
        Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::index));
    Candidate best = found.getFirst();
    boolean alone = found.size() == 1 || found.get(1).score() < best.score();
    boolean oneRoad = found.stream().allMatch(c -> road[c.index()] == road[best.index()]);
    if (alone && oneRoad && (best.complete() || found.size() == 1)) {
      return new GeocodeResult(GeocodeResult.Status.MATCH, List.of(match(best.index(), best.score())));
    }
    return new GeocodeResult(
        GeocodeResult.Status.AMBIGUOUS,
        found.stream().limit(limit).map(c -> match(c.index(), c.score())).toList());
  }

  private record Candidate(int index, double score, boolean complete) {}

  /** The longest known road name that ends the head, of a road with an allowed address, or -1. */
  private int exactRoad(String head, GridFilter grids) {
    for (int length = Math.min(maxRoadKeyLength, head.length()); length > 0; length--) {
      Integer r = roadByKey.get(head.substring(head.length() - length));
      if (r != null && hasAllowed(r, grids)) {
        return r;
      }
    }
    return -1;
  }

  /** Whether the road has an address the filter allows (any address when there is no filter). */
  private boolean hasAllowed(int r, GridFilter grids) {
    if (grids == null) {
      return true;
    }
    for (String grid : roadGrids[r]) {
      if (grids.test(grid)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds the road's addresses that fit the parsed number, building and unit, and that the filter
   * allows (all when it is null).
   */
  private void collect(
      int r, double roadScore, AddressText.Parsed parsed, List<Candidate> found, GridFilter grids) {
    int from = roadFrom[r];
    int to = roadFrom[r + 1];
    if (parsed.number() == null) {
      for (int p = from; p < to; p++) {
        int i = byDoor[p];
        if (grids == null || grids.test(gridCode[i])) {
          found.add(new Candidate(i, roadScore * NO_NUMBER, false));
        }
      }
      return;
    }
    // First slot of the door on this road.
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compareKeys(numberKey[byDoor[mid]], parsed.number()) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int p = lo; p < to && parsed.number().equals(numberKey[byDoor[p]]); p++) {
      int i = byDoor[p];
      if (parsed.building() != null && !parsed.building().equals(buildingKey[i])
          || parsed.unit() != null && !parsed.unit().equals(unitKey[i])
          || grids != null && !grids.test(gridCode[i])) {
        continue;
      }
      int leftOut =
          (parsed.building() == null && buildingKey[i] != null ? 1 : 0)
              + (parsed.unit() == null && unitKey[i] != null ? 1 : 0);
      found.add(new Candidate(i, roadScore * (1 - LEFT_OUT * leftOut), leftOut == 0));
    }
  }

  private boolean allowed(GridFilter grids, int i) {
    return grids == null || grids.test(gridCode[i]);
  }

  private static boolean allowed(Predicate<String> gridCodeAllowed, String grid) {
    return gridCodeAllowed == null || grid != null && gridCodeAllowed.test(grid);
  }

  /**
   * A caller's grid-code filter for one lookup (not thread-safe: one per lookup). Grid codes are
   * shared strings in the index and candidates come in runs from one grid (doors on a road, points
   * near each other), so it remembers the last grid by identity and asks the filter again only when
   * the grid changes: a prefix test then costs a reference comparison for most candidates. An
   * address without a grid code is not allowed.
   */
  private static final class GridFilter {
    private final Predicate<String> gridCodeAllowed;
    private String last;
    private boolean lastAllowed;

    GridFilter(Predicate<String> gridCodeAllowed) {
      this.gridCodeAllowed = gridCodeAllowed;
    }

    boolean test(String grid) {
      if (grid != last || grid == null) {
        lastAllowed = grid != null && gridCodeAllowed.test(grid);
        last = grid;
      }
      return lastAllowed;
    }
  }

  private AddressMatch match(int i, double score) {
    return new AddressMatch(id[i], code[i], fullText(i), lon[i], lat[i], gridCode[i], score);
  }

  private String fullText(int i) {
    if (areaPart[i] < 0) {
      return irregularText.get(i);
    }
    return areaParts[areaPart[i]] + roadNames[road[i]] + number[i] + orEmpty(building[i]) + orEmpty(unit[i]);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static int[] sortedBy(int n, Comparator<Integer> order) {
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.parallelSort(boxed, order);
    int[] sorted = new int[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = boxed[i];
    }
    return sorted;
  }

  private static long[] permute(long[] a, int[] order, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = a[order == null ? i : order[i]];
    }
    return out;
  }

  private static int[] permute(int[] a, int[] order, int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = a[order == null ? i : order[i]];
    }
    return out;
  }

  private static double[] permute(double[] a, int[] order, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = a[order == null ? i : order[i]];
    }
    return out;
  }

  private static String[] permute(String[] a, int[] order, int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = a[order == null ? i : order[i]];
    }
    return out;
  }

  /** Collects addresses one at a time (from a JDBC row callback), sharing repeated strings. */
  static final class Builder {
    private int size;
    private long[] id;
    private String[] code;
    private String[] gridCode;
    private double[] lon;
    private double[] lat;
    private int[] households;
    private int[] road;
    private String[] number;
    private String[] building;
    private String[] unit;
    private int[] areaPart;
    private final Map<String, Integer> areaParts = new java.util.LinkedHashMap<>();
    private final Map<Integer, String> irregularText = new HashMap<>();
    private final List<String> roadNames = new ArrayList<>();
    private final Map<String, Integer> roadByKey = new HashMap<>();
    private final Map<String, Integer> roadByName = new HashMap<>();
    private final Map<String, String> shared = new HashMap<>();

    Builder(int expected) {
      allocate(Math.max(16, expected));
    }

    private void allocate(int capacity) {
      id = Arrays.copyOf(id == null ? new long[0] : id, capacity);
      code = Arrays.copyOf(code == null ? new String[0] : code, capacity);
      gridCode = Arrays.copyOf(gridCode == null ? new String[0] : gridCode, capacity);
      lon = Arrays.copyOf(lon == null ? new double[0] : lon, capacity);
      lat = Arrays.copyOf(lat == null ? new double[0] : lat, capacity);
      households = Arrays.copyOf(households == null ? new int[0] : households, capacity);
      road = Arrays.copyOf(road == null ? new int[0] : road, capacity);
      number = Arrays.copyOf(number == null ? new String[0] : number, capacity);
      building = Arrays.copyOf(building == null ? new String[0] : building, capacity);
      unit = Arrays.copyOf(unit == null ? new String[0] : unit, capacity);
      areaPart = Arrays.copyOf(areaPart == null ? new int[0] : areaPart, capacity);
    }

    void add(
        long rowId,
        String addressCode,
        String fullText,
        String roadName,
        String doorNumber,
        String buildingName,
        String unitName,
        double x,
        double y,
        String grid,
        int householdCount) {
      if (size == id.length) {
        allocate(size + (size >> 1));
      }
      int i = size++;
      id[i] = rowId;
      code[i] = addressCode;
      gridCode[i] = share(grid);
      lon[i] = x;
      lat[i] = y;
      households[i] = householdCount;
      road[i] = roadByName.computeIfAbsent(orEmpty(roadName), this::roadId);
      number[i] = share(orEmpty(doorNumber));
      building[i] = share(buildingName);
      unit[i] = share(unitName);
      String tail = roadNames.get(road[i]) + number[i] + orEmpty(building[i]) + orEmpty(unit[i]);
      if (fullText != null && fullText.endsWith(tail)) {
        String part = fullText.substring(0, fullText.length() - tail.length());
        areaPart[i] = areaParts.computeIfAbsent(part, k -> areaParts.size());
      } else {
        areaPart[i] = -1;
        irregularText.put(i, fullText);
      }
    }

    /** A road's id: one per normalised name, so {@code 胜利路} and {@code 胜利 路} are one road. */
    private int roadId(String name) {
      return roadByKey.computeIfAbsent(
          AddressText.roadKey(name),
          key -> {
            roadNames.add(name);
            return roadNames.size() - 1;
          });
    }

    private String share(String s) {
      return s == null ? null : shared.computeIfAbsent(s, k -> k);
    }

    AddressIndex build() {
      return new AddressIndex(this);
    }
  }
}
