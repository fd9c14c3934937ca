package org.wangge.incident;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.PostgisDatabase;

/** The citizen's rating by receipt on PostGIS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgisDatabase.class)
class CitizenRatingPostgisIT extends CitizenRatingContract {}
