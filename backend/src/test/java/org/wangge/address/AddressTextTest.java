package org.wangge.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AddressTextTest {

  /** Written the ways people write 胜利路128号3栋2单元, and a few others; "" for a missing field. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "",
      value = {
        "江西省新余市渝水区城北街道胜利社区 胜利路128号3栋2单元 | 江西省新余市渝水区城北街道胜利社区胜利路 | 128 | 3 | 2",
        "胜利路128号3栋2单元                               | 胜利路 | 128 | 3 | 2",
        "新余市渝水区胜利路128号3栋2单元                   | 新余市渝水区胜利路 | 128 | 3 | 2",
        "胜利路１２８号３栋２单元                           | 胜利路 | 128 | 3 | 2",
        "胜利路 128 号 3 栋 2 单元                         | 胜利路 | 128 | 3 | 2",
        "胜利路128號3幢2單元                               | 胜利路 | 128 | 3 | 2",
        "胜利路128號3幢2单元                               | 胜利路 | 128 | 3 | 2",
        "胜利路128号3座2单元                               | 胜利路 | 128 | 3 | 2",
        "胜利路128号3号楼2单元                             | 胜利路 | 128 | 3 | 2",
        "胜利路128号3栋楼2单元楼                           | 胜利路 | 128 | 3 | 2",
        "胜利路128号3#楼2单元                              | 胜利路 | 128 | 3 | 2",
        "胜利路128号三栋二单元                             | 胜利路 | 128 | 3 | 2",
        "胜利路一百二十八号第三栋第二单元                   | 胜利路 | 128 | 3 | 2",
        "胜利路128号十二栋两单元                           | 胜利路 | 128 | 12 | 2",
        "胜利路128号3-2                                   | 胜利路 | 128 | 3 | 2",
        "胜利路128-3-2                                    | 胜利路 | 128 | 3 | 2",
        "胜利路128－3－2                                  | 胜利路 | 128 | 3 | 2",
        "胜利路128号3栋2单元301室                          | 胜利路 | 128 | 3 | 2",
        "胜利路128-3-2-301                                | 胜利路 | 128 | 3 | 2",
        "胜利路128号3栋201室                               | 胜利路 | 128 | 3 | ",
        "胜利路128号3栋201                                 | 胜利路 | 128 | 3 | ",
        "胜利路128号3栋2单元5楼                            | 胜利路 | 128 | 3 | 2",
        "（江西）胜利路128号，3栋2单元。                   | 江西胜利路 | 128 | 3 | 2",
        "胜利路128号                                       | 胜利路 | 128 | | ",
        "胜利路0128号                                      | 胜利路 | 128 | | ",
        "胜利路128号A座                                    | 胜利路 | 128 | A | ",
        "胜利路128号ａ栋                                   | 胜利路 | 128 | A | ",
        "五一路十二号                                      | 五一路 | 12 | | ",
        "八一大道8号2单元                                  | 八一大道 | 8 | | 2",
        "胜利路                                           | 胜利路 | | | ",
      })
  void readsNumberBuildingAndUnit(String text, String head, String number, String building, String unit) {
    assertThat(AddressText.parse(text))
        .isEqualTo(new AddressText.Parsed(head, number, building, unit));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "一, 1", "九, 9", "十, 10", "十一, 11", "二十, 20", "二十三, 23", "九十九, 99", "两, 2",
    "一百, 100", "一百零八, 108", "一百二十八, 128", "一二八, 128", "二〇一, 201", "十十, -1", "三三三三三三三, -1"
  })
  void chineseNumerals(String numeral, int value) {
    assertThat(AddressText.chineseNumber(numeral)).isEqualTo(value);
  }

  @Test
  void everyNumberFromOneToNinetyNineReads() {
    String[] digits = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    for (int n = 1; n <= 99; n++) {
      String numeral =
          n < 10 ? digits[n] : (n / 10 == 1 ? "" : digits[n / 10]) + "十" + digits[n % 10];
      assertThat(AddressText.parse("胜利路" + numeral + "号").number()).as(numeral).isEqualTo(Integer.toString(n));
    }
  }

  @Test
  void storedPartsBecomeTheirKeys() {
    assertThat(AddressText.key("128号")).isEqualTo("128");
    assertThat(AddressText.key("3栋")).isEqualTo("3");
    assertThat(AddressText.key("2单元")).isEqualTo("2");
    assertThat(AddressText.key("A座")).isEqualTo("A");
    assertThat(AddressText.key(null)).isNull();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "江西省新余市渝水区城北街道胜利社区胜利路, 胜利路",
    "新余市渝水区胜利路, 胜利路",
    "渝水区城北街道胜利路, 胜利路",
    "新余渝水胜利路, 胜利路",
    "仙女湖区仙来街道长青路, 长青路",
    "某某省某某市某某县某某镇某某村胜利路, 胜利路",
    "新村路, 新村路",
    "高新区大道, 高新区大道",
    "城北街道城北路, 城北路",
    "胜利路, 胜利路",
  })
  void leadingAreaNamesComeOff(String head, String rest) {
    List<String> known = List.of("江西省", "新余市", "新余", "渝水区", "渝水", "城北街道", "胜利社区");
    assertThat(AddressText.stripAreas(head, known)).isEqualTo(rest);
  }

  @Test
  void areaNamesOfAnAreaPart() {
    assertThat(AddressText.areaNames("江西省新余市渝水区城北街道胜利社区 "))
        .containsExactly("江西省", "新余市", "渝水区", "城北街道", "胜利社区");
    assertThat(AddressText.areaNames("江西省新余市仙女湖区仙来街道长青社区"))
        .containsExactly("江西省", "新余市", "仙女湖区", "仙来街道", "长青社区");
  }

  @Test
  void roadStems() {
    assertThat(AddressText.stem("胜利路")).isEqualTo("胜利");
    assertThat(AddressText.stem("胜利大道")).isEqualTo("胜利");
    assertThat(AddressText.stem("孔目江街")).isEqualTo("孔目江");
    assertThat(AddressText.stem("路")).isEqualTo("路");
  }
}
