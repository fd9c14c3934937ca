package org.wangge.risk;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.EmbeddedDatabase;

/** The key list and the weekly risk list on the embedded H2GIS default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class RiskListEmbeddedIT extends RiskListContract {}
