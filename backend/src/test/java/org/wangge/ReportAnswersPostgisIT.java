package org.wangge;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The list in three levels and report answers on PostGIS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgisDatabase.class)
class ReportAnswersPostgisIT extends ReportAnswersContract {}
