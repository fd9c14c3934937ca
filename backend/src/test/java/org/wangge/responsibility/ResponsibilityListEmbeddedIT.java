package org.wangge.responsibility;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.EmbeddedDatabase;

/** The responsibility list's API on the embedded H2GIS default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class ResponsibilityListEmbeddedIT extends ResponsibilityListContract {}
