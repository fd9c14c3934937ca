package org.wangge.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A department called in to a case (吹哨报到), as far as queries need it: which case, which
 * department. Written and completed by {@link CaseWorkflow} with SQL.
 */
@Entity
@Table(name = "incident_whistle")
class Whistle {

  @Id private Long id;

  @Column(name = "incident_id")
  private Long incidentId;

  @Column(name = "department_id")
  private Long departmentId;

  protected Whistle() {}
}
