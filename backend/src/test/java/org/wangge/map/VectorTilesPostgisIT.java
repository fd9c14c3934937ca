package org.wangge.map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.PostgisDatabase;

/** Vector tiles on PostGIS, encoded by ST_AsMVT. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PostgisDatabase.class)
class VectorTilesPostgisIT extends VectorTilesContract {

  @Override
  Class<? extends TileEncoder> expectedEncoder() {
    return PostgisTileEncoder.class;
  }

  @Override
  String plan(TileLayer layer, TileAddress tile) {
    return String.join(
            "\n",
            jdbc.queryForList(
                "EXPLAIN (ANALYZE, COSTS OFF) " + PostgisTileEncoder.SQL, String.class, PostgisTileEncoder.parameters(layer, tile, "")))
        + "\n";
  }
}
