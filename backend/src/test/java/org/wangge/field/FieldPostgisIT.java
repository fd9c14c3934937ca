package org.wangge.field;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.PostgisDatabase;

/** Device sign-in, duty and patrols on PostGIS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgisDatabase.class)
class FieldPostgisIT extends FieldContract {

  /** Geodesic length on the WGS84 spheroid. */
  @Override
  double trackLengthMetresInSql(long patrolId) {
    return jdbc.queryForObject("SELECT ST_Length(track::geography) FROM patrol WHERE id = ?", Double.class, patrolId);
  }
}
