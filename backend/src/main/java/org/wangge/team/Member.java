package org.wangge.team;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.geom.Point;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.security.EncryptedString;

/** A person in a grid team. Serves grids by grid code, so the team survives boundary versions. */
@Entity
@Table(name = "member")
class Member {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String code;
  private String name;

  /** Encrypted at rest. */
  @Convert(converter = EncryptedString.class)
  private String phone;

  @Enumerated(EnumType.STRING)
  private MemberRole role;

  @Column(name = "on_duty")
  private boolean onDuty;

  /** Last known position, lon/lat SRID 4326, or {@code null}. */
  @Column(name = "last_position")
  private Point lastPosition;

  @Column(name = "last_seen_at")
  private Instant lastSeenAt;

  @ElementCollection
  @CollectionTable(name = "member_grid", joinColumns = @JoinColumn(name = "member_id"))
  @Column(name = "grid_code")
  private Set<String> gridCodes = new TreeSet<>();

  protected Member() {}

  Member(String code, String name, String phone, MemberRole role) {
    this.code = code;
    this.name = name;
    this.phone = phone;
    this.role = role;
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

  MemberRole role() {
    return role;
  }

  boolean onDuty() {
    return onDuty;
  }

  Point lastPosition() {
    return lastPosition;
  }

  Instant lastSeenAt() {
    return lastSeenAt;
  }

  Set<String> gridCodes() {
    return gridCodes;
  }

  void reportPosition(Point position, Instant at) {
    this.lastPosition = position;
    this.lastSeenAt = at;
  }

  void setOnDuty(boolean onDuty) {
    this.onDuty = onDuty;
  }
}
