package org.wangge.exchange;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** {@link ImportSpeedBench} on the embedded H2GIS default (a fresh database with grids, no addresses). */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"wangge.demo.grids=${bench.grids:800}", "wangge.demo.addresses=0", "wangge.demo.incidents=0"})
@ContextConfiguration(initializers = ImportDatabase.class)
class ImportSpeedEmbeddedBench extends ImportSpeedBench {}
