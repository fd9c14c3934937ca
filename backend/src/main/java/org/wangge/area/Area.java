package org.wangge.area;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.locationtech.jts.geom.MultiPolygon;
import org.wangge.gisdata.model.AreaLevel;

/** One boundary version of an area. Rows with {@code validTo == null} are current. */
@Entity
@Table(name = "area")
class Area {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String code;
  private int version;
  private String name;

  @Enumerated(EnumType.STRING)
  private AreaLevel level;

  @Column(name = "parent_code")
  private String parentCode;

  /** Longitude/latitude, SRID 4326. */
  private MultiPolygon boundary;

  @Column(name = "valid_from")
  private Instant validFrom;

  @Column(name = "valid_to")
  private Instant validTo;

  private int households;
  private int residents;

  protected Area() {}

  Long id() {
    return id;
  }

  String code() {
    return code;
  }

  int version() {
    return version;
  }

  String name() {
    return name;
  }

  AreaLevel level() {
    return level;
  }

  String parentCode() {
    return parentCode;
  }

  MultiPolygon boundary() {
    return boundary;
  }

  Instant validFrom() {
    return validFrom;
  }

  Instant validTo() {
    return validTo;
  }

  int households() {
    return households;
  }

  int residents() {
    return residents;
  }
}
