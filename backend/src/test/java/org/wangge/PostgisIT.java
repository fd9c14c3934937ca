package org.wangge;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The service on a real PostGIS, as deployed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgisDatabase.class)
class PostgisIT extends ServiceContract {

  @Override
  long spatialIndexCount() {
    return count("SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%\\_sx' AND indexdef LIKE '%USING gist%'");
  }
}
