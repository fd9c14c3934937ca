package org.wangge.team;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.wangge.security.EncryptedString;

/** A functional department (职能部门) that cases can be whistled to. */
@Entity
@Table(name = "department")
class Department {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String code;
  private String name;

  /** Encrypted at rest. */
  @Convert(converter = EncryptedString.class)
  private String phone;

  protected Department() {}

  Department(String code, String name, String phone) {
    this.code = code;
    this.name = name;
    this.phone = phone;
  }

  Long id() {
    return id;
  }

  String code() {
    return code;
  }

  String name() {
    return name;
  }

  String phone() {
    return phone;
  }
}
