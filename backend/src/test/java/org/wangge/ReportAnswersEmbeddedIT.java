package org.wangge;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The list in three levels and report answers on the embedded H2GIS default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class ReportAnswersEmbeddedIT extends ReportAnswersContract {}
