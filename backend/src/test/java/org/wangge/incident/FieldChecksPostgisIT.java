package org.wangge.incident;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.PostgisDatabase;

/** Photo facts, fake-photo flags and queued items on PostGIS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgisDatabase.class)
class FieldChecksPostgisIT extends FieldChecksContract {}
