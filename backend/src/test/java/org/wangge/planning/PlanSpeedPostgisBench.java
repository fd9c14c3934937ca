package org.wangge.planning;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.PostgisDatabase;

/** {@link PlanSpeedBench} on PostGIS (a fresh database; run through scripts/test). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgisDatabase.class)
class PlanSpeedPostgisBench extends PlanSpeedBench {}
