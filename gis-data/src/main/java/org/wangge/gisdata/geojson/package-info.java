/**
 * RFC 7946 GeoJSON output of the exchange model: FeatureCollections of areas, addresses, members
 * and incidents, plus plain JSON arrays of departments and categories. Streaming (Jackson 3 core),
 * UTF-8, longitude/latitude (EPSG:4326), counter-clockwise exterior rings, at most 7 decimals.
 */
package org.wangge.gisdata.geojson;
