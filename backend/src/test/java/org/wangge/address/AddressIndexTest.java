package org.wangge.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wangge.address.GeocodeResult.Status;
import org.wangge.gisdata.model.AddressRecord;
import org.wangge.spatial.Wgs84;

class AddressIndexTest {

  private static final String AREAS = "江西省新余市渝水区城北街道胜利社区 ";
  private static final String GRID = "360502001001001";

  /** A compound of three buildings of two units at 胜利路128号, and street-front doors. */
  private static final List<AddressRecord> ADDRESSES = new ArrayList<>();

  static {
    int seq = 0;
    for (int b = 1; b <= 3; b++) {
      for (int u = 1; u <= 2; u++) {
        ADDRESSES.add(address(++seq, "胜利路", "128号", b + "栋", u + "单元"));
      }
    }
    ADDRESSES.add(address(++seq, "胜利路", "130号", null, null)); // 00007
    ADDRESSES.add(address(++seq, "五一路", "12号", null, null)); // 00008
    ADDRESSES.add(address(++seq, "长青大道", "7号", "1栋", "1单元")); // 00009
    ADDRESSES.add(address(++seq, "长青大道", "7号", "1栋", "2单元")); // 00010
    ADDRESSES.add(address(++seq, "长青街", "7号", null, null)); // 00011
    ADDRESSES.add(address(++seq, "城北路", "5号", null, null)); // 00012
  }

  private static AddressRecord address(int seq, String road, String number, String building, String unit) {
    String code = GRID + "%05d".formatted(seq);
    String text = AREAS + road + number + (building == null ? "" : building + unit);
    // 100 m apart along a parallel.
    return new AddressRecord(
        code, text, road, number, building, unit, 114.92 + seq * 0.001, 27.82, 1, 3, GRID);
  }

  private static final AddressIndex INDEX = AddressIndex.of(shuffled(ADDRESSES));

  /** The index sorts by code itself when the rows do not come in code order. */
  private static List<AddressRecord> shuffled(List<AddressRecord> list) {
    List<AddressRecord> copy = new ArrayList<>(list);
    Collections.shuffle(copy, new java.util.Random(3));
    return copy;
  }

  private static String code(int seq) {
    return GRID + "%05d".formatted(seq);
  }

  private static List<String> codes(GeocodeResult result) {
    return result.candidates().stream().map(AddressMatch::code).toList();
  }

  @Test
  void everyFullTextMatchesItsAddress() {
    for (AddressRecord a : ADDRESSES) {
      GeocodeResult result = INDEX.geocode(a.fullText(), 10);
      assertThat(result.status()).as(a.fullText()).isEqualTo(Status.MATCH);
      AddressMatch match = result.candidates().getFirst();
      assertThat(match.code()).isEqualTo(a.code());
      assertThat(match.fullText()).isEqualTo(a.fullText());
      assertThat(match.score()).isEqualTo(1.0);
      assertThat(match.lon()).isEqualTo(a.lon());
      assertThat(match.gridCode()).isEqualTo(GRID);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "胜利路128号3栋2单元",
        "新余市胜利路128号3栋2单元",
        "渝水区城北街道胜利路128号3栋2单元",
        "胜利路１２８号３栋２单元",
        "胜利路128號3幢2单元",
        "胜利路128号三栋二单元",
        "胜利路128号3-2",
        "胜利路128-3-2",
        "胜利路 128号 3栋 2单元",
        "胜利路128号3栋2单元502室",
        "胜利路128号3号楼2单元",
        GRID + "00006",
      })
  void variantsOfOneAddressMatchIt(String text) {
    GeocodeResult result = INDEX.geocode(text, 10);
    assertThat(result.status()).isEqualTo(Status.MATCH);
    assertThat(codes(result)).containsExactly(code(6));
    assertThat(result.candidates().getFirst().score()).isEqualTo(1.0);
  }

  @Test
  void doorOfACompoundIsAmbiguousAndListsItsUnits() {
    GeocodeResult result = INDEX.geocode("胜利路128号", 10);
    assertThat(result.status()).isEqualTo(Status.AMBIGUOUS);
    assertThat(codes(result)).containsExactly(code(1), code(2), code(3), code(4), code(5), code(6));
    assertThat(result.candidates()).allSatisfy(c -> assertThat(c.score()).isEqualTo(0.8, within(1e-9)));
    assertThat(INDEX.geocode("胜利路128号", 4).candidates()).hasSize(4);
  }

  @Test
  void buildingWithoutUnitIsAmbiguousBetweenItsUnits() {
    GeocodeResult result = INDEX.geocode("胜利路128号2栋", 10);
    assertThat(result.status()).isEqualTo(Status.AMBIGUOUS);
    assertThat(codes(result)).containsExactly(code(3), code(4));
    assertThat(result.candidates().getFirst().score()).isEqualTo(0.9, within(1e-9));
  }

  @Test
  void streetFrontDoorMatches() {
    assertThat(codes(INDEX.geocode("胜利路130号", 10))).containsExactly(code(7));
    assertThat(INDEX.geocode("五一路十二号", 10).status()).isEqualTo(Status.MATCH);
    assertThat(codes(INDEX.geocode("城北街道城北路5号", 10))).containsExactly(code(12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"胜利路129号", "胜利路128号4栋1单元", "胜利路130号1栋1单元", "火星基地", "128号", "", "   ", "胜利"})
  void nothingFitsNone(String text) {
    GeocodeResult result = INDEX.geocode(text, 10);
    assertThat(result.status()).isEqualTo(Status.NONE);
    assertThat(result.candidates()).isEmpty();
  }

  @Test
  void roadInTheMiddleOfTheTextIsFoundLoosely() {
    GeocodeResult result = INDEX.geocode("胜利路北区128号3栋2单元", 10);
    assertThat(result.status()).isEqualTo(Status.MATCH);
    assertThat(codes(result)).containsExactly(code(6));
    assertThat(result.candidates().getFirst().score()).isEqualTo(0.8, within(1e-9));
  }

  @Test
  void roadWithoutItsTypeIsFoundByItsStem() {
    GeocodeResult result = INDEX.geocode("新余市胜利128号3栋2单元", 10);
    assertThat(result.status()).isEqualTo(Status.MATCH);
    assertThat(codes(result)).containsExactly(code(6));
    assertThat(result.candidates().getFirst().score()).isEqualTo(0.6, within(1e-9));
    // A wrong road type too.
    assertThat(codes(INDEX.geocode("胜利街130号", 10))).containsExactly(code(7));
  }

  @Test
  void looseRoadOnSeveralRoadsIsAmbiguous() {
    GeocodeResult result = INDEX.geocode("长青7号", 10);
    assertThat(result.status()).isEqualTo(Status.AMBIGUOUS);
    // The street-front door fits the text as written; the compound's units lack a building.
    assertThat(codes(result)).containsExactly(code(11), code(9), code(10));
  }

  @Test
  void roadWithoutNumberListsItsAddresses() {
    GeocodeResult result = INDEX.geocode("江西省新余市胜利路", 3);
    assertThat(result.status()).isEqualTo(Status.AMBIGUOUS);
    assertThat(codes(result)).containsExactly(code(1), code(2), code(3));
    assertThat(result.candidates().getFirst().score()).isEqualTo(0.5, within(1e-9));
  }

  @Test
  void byCode() {
    assertThat(INDEX.byCode(code(9)).fullText()).isEqualTo(AREAS + "长青大道7号1栋1单元");
    assertThat(INDEX.byCode(code(99))).isNull();
    assertThat(INDEX.size()).isEqualTo(ADDRESSES.size());
  }

  @Test
  void fullTextThatIsNotAreasThenRoadIsKeptWhole() {
    var odd = new AddressRecord(code(1), "胜利路128号（老厂宿舍）", "胜利路", "128号", null, null, 114.9, 27.8, 0, 0, GRID);
    var index = AddressIndex.of(List.of(odd));
    assertThat(index.byCode(code(1)).fullText()).isEqualTo("胜利路128号（老厂宿舍）");
    assertThat(codes(index.geocode("胜利路128号", 5))).containsExactly(code(1));
  }

  @Test
  void nearestAddressIsTheBruteForceNearest() {
    var random = new SplittableRandom(11);
    for (int k = 0; k < 2000; k++) {
      double lon = 114.915 + random.nextDouble() * 0.02;
      double lat = 27.815 + random.nextDouble() * 0.01;
      double max = 50 + random.nextDouble() * 600;
      NearestAddress got = INDEX.nearest(lon, lat, max);
      AddressRecord expected =
          ADDRESSES.stream()
              .filter(a -> Wgs84.distanceMetres(lon, lat, a.lon(), a.lat()) <= max)
              .min(Comparator.comparingDouble((AddressRecord a) -> Wgs84.distanceMetres(lon, lat, a.lon(), a.lat()))
                  .thenComparing(AddressRecord::code))
              .orElse(null);
      if (expected == null) {
        assertThat(got).isNull();
      } else {
        assertThat(got.address().code()).isEqualTo(expected.code());
        assertThat(got.distanceMetres())
            .isEqualTo(Wgs84.distanceMetres(lon, lat, expected.lon(), expected.lat()));
      }
    }
  }

  @Test
  void nearestAtAnAddressOffsetByAFewMetres() {
    AddressRecord a = ADDRESSES.get(4);
    double north = Wgs84.metresToDegreesLat(5);
    NearestAddress got = INDEX.nearest(a.lon(), a.lat() + north, 200);
    assertThat(got.address().code()).isEqualTo(a.code());
    assertThat(got.distanceMetres()).isCloseTo(5, within(0.01));
    assertThat(INDEX.nearest(a.lon(), a.lat() + north, 4.9)).isNull();
    assertThat(INDEX.nearest(0, 0, 10_000)).isNull();
  }

  @Test
  void emptyIndexFindsNothing() {
    var empty = new AddressIndex.Builder(0).build();
    assertThat(empty.geocode("胜利路128号", 10).status()).isEqualTo(Status.NONE);
    assertThat(empty.nearest(114.92, 27.82, 1000)).isNull();
    assertThat(empty.byCode(code(1))).isNull();
  }
}
