package org.wangge.field;

/**
 * A device token that does not sign in: {@code 401} with a {@code code} the phone acts on
 * ({@code DEVICE_UNKNOWN}, {@code DEVICE_REVOKED}, {@code DEVICE_EXPIRED}).
 */
class DeviceRefused extends RuntimeException {

  private final String code;

  DeviceRefused(String code, String message) {
    super(message);
    this.code = code;
  }

  String code() {
    return code;
  }
}
