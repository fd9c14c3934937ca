package org.wangge.field;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.EmbeddedDatabase;

/** Device sign-in, duty and patrols on the embedded H2GIS default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class FieldEmbeddedIT extends FieldContract {

  /** H2GIS measures planar lengths only: in CGCS2000 / 3-degree Gauss-Kruger CM 114E (EPSG:4547). */
  @Override
  double trackLengthMetresInSql(long patrolId) {
    return jdbc.queryForObject("SELECT ST_Length(ST_Transform(track, 4547)) FROM patrol WHERE id = ?", Double.class, patrolId);
  }
}
