package org.wangge.web;

/** Masks the middle of a phone number: {@code 13812345678} → {@code 138****5678}. */
public final class PhoneMask {

  private PhoneMask() {}

  /** The masked number; {@code null} stays {@code null}, short numbers become {@code ****}. */
  public static String mask(String phone) {
    if (phone == null || phone.length() < 8) {
      return phone == null ? null : "****";
    }
    int keepHead = 3;
    int keepTail = 4;
    return phone.substring(0, keepHead)
        + "*".repeat(phone.length() - keepHead - keepTail)
        + phone.substring(phone.length() - keepTail);
  }
}
