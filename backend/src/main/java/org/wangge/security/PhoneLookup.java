package org.wangge.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An exact-match keyed hash of a phone number (HMAC-SHA256, 64 hex digits), stored beside the
 * encrypted phone so that the intake desk can find a caller's earlier cases without decrypting
 * every row: the encrypted value cannot be compared in SQL (a fresh IV each time), the hash can,
 * and without the key it cannot be reversed by trying every phone number.
 *
 * <p>The key is {@value #PROPERTY} (environment variable {@code WANGGE_PHONE_LOOKUP_KEY}, at least
 * 32 characters); when it is not set, a key derived from the data key ({@link
 * PersonalDataCipher#PROPERTY}) as HMAC-SHA256(data key, "wangge phone lookup v1"), so production
 * (which must set the data key) never hashes with a public key. Changing either key makes stored
 * hashes stop matching until they are recomputed ({@link V1_27_1__HashReporterPhones#hashMissing}
 * fills rows whose hash is NULL: set the column to NULL and restart).
 *
 * <p>Numbers are compared by their digits: spaces, dashes and a leading {@code +86}/{@code 0086}
 * before an 11-digit mobile number are ignored, so "+86 138-0013-8000" finds "13800138000".
 */
@Component
public class PhoneLookup {

  /** The property holding the key (optional). */
  public static final String PROPERTY = "wangge.security.phone-lookup-key";

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public PhoneLookup(
      @Value("${" + PROPERTY + ":}") String configuredKey,
      @Value("${" + PersonalDataCipher.PROPERTY + ":" + PersonalDataCipher.DEMO_KEY + "}") String dataKey) {
    byte[] bytes;
    if (configuredKey != null && !configuredKey.isBlank()) {
      if (configuredKey.strip().length() < 32) {
        throw new IllegalStateException(PROPERTY + " must be at least 32 characters (e.g. `openssl rand -base64 32`)");
      }
      bytes = configuredKey.strip().getBytes(StandardCharsets.UTF_8);
    } else {
      bytes = mac(new SecretKeySpec(Base64.getDecoder().decode(dataKey.strip()), ALGORITHM), "wangge phone lookup v1");
    }
    this.key = new SecretKeySpec(bytes, ALGORITHM);
  }

  /** The digits of a phone number as compared: separators and a +86/0086 country prefix dropped. */
  public static String normalize(String phone) {
    if (phone == null) {
      return null;
    }
    String digits = phone.replaceAll("[^0-9]", "");
    if (digits.length() == 13 && digits.startsWith("86")) {
      digits = digits.substring(2);
    } else if (digits.length() == 15 && digits.startsWith("0086")) {
      digits = digits.substring(4);
    }
    return digits.isEmpty() ? null : digits;
  }

  /** The keyed hash of a phone number (64 hex digits), or {@code null} for none. */
  public String hash(String phone) {
    String digits = normalize(phone);
    return digits == null ? null : HexFormat.of().formatHex(mac(key, digits));
  }

  private static byte[] mac(SecretKeySpec key, String text) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot compute HMAC-SHA256", e);
    }
  }
}
