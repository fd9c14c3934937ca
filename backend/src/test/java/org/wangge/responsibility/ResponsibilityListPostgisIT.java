package org.wangge.responsibility;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.PostgisDatabase;

/** The responsibility list's API on PostGIS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgisDatabase.class)
class ResponsibilityListPostgisIT extends ResponsibilityListContract {}
