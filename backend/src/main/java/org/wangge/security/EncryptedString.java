package org.wangge.security;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.springframework.stereotype.Component;

/**
 * Stores a string attribute encrypted ({@link PersonalDataCipher}); apply it to a field with
 * {@code @Convert(converter = EncryptedString.class)}. Hibernate obtains the converter through
 * Spring's {@code SpringBeanContainer} (Spring Boot configures it), so the cipher arrives by
 * constructor injection. Reading legacy plaintext returns it as is.
 *
 * <p>An encrypted column cannot be used in a query's {@code where} or {@code order by}: the same
 * value encrypts differently every time.
 */
@Component
@Converter(autoApply = false)
public class EncryptedString implements AttributeConverter<String, String> {

  private final PersonalDataCipher cipher;

  public EncryptedString(PersonalDataCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public String convertToDatabaseColumn(String attribute) {
    return cipher.encrypt(attribute);
  }

  @Override
  public String convertToEntityAttribute(String column) {
    return cipher.decrypt(column);
  }
}
