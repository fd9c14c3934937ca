package org.wangge.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts personal data at rest (phone numbers of members, departments and reporters) with
 * AES-256-GCM and the key in {@value #PROPERTY}. A stored value is {@code enc1:} followed by the
 * base64 of a random 12-byte IV, the ciphertext and the 16-byte tag; the same number encrypts
 * differently each time, so encrypted columns cannot be searched or compared in SQL.
 *
 * <p>A value without the prefix is legacy plaintext (written before encryption) and is read as
 * is; the Flyway migration {@link V1_9__EncryptPhones} encrypts such values on upgrade.
 *
 * <p>Key rotation, when it is needed: the {@code enc1:} prefix names the format and the key
 * generation. A new key would be written as {@code enc2:} (or {@code enc1:} plus a key id) while
 * the previous key stays configured for reading ({@code wangge.security.previous-data-keys}),
 * and a migration or background job re-encrypts the old values; {@link #decrypt} would pick the
 * key by prefix. Until then there is exactly one key, and changing it makes stored values
 * unreadable.
 */
@Component
public class PersonalDataCipher {

  /** The property holding the key: base64 of 32 random bytes. */
  public static final String PROPERTY = "wangge.security.data-key";

  /**
   * The development key that {@code application.properties} falls back to when {@code
   * WANGGE_DATA_KEY} is not set. It is public (in the repository), so it protects nothing: the
   * base64 of the ASCII text {@code "wangge demo key: not for prod!!!"}.
   */
  public static final String DEMO_KEY = "d2FuZ2dlIGRlbW8ga2V5OiBub3QgZm9yIHByb2QhISE=";

  /** Marks a value written by this class: format 1, AES-256-GCM, the configured key. */
  public static final String PREFIX = "enc1:";

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final boolean demoKey;
  private final SecureRandom random = new SecureRandom();

  public PersonalDataCipher(@Value("${" + PROPERTY + ":}") String base64Key) {
    byte[] keyBytes = parseKey(base64Key);
    this.demoKey = MessageDigest.isEqual(keyBytes, Base64.getDecoder().decode(DEMO_KEY));
    this.key = new SecretKeySpec(keyBytes, "AES");
    // Fail at start-up, not at the first phone number, if the JDK cannot do AES-256-GCM.
    decrypt(encrypt("self-test"));
  }

  private static byte[] parseKey(String base64Key) {
    String howTo =
        " Set "
            + PROPERTY
            + " (environment variable WANGGE_DATA_KEY) to the base64 of 32 random bytes, made with:"
            + " openssl rand -base64 32";
    if (base64Key == null || base64Key.isBlank()) {
      throw new IllegalStateException(PROPERTY + " is not set." + howTo);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Key.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(PROPERTY + " is not valid base64." + howTo);
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalStateException(
          PROPERTY + " decodes to " + bytes.length + " bytes, not " + KEY_BYTES + "." + howTo);
    }
    return bytes;
  }

  /** {@code enc1:} + base64(IV ‖ ciphertext ‖ tag), with a fresh random IV; {@code null} stays null. */
  public String encrypt(String plain) {
    if (plain == null) {
      return null;
    }
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encrypt with AES-256-GCM", e);
    }
  }

  /**
   * The plaintext of a stored value. {@code null} stays null; a value without the {@code enc1:}
   * prefix is legacy plaintext and comes back as is.
   *
   * @throws IllegalStateException if the value was altered or encrypted with another key
   */
  public String decrypt(String stored) {
    if (stored == null || !isEncrypted(stored)) {
      return stored;
    }
    byte[] in;
    try {
      in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw mismatch(null);
    }
    if (in.length < IV_BYTES + TAG_BITS / 8) {
      throw mismatch(null);
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw mismatch(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot decrypt with AES-256-GCM", e);
    }
  }

  private static IllegalStateException mismatch(Exception cause) {
    return new IllegalStateException(
        "An encrypted value cannot be decrypted: the data key ("
            + PROPERTY
            + ") does not match the key it was encrypted with, or the stored value was altered",
        cause);
  }

  /** Whether a stored value was written by {@link #encrypt} (has the {@code enc1:} prefix). */
  public boolean isEncrypted(String stored) {
    return stored != null && stored.startsWith(PREFIX);
  }

  /** Whether the configured key is the public {@link #DEMO_KEY}: fine for development only. */
  public boolean usesDemoKey() {
    return demoKey;
  }
}
