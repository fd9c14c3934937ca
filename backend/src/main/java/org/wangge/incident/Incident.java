package org.wangge.incident;

import org.wangge.gisdata.model.AreaLevel;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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
import org.wangge.dispatch.Routing;
import org.wangge.dispatch.RoutingReason;
import org.wangge.gisdata.model.Risk;
import org.wangge.security.EncryptedString;

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

  @Column(name = "grid_code")
  private String gridCode;

  /** The area responsible: the grid, the community whose queue holds it, or an area's centre. */
  @Column(name = "area_code")
  private String areaCode;

  @Enumerated(EnumType.STRING)
  @Column(name = "routing_reason")
  private RoutingReason routingReason;

  @Column(name = "routing_detail")
  private String routingDetail;

  @Column(name = "routing_distance_metres")
  private Double routingDistanceMetres;

  @Column(name = "community_queue")
  private boolean communityQueue;

  @Column(name = "warning_at")
  private Instant warningAt;

  @Column(name = "reporter_name")
  private String reporterName;

  /** Encrypted at rest. */
  @Column(name = "reporter_phone")
  @Convert(converter = EncryptedString.class)
  private String reporterPhone;

  /** The phone's keyed hash ({@code PhoneLookup}): finds a caller's earlier cases. */
  @Column(name = "reporter_phone_hash")
  private String reporterPhoneHash;

  /** The answers to the item's extra questions: a JSON object keyed by question code, or null. */
  private String answers;

  /** Optimistic lock: two transitions racing on one case cannot both win. */
  @jakarta.persistence.Version private long version;

  /** The level whose centre owns the case after an escalation; {@code null}: the grid level. */
  @Enumerated(EnumType.STRING)
  @Column(name = "owner_level")
  private AreaLevel ownerLevel;

  @Column(name = "owner_area_code")
  private String ownerAreaCode;

  @Column(name = "accepted_at")
  private Instant acceptedAt;

  @Column(name = "handled_at")
  private Instant handledAt;

  @Column(name = "followed_up_at")
  private Instant followedUpAt;

  @Column(name = "rework_count")
  private int reworkCount;

  @Column(name = "extension_count")
  private int extensionCount;

  @Column(name = "escalation_count")
  private int escalationCount;

  private Integer satisfaction;

  /** The clock running now: ACCEPT, HANDLE or VERIFY; {@code null} for a finished case. */
  @Enumerated(EnumType.STRING)
  private CaseStage stage;

  @Column(name = "stage_warning_at")
  private Instant stageWarningAt;

  @Column(name = "stage_due_at")
  private Instant stageDueAt;

  /** 0: not urged in this stage; 1: yellow; 2: red. */
  @Column(name = "urge_level")
  private int urgeLevel;

  protected Incident() {}

  /** A new report, routed. Status {@link IncidentStatus#DISPATCHED} once it has a handler. */
  Incident(
      String number,
      Category category,
      IncidentSource source,
      Risk risk,
      String description,
      Point location,
      Long addressId,
      String reporterName,
      String reporterPhone,
      Instant reportedAt,
      Routing routing) {
    this.number = number;
    this.category = category;
    this.source = source;
    this.risk = risk;
    this.description = description;
    this.location = location;
    this.addressId = addressId;
    this.reporterName = reporterName;
    this.reporterPhone = reporterPhone;
    this.reportedAt = reportedAt;
    this.gridId = routing.gridId();
    this.gridCode = routing.gridCode();
    this.gridVersion = routing.gridVersion();
    this.areaCode = routing.areaCode();
    this.routingReason = routing.reason();
    this.routingDetail = routing.explanation();
    this.routingDistanceMetres = routing.distanceMetres();
    this.assigneeId = routing.assigneeId();
    this.departmentId = routing.departmentId();
    this.communityQueue = routing.communityQueue();
    this.dueAt = routing.dueAt();
    this.warningAt = routing.warningAt();
    this.status =
        routing.assigneeId() != null || routing.departmentId() != null
            ? IncidentStatus.DISPATCHED
            : IncidentStatus.REPORTED;
  }

  String gridCode() {
    return gridCode;
  }

  String areaCode() {
    return areaCode;
  }

  RoutingReason routingReason() {
    return routingReason;
  }

  String routingDetail() {
    return routingDetail;
  }

  Double routingDistanceMetres() {
    return routingDistanceMetres;
  }

  boolean communityQueue() {
    return communityQueue;
  }

  Instant warningAt() {
    return warningAt;
  }

  String reporterName() {
    return reporterName;
  }

  String reporterPhone() {
    return reporterPhone;
  }

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

  AreaLevel ownerLevel() {
    return ownerLevel;
  }

  String ownerAreaCode() {
    return ownerAreaCode;
  }

  Instant acceptedAt() {
    return acceptedAt;
  }

  Instant handledAt() {
    return handledAt;
  }

  Instant followedUpAt() {
    return followedUpAt;
  }

  int reworkCount() {
    return reworkCount;
  }

  int extensionCount() {
    return extensionCount;
  }

  int escalationCount() {
    return escalationCount;
  }

  Integer satisfaction() {
    return satisfaction;
  }

  CaseStage stage() {
    return stage;
  }

  Instant stageDueAt() {
    return stageDueAt;
  }

  Instant stageWarningAt() {
    return stageWarningAt;
  }

  int urgeLevel() {
    return urgeLevel;
  }

  /** Starts a stage's clock (or stops the clock with {@code null}); the urging starts afresh. */
  void startStage(CaseStage stage, org.wangge.dispatch.Deadline deadline) {
    this.stage = stage;
    this.stageWarningAt = deadline == null ? null : deadline.warningAt();
    this.stageDueAt = deadline == null ? null : deadline.dueAt();
    this.urgeLevel = 0;
  }

  /** The handling stage runs on the case's own deadline. */
  void startHandlingStage() {
    this.stage = CaseStage.HANDLE;
    this.stageWarningAt = warningAt;
    this.stageDueAt = dueAt;
    this.urgeLevel = 0;
  }

  /** The owner set by an escalation rule at intake (not counted as an escalation). */
  void ownedBy(AreaLevel level, String areaCode) {
    this.ownerLevel = level;
    this.ownerAreaCode = areaCode;
  }

  // --- the closed loop: called by CaseWorkflow only, after its checks --------------------------

  void moveTo(IncidentStatus next) {
    this.status = next;
  }

  void dispatchTo(Long assigneeId, Long departmentId) {
    this.assigneeId = assigneeId;
    this.departmentId = departmentId;
    this.communityQueue = false;
    this.status = IncidentStatus.DISPATCHED;
    this.acceptedAt = null;
  }

  void accepted(Instant at) {
    this.acceptedAt = at;
    this.status = IncidentStatus.ACCEPTED;
  }

  void handled(Instant at) {
    this.handledAt = at;
    this.status = IncidentStatus.HANDLED;
  }

  void closed(Instant at) {
    this.closedAt = at;
    this.status = IncidentStatus.CLOSED;
  }

  void followedUp(Instant at, int satisfaction) {
    this.followedUpAt = at;
    this.satisfaction = satisfaction;
    this.status = IncidentStatus.FOLLOWED_UP;
  }

  void reopened() {
    this.reworkCount++;
    this.handledAt = null;
    this.status = IncidentStatus.IN_PROGRESS;
  }

  void returned() {
    this.assigneeId = null;
    this.departmentId = null;
    this.acceptedAt = null;
    this.communityQueue = true;
    this.status = IncidentStatus.REPORTED;
  }

  void escalated(AreaLevel level, String areaCode) {
    this.ownerLevel = level;
    this.ownerAreaCode = areaCode;
    this.escalationCount++;
  }

  void extended(Instant newDueAt) {
    if (warningAt != null && dueAt != null) {
      warningAt = warningAt.plus(java.time.Duration.between(dueAt, newDueAt));
    }
    this.dueAt = newDueAt;
    this.extensionCount++;
  }

  @Column(name = "merged_into")
  private Long mergedInto;

  void reporterPhoneHash(String hash) {
    this.reporterPhoneHash = hash;
  }

  /** The answers to the item's extra questions as stored (JSON object), {@code null} when none. */
  String answers() {
    return answers;
  }

  void answers(String json) {
    this.answers = json;
  }

  Long mergedInto() {
    return mergedInto;
  }

  void mergedInto(long originalId, Instant at) {
    this.mergedInto = originalId;
    this.closedAt = at;
    this.status = IncidentStatus.CANCELLED;
  }

  void cancelled(Instant at) {
    this.closedAt = at;
    this.status = IncidentStatus.CANCELLED;
  }
}
