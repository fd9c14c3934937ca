package org.wangge.planning;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Plans on the embedded H2GIS default, in a database of their own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wangge.area.boundary-poll-interval=PT1S")
@ContextConfiguration(initializers = PlanningDatabase.class)
class PlanEmbeddedIT extends PlanContract {}
