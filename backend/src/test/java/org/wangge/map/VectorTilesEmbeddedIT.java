package org.wangge.map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.EmbeddedDatabase;

/** Vector tiles on the embedded H2GIS default, encoded in Java. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class VectorTilesEmbeddedIT extends VectorTilesContract {

  @Override
  Class<? extends TileEncoder> expectedEncoder() {
    return JavaTileEncoder.class;
  }
}
