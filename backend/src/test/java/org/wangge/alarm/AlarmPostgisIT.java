package org.wangge.alarm;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.PostgisDatabase;

/** Alarms on PostGIS: the climb's claims with SKIP LOCKED as production runs them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgisDatabase.class)
class AlarmPostgisIT extends AlarmContract {}
