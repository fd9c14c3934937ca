package org.wangge.exchange;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Imports on the embedded H2GIS default, in a database and work dir of their own. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"wangge.area.boundary-poll-interval=PT1S", "wangge.exchange.max-upload-size=5MB", "wangge.exchange.max-expanded-size=10MB"})
@ContextConfiguration(initializers = ImportDatabase.class)
class ImportEmbeddedIT extends ImportContract {}
