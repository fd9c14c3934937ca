package org.wangge.address;

import java.time.LocalDate;
import java.util.List;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.gisdata.synthetic.CitySpec;
import org.wangge.gisdata.synthetic.SyntheticCityGenerator;

/**
 * Build time and retained heap of the geocoder's {@link AddressIndex} over a generated city, for
 * BENCHMARKS.md. Not a test. Run from {@code backend/} after {@code test-compile}, with the test
 * class path, e.g. {@code java -Xmx8g -cp "target/test-classes:target/classes:$CP"
 * org.wangge.address.AddressIndexFootprint 800 150000} (grids, addresses).
 */
public final class AddressIndexFootprint {

  private AddressIndexFootprint() {}

  public static void main(String[] args) {
    int grids = Integer.parseInt(args[0]);
    int addresses = Integer.parseInt(args[1]);
    List<AddressRecord> records =
        SyntheticCityGenerator.generate(
                CitySpec.scaled(grids, addresses, 20261122L, LocalDate.of(2026, 11, 1)))
            .addresses();
    System.out.printf("%d addresses generated%n", records.size());
    for (int round = 1; round <= 3; round++) {
      long before = usedAfterGc();
      long start = System.nanoTime();
      AddressIndex index = build(records);
      long millis = (System.nanoTime() - start) / 1_000_000;
      long after = usedAfterGc();
      System.out.printf(
          "round %d: built in %d ms, retains %.1f MB (%.0f bytes per address); %s%n",
          round,
          millis,
          (after - before) / 1e6,
          (after - before) / (double) records.size(),
          index.geocode(records.get(records.size() / 2).fullText(), 1).status());
      sink = index;
      sink = null;
    }
  }

  static Object sink;

  /** As {@link Geocoder#rebuild} does from JDBC rows: every string a fresh copy. */
  private static AddressIndex build(List<AddressRecord> records) {
    var builder = new AddressIndex.Builder(records.size());
    long id = 1;
    for (AddressRecord r : records) {
      builder.add(
          id++,
          copy(r.code()),
          copy(r.fullText()),
          copy(r.road()),
          copy(r.number()),
          copy(r.building()),
          copy(r.unit()),
          r.lon(),
          r.lat(),
          copy(r.gridCode()),
          r.households());
    }
    return builder.build();
  }

  private static String copy(String s) {
    return s == null ? null : new String(s.toCharArray());
  }

  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
