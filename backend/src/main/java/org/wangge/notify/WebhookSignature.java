package org.wangge.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Wangge-Signature}: {@code sha256=} and the lower-case hex HMAC-SHA256 of the request body's
 * bytes, keyed with the endpoint's secret (its UTF-8 bytes). Thread-safe.
 */
final class WebhookSignature {

  static final String PREFIX = "sha256=";

  private WebhookSignature() {}

  /** The header value for this body. */
  static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether the header value is this body's signature, compared in constant time. */
  static boolean verify(String secret, byte[] body, String header) {
    return header != null
        && MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII), header.getBytes(StandardCharsets.US_ASCII));
  }
}
