package org.wangge.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.wangge.address.GeocodeResult.Status;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.spatial.Wgs84;

/**
 * Lookups limited to a jurisdiction (a filter on grid codes): the filter works inside the search,
 * so the answer is the one an index of only the allowed addresses would give.
 */
class AddressIndexFilterTest {

  private static final String AREAS = "江西省新余市渝水区城北街道胜利社区";
  /** Two grids of street 001 and one of street 002. */
  private static final String G1 = "360502001001001";
  private static final String G2 = "360502001001002";
  private static final String G3 = "360502002001001";
  private static final String STREET_1 = "360502001";

  private static final List<AddressRecord> ADDRESSES = new ArrayList<>();

  private static int seq;

  static {
    // 胜利路128号: buildings 1 and 2 in G1, building 3 split: unit 1 in G2, unit 2 in G1.
    add(G1, "胜利路", "128号", "1栋", "1单元", 0); // 1
    add(G1, "胜利路", "128号", "1栋", "2单元", 0); // 2
    add(G1, "胜利路", "128号", "2栋", "1单元", 0); // 3
    add(G1, "胜利路", "128号", "2栋", "2单元", 0); // 4
    add(G2, "胜利路", "128号", "3栋", "1单元", 0); // 5
    add(G1, "胜利路", "128号", "3栋", "2单元", 0); // 6
    // The same door on two roads of the same name, in two streets (a road name used twice).
    add(G1, "解放路", "1号", null, null, 0); // 7
    add(G3, "解放路", "1号", null, null, 0); // 8
    // Only in G3.
    add(G3, "五一路", "12号", null, null, 0); // 9
    // 长青 7号 on two roads: the compound in G1, the street-front door in G3.
    add(G1, "长青大道", "7号", "1栋", "1单元", 0); // 10
    add(G1, "长青大道", "7号", "1栋", "2单元", 0); // 11
    add(G3, "长青街", "7号", null, null, 0); // 12
    // A road whose name ends in another's, only in G3.
    add(G3, "东胜利路", "5号", null, null, 0); // 13
  }

  private static void add(
      String grid, String road, String number, String building, String unit, double east) {
    String code = grid + "%05d".formatted(++seq);
    String text = AREAS + road + number + (building == null ? "" : building + unit);
    ADDRESSES.add(
        new AddressRecord(
            code, text, road, number, building, unit, 114.92 + seq * 0.001, 27.82, 1, 3, grid));
  }

  private static final AddressIndex INDEX = AddressIndex.of(ADDRESSES);

  private static Predicate<String> in(String prefix) {
    return grid -> grid.startsWith(prefix);
  }

  private static String code(int n) {
    return ADDRESSES.get(n - 1).code();
  }

  private static List<String> codes(GeocodeResult result) {
    return result.candidates().stream().map(AddressMatch::code).toList();
  }

  @Test
  void filteredGeocodeListsOnlyAllowedAddressesUpToTheLimit() {
    assertThat(codes(INDEX.geocode("胜利路128号", 10)))
        .containsExactly(code(1), code(2), code(3), code(4), code(6), code(5)); // code order: G1 before G2

    GeocodeResult inG1 = INDEX.geocode("胜利路128号", 10, in(G1));
    assertThat(inG1.status()).isEqualTo(Status.AMBIGUOUS);
    assertThat(codes(inG1)).containsExactly(code(1), code(2), code(3), code(4), code(6));
    assertThat(inG1.candidates()).allSatisfy(c -> assertThat(c.gridCode()).isEqualTo(G1));

    // The limit counts allowed addresses: three of G1's, not three of the city's minus G2's.
    GeocodeResult three = INDEX.geocode("胜利路128号", 3, in(G1));
    assertThat(codes(three)).containsExactly(code(1), code(2), code(3));
    GeocodeResult latest = INDEX.geocode("胜利路128号3栋", 1, in(G1));
    assertThat(codes(latest)).containsExactly(code(6));

    // A road without a number lists the road's allowed addresses only.
    assertThat(codes(INDEX.geocode("胜利路", 10, in(G2)))).containsExactly(code(5));
  }

  @Test
  void textAmbiguousInTheCityIsAMatchInAGridWhereItIsUnique() {
    // Building 3 without a unit: two units city-wide, one of them in G1.
    assertThat(INDEX.geocode("胜利路128号3栋", 10).status()).isEqualTo(Status.AMBIGUOUS);
    GeocodeResult building = INDEX.geocode("胜利路128号3栋", 10, in(G1));
    assertThat(building.status()).isEqualTo(Status.MATCH);
    assertThat(codes(building)).containsExactly(code(6));
    assertThat(building.candidates().getFirst().score()).isEqualTo(0.9, within(1e-9));

    // One road name in two streets.
    assertThat(INDEX.geocode("解放路1号", 10).status()).isEqualTo(Status.AMBIGUOUS);
    assertThat(codes(INDEX.geocode("解放路1号", 10, in(G3)))).containsExactly(code(8));
    assertThat(INDEX.geocode("解放路1号", 10, in(G3)).status()).isEqualTo(Status.MATCH);
    assertThat(codes(INDEX.geocode("解放路1号", 10, in(STREET_1)))).containsExactly(code(7));

    // A loosely recognised road with that door on two roads, one of them outside.
    assertThat(INDEX.geocode("长青7号", 10).status()).isEqualTo(Status.AMBIGUOUS);
    GeocodeResult loose = INDEX.geocode("长青7号", 10, in(G3));
    assertThat(loose.status()).isEqualTo(Status.MATCH);
    assertThat(codes(loose)).containsExactly(code(12));
  }

  @Test
  void textNamingOnlyAddressesOutsideIsNone() {
    for (String text :
        List.of("五一路12号", "渝水区五一路十二号", "东胜利路5号", "胜利路128号3栋1单元", code(9), code(5))) {
      GeocodeResult everywhere = INDEX.geocode(text, 10);
      assertThat(everywhere.status()).as(text).isEqualTo(Status.MATCH);
      GeocodeResult result = INDEX.geocode(text, 10, in(G1));
      assertThat(result.status()).as(text).isEqualTo(Status.NONE);
      assertThat(result.candidates()).as(text).isEmpty();
      assertThat(result).as(text).isEqualTo(GeocodeResult.NONE);
    }
  }

  @Test
  void roadKnownOnlyOutsideIsUnknownInside() {
    // City-wide, 东胜利路 (G3) is the road as written; it has no 128号, so 胜利路 is found loosely.
    GeocodeResult everywhere = INDEX.geocode("东胜利路128号3栋2单元", 10);
    assertThat(codes(everywhere)).containsExactly(code(6));
    assertThat(everywhere.candidates().getFirst().score()).isEqualTo(0.8, within(1e-9));
    // In G1 there is no 东胜利路: the answer must not show, by a lower score, that there is one
    // outside. An index of G1's addresses alone reads 胜利路 as the road as written.
    GeocodeResult inG1 = INDEX.geocode("东胜利路128号3栋2单元", 10, in(G1));
    AddressIndex g1Only =
        AddressIndex.of(ADDRESSES.stream().filter(a -> a.gridCode().equals(G1)).toList());
    GeocodeResult expected = g1Only.geocode("东胜利路128号3栋2单元", 10);
    assertThat(codes(inG1)).containsExactly(code(6)).isEqualTo(codes(expected));
    assertThat(inG1.candidates().getFirst().score())
        .isEqualTo(expected.candidates().getFirst().score())
        .isEqualTo(1.0);
  }

  @Test
  void roadOnlyOutsideGivesWayToARoadInsideAsIfItDidNotExist() {
    // 长青街 is only in G3. In G1 the text is read as an index of G1's addresses would read it:
    // 长青大道 by its stem, with no sign of the street-front door outside.
    GeocodeResult inG1 = INDEX.geocode("长青街7号", 10, in(G1));
    assertThat(inG1.status()).isEqualTo(Status.AMBIGUOUS);
    assertThat(codes(inG1)).containsExactly(code(10), code(11));
    assertThat(inG1.candidates()).allSatisfy(c -> assertThat(c.score()).isEqualTo(0.6 * 0.8, within(1e-9)));
  }

  @Test
  void byCodeOfAnAddressOutsideIsNull() {
    assertThat(INDEX.byCode(code(9))).isNotNull();
    assertThat(INDEX.byCode(code(9), in(G3)).code()).isEqualTo(code(9));
    assertThat(INDEX.byCode(code(9), in(G1))).isNull();
    assertThat(INDEX.byCode(code(9), in(STREET_1))).isNull();
    assertThat(INDEX.byCode(code(1), in(STREET_1)).code()).isEqualTo(code(1));
  }

  @Test
  void reverseSkipsANearerAddressOutsideForAFartherOneInside() {
    // Addresses 100 m apart eastward: 8 (G3) lies between 7 (G1) and 9 (G3).
    AddressRecord a8 = ADDRESSES.get(7);
    double north = Wgs84.metresToDegreesLat(5);
    NearestAddress everywhere = INDEX.nearest(a8.lon(), a8.lat() + north, 300);
    assertThat(everywhere.address().code()).isEqualTo(code(8));

    NearestAddress inG1 = INDEX.nearest(a8.lon(), a8.lat() + north, 300, in(G1));
    assertThat(inG1.address().code()).isEqualTo(code(7));
    assertThat(inG1.address().gridCode()).isEqualTo(G1);
    AddressRecord a7 = ADDRESSES.get(6);
    assertThat(inG1.distanceMetres())
        .isEqualTo(Wgs84.distanceMetres(a8.lon(), a8.lat() + north, a7.lon(), a7.lat()))
        .isGreaterThan(90);

    // G2's only address is 3 doors west: too far for 250 m, found at 350 m.
    assertThat(INDEX.nearest(a8.lon(), a8.lat(), 250, in(G2))).isNull();
    assertThat(INDEX.nearest(a8.lon(), a8.lat(), 350, in(G2)).address().code()).isEqualTo(code(5));
  }

  @Test
  void reverseWithOnlyAddressesOutsideWithinTheDistanceIsNull() {
    AddressRecord a9 = ADDRESSES.get(8); // G3, with 8 (G3) and 10 (G1) at 100 m
    assertThat(INDEX.nearest(a9.lon(), a9.lat(), 50)).isNotNull();
    assertThat(INDEX.nearest(a9.lon(), a9.lat(), 50, in(G1))).isNull();
    assertThat(INDEX.nearest(a9.lon(), a9.lat(), 90, in(G1))).isNull();
    assertThat(INDEX.nearest(a9.lon(), a9.lat(), 110, in(G1)).address().code()).isEqualTo(code(10));
    assertThat(INDEX.nearest(a9.lon(), a9.lat(), 10_000, in("4"))).isNull();
  }

  @Test
  void filterIsAskedOncePerRunOfOneGrid() {
    var calls = new AtomicInteger();
    Predicate<String> counting =
        grid -> {
          calls.incrementAndGet();
          return grid.startsWith(G1);
        };
    // Six doors of 胜利路128号 in door order: G1 ×4, G2, G1.
    assertThat(INDEX.geocode("胜利路128号", 10, counting).candidates()).hasSize(5);
    assertThat(calls.get()).isLessThanOrEqualTo(4);
  }

  @Test
  void addressWithoutAGridIsOutsideEveryFilter() {
    var noGrid =
        new AddressRecord(
            "36050200100100199999", AREAS + "无名路1号", "无名路", "1号", null, null, 114.9, 27.8, 0, 0,
            null);
    var index = AddressIndex.of(List.of(noGrid));
    assertThat(index.geocode("无名路1号", 10).status()).isEqualTo(Status.MATCH);
    assertThat(index.geocode("无名路1号", 10, grid -> true).status()).isEqualTo(Status.NONE);
    assertThat(index.byCode(noGrid.code(), grid -> true)).isNull();
    assertThat(index.nearest(114.9, 27.8, 10, grid -> true)).isNull();
  }

  @Test
  void geocoderRejectsANullFilter() {
    var geocoder = new Geocoder(null, null);
    assertThatThrownBy(() -> geocoder.geocode("胜利路128号", 10, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> geocoder.byCode(code(1), null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> geocoder.reverse(114.9, 27.8, 100, null))
        .isInstanceOf(NullPointerException.class);
    assertThat(geocoder.geocode("胜利路128号", 10, Geocoder.WHOLE_CITY).status())
        .isEqualTo(Status.NONE);
  }
}
