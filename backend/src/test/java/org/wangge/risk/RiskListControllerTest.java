package org.wangge.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RiskListControllerTest {

  @Test
  void attachmentsCarryAnAsciiFallbackAndTheChineseNameAsRfc5987() {
    String header = RiskListController.attachment("risk-list_360502001_2026-W47.csv", "风险隐患清单_城北街道_2026-W47.csv");
    assertThat(header)
        .startsWith("attachment; filename=\"risk-list_360502001_2026-W47.csv\"; filename*=UTF-8''%E9%A3%8E%E9%99%A9");
    String encoded = header.substring(header.indexOf("''") + 2);
    assertThat(encoded).matches("[A-Za-z0-9%!#$&+\\-.^_`|~]+");
    assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo("风险隐患清单_城北街道_2026-W47.csv");
  }

  @Test
  void theAsciiFallbackLosesWhatCannotBeQuoted() {
    assertThat(RiskListController.attachment("a\"b;c.csv", "x")).startsWith("attachment; filename=\"a_b_c.csv\";");
    assertThat(RiskListController.rfc5987("a b'c")).isEqualTo("a%20b%27c");
  }
}
