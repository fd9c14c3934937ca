package org.wangge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {

  /** A key made like production keys: {@code openssl rand -base64 32}. */
  private static final String KEY = "q3Vb2kz9oJmS1c0n7M5yqB0pR8Xw4tEoL2aYh6dFgUI=";

  private final PersonalDataCipher cipher = new PersonalDataCipher(KEY);

  @Test
  void phoneNumbersRoundTrip() {
    for (String phone : new String[] {"13812345678", "0790-6123456", "+86 138 1234 5678", "", "1"}) {
      String stored = cipher.encrypt(phone);
      assertThat(stored).startsWith("enc1:");
      if (phone.length() > 5) {
        assertThat(stored).doesNotContain(phone);
      }
      assertThat(cipher.isEncrypted(stored)).isTrue();
      assertThat(cipher.decrypt(stored)).isEqualTo(phone);
    }
    // Not only phones: any text survives, multi-byte characters included.
    assertThat(cipher.decrypt(cipher.encrypt("张三 13812345678"))).isEqualTo("张三 13812345678");
  }

  @Test
  void nullStaysNull() {
    assertThat(cipher.encrypt(null)).isNull();
    assertThat(cipher.decrypt(null)).isNull();
    assertThat(cipher.isEncrypted(null)).isFalse();
  }

  @Test
  void theSameNumberEncryptsDifferentlyEachTime() {
    Set<String> stored = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      stored.add(cipher.encrypt("13812345678"));
    }
    assertThat(stored).hasSize(100);
    // 12-byte IV + 11 bytes + 16-byte tag = 39 bytes = 52 base64 characters, + "enc1:".
    assertThat(stored.iterator().next()).hasSize(57);
    // The widest column value (30 characters) fits the 200-character columns with room to spare.
    assertThat(cipher.encrypt("x".repeat(30)).length()).isLessThan(100);
  }

  @Test
  void aTamperedValueIsRefused() {
    String stored = cipher.encrypt("13812345678");
    byte[] raw = Base64.getDecoder().decode(stored.substring(5));
    for (int at : new int[] {0, 11, 12, raw.length - 1}) { // IV, ciphertext, tag
      byte[] altered = raw.clone();
      altered[at] ^= 1;
      String tampered = "enc1:" + Base64.getEncoder().encodeToString(altered);
      assertThatThrownBy(() -> cipher.decrypt(tampered))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("data key")
          .hasMessageContaining("does not match");
    }
    assertThatThrownBy(() -> cipher.decrypt("enc1:not base64!"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> cipher.decrypt("enc1:AAAA"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void anotherKeyCannotRead() {
    String stored = cipher.encrypt("13812345678");
    var other = new PersonalDataCipher("7YyC4qQy8u1+Xv0f3dQk0s9m2Lh5bN6rT1wZpE4aJcs=");
    assertThatThrownBy(() -> other.decrypt(stored))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("wangge.security.data-key")
        .hasMessageContaining("does not match");
  }

  @Test
  void legacyPlaintextPassesThrough() {
    assertThat(cipher.isEncrypted("13812345678")).isFalse();
    assertThat(cipher.decrypt("13812345678")).isEqualTo("13812345678");
    assertThat(cipher.decrypt("0790-6123456")).isEqualTo("0790-6123456");
  }

  @Test
  void aMissingOrMalformedKeyStopsStartUpSayingHowToMakeOne() {
    for (String bad :
        new String[] {
          null,
          "",
          "   ",
          "not base64 at all!",
          Base64.getEncoder().encodeToString(new byte[16]), // AES-128: too short
          Base64.getEncoder().encodeToString(new byte[33])
        }) {
      assertThatThrownBy(() -> new PersonalDataCipher(bad))
          .as("key %s", bad)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("wangge.security.data-key")
          .hasMessageContaining("WANGGE_DATA_KEY")
          .hasMessageContaining("openssl rand -base64 32");
    }
    assertThatThrownBy(() -> new PersonalDataCipher(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("16 bytes, not 32");
    // Surrounding white space (a trailing newline from a secrets file) is forgiven.
    assertThat(new PersonalDataCipher(" " + KEY + "\n").decrypt(cipher.encrypt("13812345678")))
        .isEqualTo("13812345678");
  }

  @Test
  void theDemoKeyIsRecognised() throws IOException {
    assertThat(cipher.usesDemoKey()).isFalse();
    assertThat(new PersonalDataCipher(PersonalDataCipher.DEMO_KEY).usesDemoKey()).isTrue();
    // application.properties falls back to exactly this key when WANGGE_DATA_KEY is unset.
    var properties = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
      properties.load(in);
    }
    assertThat(properties.getProperty(PersonalDataCipher.PROPERTY))
        .isEqualTo("${WANGGE_DATA_KEY:" + PersonalDataCipher.DEMO_KEY + "}");
  }

  @Test
  void theConverterDelegatesToTheCipher() {
    var converter = new EncryptedString(cipher);
    String stored = converter.convertToDatabaseColumn("13812345678");
    assertThat(stored).startsWith("enc1:");
    assertThat(converter.convertToEntityAttribute(stored)).isEqualTo("13812345678");
    assertThat(converter.convertToDatabaseColumn(null)).isNull();
    assertThat(converter.convertToEntityAttribute("13812345678")).isEqualTo("13812345678");
  }
}
