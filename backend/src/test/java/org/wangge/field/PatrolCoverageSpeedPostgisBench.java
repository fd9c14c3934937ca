package org.wangge.field;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.PostgisDatabase;

/** {@link PatrolCoverageSpeedBench} on PostGIS (the private cluster of scripts/test). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgisDatabase.class)
class PatrolCoverageSpeedPostgisBench extends PatrolCoverageSpeedBench {}
