package org.wangge.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  @Test
  void signatureIsTheHexHmacSha256OfTheBodyRfc4231Case2() {
    byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookSignature.sign("Jefe", body))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void verifyAcceptsTheSignatureAndRefusesAnAlteredBodyOrAnotherSecret() {
    byte[] body = "{\"event\":\"ASSIGNED\",\"case\":{\"number\":\"网格-1\"}}".getBytes(StandardCharsets.UTF_8);
    String header = WebhookSignature.sign("a-secret-of-16-chars", body);
    assertThat(WebhookSignature.verify("a-secret-of-16-chars", body, header)).isTrue();
    byte[] altered = body.clone();
    altered[3]++;
    assertThat(WebhookSignature.verify("a-secret-of-16-chars", altered, header)).isFalse();
    assertThat(WebhookSignature.verify("another-secret-16ch", body, header)).isFalse();
    assertThat(WebhookSignature.verify("a-secret-of-16-chars", body, null)).isFalse();
  }
}
