package org.wangge;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Geocoding on the embedded H2GIS default (shares {@link EmbeddedDatabaseIT}'s context). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class GeocodingEmbeddedIT extends GeocodingContract {}
