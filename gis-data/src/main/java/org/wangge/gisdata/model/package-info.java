/**
 * The exchange model of a city's base data: areas, addresses, teams, departments, categories and
 * incidents as plain records. Coordinates are longitude/latitude in EPSG:4326; geometries carry
 * SRID 4326. Shared by the generator, the file formats and the backend's loaders.
 */
package org.wangge.gisdata.model;
