package org.wangge.exchange;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.PostgisDatabase;

/** Imports on PostGIS, in a database (and work dir) of their own: the properties give a context of its own. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"wangge.area.boundary-poll-interval=PT1S", "wangge.exchange.max-upload-size=5MB", "wangge.exchange.max-expanded-size=10MB", "wangge.exchange.threads=3"})
@ContextConfiguration(initializers = {PostgisDatabase.class, ImportDatabase.class})
class ImportPostgisIT extends ImportContract {}
