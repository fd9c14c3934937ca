package org.wangge.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.locationtech.jts.geom.Point;
import org.wangge.gisdata.model.IncidentSource;
import org.wangge.gisdata.model.IncidentStatus;
import org.wangge.gisdata.model.Risk;

/**
 * A reported incident. Other features' rows (address, grid version, member, department) are
 * referenced by id, not mapped, so the features stay independent.
 */
@Entity
@Table(name = "incident")
class Incident {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String number;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "category_id")
  private Category category;

  @Enumerated(EnumType.STRING)
  private IncidentSource source;

  @Enumerated(EnumType.STRING)
  private Risk risk;

  @Enumerated(EnumType.STRING)
  private IncidentStatus status;

  private String description;

  /** lon/lat, SRID 4326. */
  private Point location;

  @Column(name = "address_id")
  private Long addressId;

  /** The grid row (boundary version) the incident was routed with. */
  @Column(name = "grid_id")
  private Long gridId;

  @Column(name = "grid_version")
  private Integer gridVersion;

  @Column(name = "assignee_id")
  private Long assigneeId;

  @Column(name = "department_id")
  private Long departmentId;

  @Column(name = "reported_at")
  private Instant reportedAt;

  @Column(name = "due_at")
  private Instant dueAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  protected Incident() {}

  Long id() {
    return id;
  }

  String number() {
    return number;
  }

  Category category() {
    return category;
  }

  IncidentSource source() {
    return source;
  }

  Risk risk() {
    return risk;
  }

  IncidentStatus status() {
    return status;
  }

  String description() {
    return description;
  }

  Point location() {
    return location;
  }

  Long addressId() {
    return addressId;
  }

  Long gridId() {
    return gridId;
  }

  Integer gridVersion() {
    return gridVersion;
  }

  Long assigneeId() {
    return assigneeId;
  }

  Long departmentId() {
    return departmentId;
  }

  Instant reportedAt() {
    return reportedAt;
  }

  Instant dueAt() {
    return dueAt;
  }

  Instant closedAt() {
    return closedAt;
  }
}
