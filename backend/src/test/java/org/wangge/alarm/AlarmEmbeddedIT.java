package org.wangge.alarm;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.EmbeddedDatabase;

/** Alarms on the embedded H2GIS default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class AlarmEmbeddedIT extends AlarmContract {}
