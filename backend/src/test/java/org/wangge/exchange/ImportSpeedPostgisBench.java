package org.wangge.exchange;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.PostgisDatabase;

/** {@link ImportSpeedBench} on PostGIS (a fresh database with grids, no addresses). */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"wangge.demo.grids=${bench.grids:800}", "wangge.demo.addresses=0", "wangge.demo.incidents=0"})
@ContextConfiguration(initializers = {PostgisDatabase.class, ImportDatabase.class})
class ImportSpeedPostgisBench extends ImportSpeedBench {}
