package org.wangge.security;

/** TEMPORARY stub until the enc branch is merged. */
@org.springframework.stereotype.Component
public class PersonalDataCipher {
  public boolean usesDemoKey() {
    return true;
  }
}
