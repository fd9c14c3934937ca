package org.wangge.team;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.wangge.security.PersonalDataCipher;

/**
 * Members' and departments' phone numbers in clear, decrypted from their encrypted columns, for a
 * channel that must call or text them (the notification webhook, when an endpoint asks for
 * phones). Callers hold them only as long as a send takes and never store them.
 */
@Service
public class ContactPhones {

  private final JdbcTemplate jdbc;
  private final PersonalDataCipher cipher;

  ContactPhones(JdbcTemplate jdbc, PersonalDataCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  /** Phones by member code; members without a phone, or unknown, are absent. */
  public Map<String, String> ofMembers(Collection<String> memberCodes) {
    return phones("member", memberCodes);
  }

  /** Phones by department code; departments without a phone, or unknown, are absent. */
  public Map<String, String> ofDepartments(Collection<String> departmentCodes) {
    return phones("department", departmentCodes);
  }

  private Map<String, String> phones(String table, Collection<String> codes) {
    Map<String, String> phones = new HashMap<>();
    if (codes.isEmpty()) {
      return phones;
    }
    List<String> list = List.copyOf(codes);
    String marks = String.join(",", Collections.nCopies(list.size(), "?"));
    jdbc.query(
        "SELECT code, phone FROM " + table + " WHERE phone IS NOT NULL AND code IN (" + marks + ")",
        rs -> {
          phones.put(rs.getString(1), cipher.decrypt(rs.getString(2)));
        },
        list.toArray());
    return phones;
  }
}
