package org.wangge;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The service on the embedded H2GIS default, as a newcomer runs it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class EmbeddedDatabaseIT extends ServiceContract {

  @Override
  long spatialIndexCount() {
    return count(
        "SELECT count(*) FROM information_schema.indexes WHERE index_type_name = 'SPATIAL INDEX'");
  }
}
