package org.wangge.incident;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.EmbeddedDatabase;

/** Clocks that match the risk and the working calendar's API on the embedded H2GIS default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class CalendarClocksEmbeddedIT extends CalendarClocksContract {}
