package org.wangge.incident;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface IncidentRepository
    extends JpaRepository<Incident, Long>, JpaSpecificationExecutor<Incident> {}
