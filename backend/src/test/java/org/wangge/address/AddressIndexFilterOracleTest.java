package org.wangge.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wangge.address.GeocodeResult.Status;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.gisdata.synthetic.CitySpec;
import org.wangge.gisdata.synthetic.SyntheticCityGenerator;
import org.wangge.spatial.Wgs84;

/**
 * Filtered lookups over a generated city against oracles: a filtered geocode gives what an index of
 * only the allowed addresses gives, and a filtered reverse gives the brute-force nearest allowed
 * address. Filters are grid-code prefixes at every level of the area tree (district, street,
 * community, grid), and a filter that is no prefix at all.
 */
class AddressIndexFilterOracleTest {

  private static List<AddressRecord> records;
  private static AddressIndex index;
  private static double minLon = Double.POSITIVE_INFINITY;
  private static double maxLon = Double.NEGATIVE_INFINITY;
  private static double minLat = Double.POSITIVE_INFINITY;
  private static double maxLat = Double.NEGATIVE_INFINITY;

  @BeforeAll
  static void generateCity() {
    records =
        SyntheticCityGenerator.generate(CitySpec.scaled(60, 6000, 17L, LocalDate.of(2026, 11, 1)))
            .addresses();
    index = AddressIndex.of(records);
    for (AddressRecord a : records) {
      minLon = Math.min(minLon, a.lon());
      maxLon = Math.max(maxLon, a.lon());
      minLat = Math.min(minLat, a.lat());
      maxLat = Math.max(maxLat, a.lat());
    }
  }

  private record Filter(String name, Predicate<String> test) {}

  /** A prefix of a random address's grid code, at a random level; now and then not a prefix. */
  private static Filter randomFilter(SplittableRandom random) {
    if (random.nextInt(8) == 0) {
      int salt = random.nextInt(5);
      return new Filter("hash " + salt, grid -> Math.floorMod(grid.hashCode() + salt, 5) < 2);
    }
    String grid = records.get(random.nextInt(records.size())).gridCode();
    int[] levels = {6, 9, 12, grid.length()};
    String prefix = grid.substring(0, levels[random.nextInt(levels.length)]);
    return new Filter(prefix, g -> g.startsWith(prefix));
  }

  /**
   * Ways people write an address: whole, without areas, by door, by building, by road, loosely, and
   * mixed up with another address's road ({@code b}), where the exact-road and loose-road rules meet
   * roads that may lie outside the filter.
   */
  private static List<String> texts(AddressRecord a, AddressRecord b) {
    List<String> texts = new ArrayList<>();
    String building = a.building() == null ? "" : a.building();
    String unit = a.unit() == null ? "" : a.unit();
    texts.add(a.fullText());
    texts.add(a.road() + a.number() + building + unit);
    texts.add(a.road() + a.number());
    if (!building.isEmpty()) {
      texts.add(a.road() + a.number() + building);
    }
    texts.add(a.road());
    texts.add(stem(a.road()) + a.number() + building + unit);
    texts.add(a.code());
    texts.add(b.road() + a.road() + a.number() + building + unit);
    texts.add(a.road() + b.road() + a.number() + building + unit);
    texts.add(stem(a.road()) + stem(b.road()) + a.number() + building);
    texts.add(stem(b.road()) + a.road() + a.number());
    texts.add(b.road() + stem(a.road()) + a.number() + building + unit);
    return texts;
  }

  private static String stem(String road) {
    return AddressText.stem(AddressText.roadKey(road));
  }

  private record Answer(Status status, List<String> codes, List<Double> scores, List<String> texts) {
    static Answer of(GeocodeResult result) {
      return new Answer(
          result.status(),
          result.candidates().stream().map(AddressMatch::code).toList(),
          result.candidates().stream().map(AddressMatch::score).toList(),
          result.candidates().stream().map(AddressMatch::fullText).toList());
    }
  }

  @Test
  void filteredGeocodeIsGeocodeOverTheAllowedAddressesAlone() {
    var random = new SplittableRandom(5);
    int matches = 0;
    int ambiguous = 0;
    int none = 0;
    int narrowed = 0;
    for (int f = 0; f < 30; f++) {
      Filter filter = randomFilter(random);
      List<AddressRecord> allowed =
          records.stream().filter(a -> filter.test().test(a.gridCode())).toList();
      AddressIndex alone = AddressIndex.of(allowed);
      for (int k = 0; k < 40; k++) {
        // Mostly addresses inside, some outside.
        AddressRecord a =
            k % 3 == 0 || allowed.isEmpty()
                ? records.get(random.nextInt(records.size()))
                : allowed.get(random.nextInt(allowed.size()));
        for (String text : texts(a, records.get(random.nextInt(records.size())))) {
          int limit = 1 + random.nextInt(12);
          GeocodeResult got = index.geocode(text, limit, filter.test());
          Answer expected = Answer.of(alone.geocode(text, limit));
          assertThat(Answer.of(got))
              .as("%s in %s, limit %d", text, filter.name(), limit)
              .isEqualTo(expected);
          assertThat(got.candidates())
              .allSatisfy(c -> assertThat(filter.test().test(c.gridCode())).isTrue());
          assertThat(got.candidates().size()).isLessThanOrEqualTo(limit);
          switch (got.status()) {
            case MATCH -> matches++;
            case AMBIGUOUS -> ambiguous++;
            case NONE -> none++;
          }
          if (got.status() != index.geocode(text, limit).status()) {
            narrowed++;
          }
        }
      }
    }
    // The cases are all there, and the filter changed the answer's status often.
    assertThat(matches).isGreaterThan(1000);
    assertThat(ambiguous).isGreaterThan(1000);
    assertThat(none).isGreaterThan(300);
    assertThat(narrowed).isGreaterThan(300);
  }

  @Test
  void filteredByCodeIsByCodeOverTheAllowedAddresses() {
    var random = new SplittableRandom(6);
    for (int k = 0; k < 2000; k++) {
      Filter filter = randomFilter(random);
      AddressRecord a = records.get(random.nextInt(records.size()));
      AddressMatch got = index.byCode(a.code(), filter.test());
      if (filter.test().test(a.gridCode())) {
        assertThat(got.code()).isEqualTo(a.code());
      } else {
        assertThat(got).as("%s in %s", a.code(), filter.name()).isNull();
      }
    }
  }

  @Test
  void filteredReverseIsTheBruteForceNearestAllowedAddress() {
    var random = new SplittableRandom(7);
    int found = 0;
    int nearerOutside = 0;
    for (int k = 0; k < 3000; k++) {
      Filter filter = randomFilter(random);
      double lon = minLon + random.nextDouble() * (maxLon - minLon);
      double lat = minLat + random.nextDouble() * (maxLat - minLat);
      if (k % 3 == 0) { // at an address, or a little off it
        AddressRecord a = records.get(random.nextInt(records.size()));
        lon = a.lon() + (random.nextDouble() - 0.5) * 1e-4;
        lat = a.lat();
      }
      double max = 50 + random.nextDouble() * (k % 2 == 0 ? 500 : 5000);
      double x = lon;
      double y = lat;
      AddressRecord expected =
          records.stream()
              .filter(a -> filter.test().test(a.gridCode()))
              .filter(a -> Wgs84.distanceMetres(x, y, a.lon(), a.lat()) <= max)
              .min(
                  Comparator.comparingDouble(
                          (AddressRecord a) -> Wgs84.distanceMetres(x, y, a.lon(), a.lat()))
                      .thenComparing(AddressRecord::code))
              .orElse(null);
      NearestAddress got = index.nearest(x, y, max, filter.test());
      if (expected == null) {
        assertThat(got).as("(%s %s) within %s in %s", x, y, max, filter.name()).isNull();
        continue;
      }
      assertThat(got).as("(%s %s) within %s in %s", x, y, max, filter.name()).isNotNull();
      assertThat(got.address().code()).isEqualTo(expected.code());
      assertThat(got.distanceMetres())
          .isEqualTo(Wgs84.distanceMetres(x, y, expected.lon(), expected.lat()));
      found++;
      NearestAddress unfiltered = index.nearest(x, y, max);
      if (!unfiltered.address().code().equals(expected.code())) {
        nearerOutside++;
      }
    }
    assertThat(found).isGreaterThan(500);
    assertThat(nearerOutside).isGreaterThan(200);
  }
}
