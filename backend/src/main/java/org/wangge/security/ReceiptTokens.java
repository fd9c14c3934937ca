package org.wangge.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * A citizen's receipt for a report: {@code <incident id>-<HMAC-SHA256 of the id, 128 bits>} under
 * {@code wangge.security.receipt-key}. It proves the holder filed (or was given) that report and
 * shows them only that report. Nothing is stored: a retried report gets the same receipt, and a
 * new key invalidates every receipt.
 */
@Component
public class ReceiptTokens {

  private final SecretKeySpec key;

  ReceiptTokens(SecurityProperties properties) {
    this.key = new SecretKeySpec(properties.receiptKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String issue(long incidentId) {
    return incidentId + "-" + mac(incidentId);
  }

  /** The incident id a receipt is for, or empty if the receipt is not genuine. */
  public OptionalLong verify(String receipt) {
    if (receipt == null) {
      return OptionalLong.empty();
    }
    int dash = receipt.indexOf('-');
    if (dash < 1 || dash > 19) {
      return OptionalLong.empty();
    }
    long id;
    try {
      id = Long.parseLong(receipt.substring(0, dash));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
    byte[] expected = mac(id).getBytes(StandardCharsets.US_ASCII);
    byte[] given = receipt.substring(dash + 1).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? OptionalLong.of(id) : OptionalLong.empty();
  }

  boolean usesDemoKey(SecurityProperties properties) {
    return SecurityProperties.DEMO_RECEIPT_KEY.equals(properties.receiptKey());
  }

  private String mac(long id) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] full = mac.doFinal(("incident:" + id).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 16));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
