package org.wangge.field;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.EmbeddedDatabase;

/** {@link PatrolCoverageSpeedBench} on the embedded H2GIS default (a fresh database). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class PatrolCoverageSpeedEmbeddedBench extends PatrolCoverageSpeedBench {}
