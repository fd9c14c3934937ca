package org.wangge.planning;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** {@link PlanSpeedBench} on the embedded H2GIS default (a fresh database). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PlanningDatabase.class)
class PlanSpeedEmbeddedBench extends PlanSpeedBench {}
