package org.wangge.address;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.locationtech.jts.geom.Point;

/** A standard address. */
@Entity
@Table(name = "address")
class Address {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String code;

  @Column(name = "full_text")
  private String fullText;

  private String road;
  private String number;
  private String building;
  private String unit;

  /** lon/lat, SRID 4326. */
  private Point location;

  private int households;
  private int residents;

  @Column(name = "grid_code")
  private String gridCode;

  protected Address() {}

  Long id() {
    return id;
  }

  String code() {
    return code;
  }

  String fullText() {
    return fullText;
  }

  String road() {
    return road;
  }

  String number() {
    return number;
  }

  String building() {
    return building;
  }

  String unit() {
    return unit;
  }

  Point location() {
    return location;
  }

  int households() {
    return households;
  }

  int residents() {
    return residents;
  }

  String gridCode() {
    return gridCode;
  }
}
